"""The project's URLs; each app keeps its own urls.py."""

{% if cookiecutter.debug_toolbar or cookiecutter.wagtail -%}
from django.conf import settings
{% endif -%}
{% if cookiecutter.wagtail -%}
from django.conf.urls.static import static
{% endif -%}
from django.contrib import admin
from django.urls import include, path
{%- if cookiecutter.wagtail %}
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
{%- endif %}

urlpatterns = [
    path("", include("{{ cookiecutter.package_name }}.pages.urls")),
    path("accounts/", include("{{ cookiecutter.package_name }}.users.urls")),
    path("admin/", admin.site.urls),
{%- if cookiecutter.drf %}
    path("api/", include("{{ cookiecutter.package_name }}.notes.urls")),
{%- endif %}
{%- if cookiecutter.wagtail %}
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Wagtail serves its page tree here; the pages app keeps the site root.
    path("content/", include(wagtail_urls)),
{%- endif %}
]
{%- if cookiecutter.wagtail %}

# Uploaded images and documents; static() serves them only when DEBUG is on.
# In production, serve MEDIA_ROOT from the web server or object storage.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
{%- endif %}
{%- if cookiecutter.debug_toolbar %}

# Only dev settings install the toolbar (a dev dependency).
if "debug_toolbar" in settings.INSTALLED_APPS:
    from debug_toolbar.toolbar import debug_toolbar_urls

    urlpatterns += debug_toolbar_urls()
{%- endif %}
