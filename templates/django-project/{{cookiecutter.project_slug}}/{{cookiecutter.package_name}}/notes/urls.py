from rest_framework.routers import DefaultRouter

from .api import APIRootView, NoteViewSet

app_name = "notes"


class Router(DefaultRouter):
    # DRF's own root view would show its docstring, written for developers.
    APIRootView = APIRootView


router = Router()
router.register("notes", NoteViewSet, basename="note")

urlpatterns = router.urls
