"""URL configuration: each area contributes its own routes."""

from django.urls import include, path, re_path

from ownpath.api.api import api
from ownpath.api.scim import scim_endpoint
from ownpath.directory.oidc import CompanySignIn, CompanySignInCallback

urlpatterns: list = [
    path("api/", api.urls),
    re_path(r"^scim/(?P<path>.*)$", scim_endpoint, name="scim"),
    path("sso/login/", CompanySignIn.as_view(), name="sso_login"),
    path("sso/callback/", CompanySignInCallback.as_view(), name="sso_callback"),
    path("", include("ownpath.web.urls")),
]
