"""URL configuration: each area contributes its own routes."""

from django.urls import include, path, re_path

from ownpath.api.api import api
from ownpath.api.scim import scim_endpoint

urlpatterns: list = [
    path("api/", api.urls),
    re_path(r"^scim/(?P<path>.*)$", scim_endpoint, name="scim"),
    path("", include("ownpath.web.urls")),
]
