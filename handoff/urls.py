"""All routes. Every route here is probed by tests/isolation as every persona."""

from django.contrib import admin
from django.urls import include, path, re_path

from handoff.interfaces.api.api import api
from handoff.interfaces.api.errors import not_found_view as api_not_found
from handoff.interfaces.web.views.auth import admin_login

admin.site.site_header = "handoff administration"
admin.site.site_title = "handoff admin"

urlpatterns = [
    path("admin/login/", admin_login, name="admin_login"),  # one (throttled) login page for everyone
    path("admin/", admin.site.urls),
    path("api/", api_not_found),  # the API root and any unknown API path: a JSON 404 in the API's error format
    path("api/", api.urls),
    re_path(r"^api/", api_not_found),
    path("", include("handoff.interfaces.web.urls")),
]
