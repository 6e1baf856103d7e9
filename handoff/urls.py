"""All routes. Every route here is probed by tests/isolation as every persona."""

from django.contrib import admin
from django.urls import include, path

from handoff.interfaces.api.api import api

admin.site.site_header = "handoff administration"
admin.site.site_title = "handoff admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("handoff.interfaces.web.urls")),
]
