"""Local single-user mode (`ownpath serve --local`): no log-in screen, only on loopback."""

from __future__ import annotations

import ipaddress

from django.conf import settings


def is_loopback(address: str) -> bool:
    """True for 127.0.0.0/8 and ::1."""
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class LocalUserMiddleware:
    """Act as the CLI's local user for requests from this machine when local mode is on.

    `ownpath serve --local` only binds to a loopback address; this check on the client
    address is a second guard, so a misconfigured proxy cannot open the journal to others.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (settings.OWNPATH_LOCAL_MODE and not request.user.is_authenticated
                and not request.path.startswith("/api/")
                and is_loopback(request.META.get("REMOTE_ADDR", ""))):
            from ownpath.journal.services import local_user

            request.user = local_user()
            request.ownpath_local = True
        return self.get_response(request)
