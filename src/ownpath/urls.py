"""URL configuration: each area contributes its own routes."""

from django.urls import include, path

from ownpath.api.api import api
from ownpath.api.scim import scim_endpoint
from ownpath.directory.oidc import CompanySignIn, CompanySignInCallback

urlpatterns: list = [
    path("api/", api.urls),
    # SCIM 2.0 provisioning by the company's directory, and single sign-on with its identity provider.
    path("", include(([path("scim/<path:path>", scim_endpoint, name="endpoint")], "scim"))),
    path("", include(([path("sso/login/", CompanySignIn.as_view(), name="login"),
                       path("sso/callback/", CompanySignInCallback.as_view(), name="callback")], "sso"))),
    path("", include("ownpath.web.urls")),
]
