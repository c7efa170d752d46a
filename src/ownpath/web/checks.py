"""Deployment checks of our own for `ownpath manage check --deploy`."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def secret_key_is_not_the_built_in_one(app_configs=None, **kwargs):
    """The built-in key is public (it is in the source): a server must set its own OWNPATH_SECRET_KEY."""
    if settings.SECRET_KEY == settings.OWNPATH_DEFAULT_SECRET_KEY:
        return [Error("SECRET_KEY is ownpath's built-in key, which anybody can read in the source code.",
                      hint="Set OWNPATH_SECRET_KEY to a long random secret, e.g. from "
                           "python -c 'import secrets; print(secrets.token_urlsafe(50))'.",
                      id="ownpath.E001")]
    return []
