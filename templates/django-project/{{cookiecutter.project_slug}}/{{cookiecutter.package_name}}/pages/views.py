from django.http import JsonResponse
from django.views.generic import TemplateView


class HomeView(TemplateView):
    template_name = "pages/home.html"


def health(request):
    """For load balancers and container health checks: the process serves
    requests (the database is not asked, so a slow one restarts nothing)."""
    return JsonResponse({"status": "ok"})
