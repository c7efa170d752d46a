"""System checks of the single sign-on settings (`ownpath manage check --deploy` reports them)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security)
def check_single_sign_on(app_configs=None, **kwargs) -> list:
    """Half-configured sign-in, a plain-HTTP identity provider, or nobody able to log in at all."""
    problems = []
    issuer, client = settings.OWNPATH_OIDC_ISSUER, settings.OWNPATH_OIDC_CLIENT_ID
    if bool(issuer) != bool(client):
        problems.append(Error("Single sign-on needs both OWNPATH_OIDC_ISSUER and OWNPATH_OIDC_CLIENT_ID.",
                              id="ownpath.E101"))
    if not settings.OWNPATH_LOCAL_ACCOUNTS and not (issuer and client):
        problems.append(Error("OWNPATH_LOCAL_ACCOUNTS=0 without single sign-on: nobody could log in.",
                              hint="Set OWNPATH_OIDC_ISSUER and OWNPATH_OIDC_CLIENT_ID, or keep local accounts.",
                              id="ownpath.E102"))
    host = urlsplit(issuer).hostname or ""
    if issuer and urlsplit(issuer).scheme != "https" and host not in ("127.0.0.1", "localhost", "::1"):
        problems.append(Warning("OWNPATH_OIDC_ISSUER is not an https URL: tokens would cross the network in clear.",
                                id="ownpath.W103"))
    return problems
