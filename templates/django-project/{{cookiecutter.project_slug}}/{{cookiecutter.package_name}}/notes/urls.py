from rest_framework.routers import DefaultRouter

from .api import NoteViewSet

app_name = "notes"

router = DefaultRouter()
router.register("notes", NoteViewSet, basename="note")

urlpatterns = router.urls
