from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView


class HomeView(TemplateView):
    template_name = "pages/home.html"


def health(request):
    """For load balancers and container health checks: the process serves
    requests (the database is not asked, so a slow one restarts nothing)."""
    return JsonResponse({"status": "ok"})


@require_safe
def favicon(request):
    """Send browsers to the site's icon, which they ask for here on the pages
    that link none (the admin's, a JSON answer)."""
    return redirect(static("favicon.svg"))
