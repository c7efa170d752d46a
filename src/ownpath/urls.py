"""URL configuration: each area contributes its own routes."""

from django.urls import include, path

from ownpath.api.api import api

urlpatterns: list = [
    path("api/", api.urls),
    path("", include("ownpath.web.urls")),
]
