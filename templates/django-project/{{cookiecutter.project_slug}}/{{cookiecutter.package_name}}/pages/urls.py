from django.urls import path

{% if cookiecutter.server == "asgi" -%}
from .async_views import upstream_status
{% endif -%}
from .views import HomeView, favicon, health

app_name = "pages"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("health", health, name="health"),
    path("favicon.ico", favicon, name="favicon"),
{%- if cookiecutter.server == "asgi" %}
    path("upstream-status/", upstream_status, name="upstream_status"),
{%- endif %}
]
