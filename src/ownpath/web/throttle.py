"""Throttled log-in: after a few failures for one username from one address, refuse for a while.

Counted in Django's cache, per username and client address, so guessing one person's password
is slowed down without locking that person out from everywhere.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(username: str, address: str) -> str:
    digest = hashlib.sha256(f"{username.strip().lower()}|{address}".encode()).hexdigest()[:32]
    return f"ownpath:login-failures:{digest}"


def client_address(request) -> str:
    """The address the request came from (the proxy's header is trusted only when configured)."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def is_locked_out(username: str, address: str) -> bool:
    """True while this username from this address has used up its failed attempts."""
    return cache.get(_key(username, address), 0) >= settings.OWNPATH_LOGIN_MAX_FAILURES


def record_failure(username: str, address: str) -> None:
    """Count one failed log-in; the count expires after the window."""
    key = _key(username, address)
    window = settings.OWNPATH_LOGIN_WINDOW_SECONDS
    if cache.add(key, 1, window):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)


def clear_failures(username: str, address: str) -> None:
    """Forget the failures after a successful log-in."""
    cache.delete(_key(username, address))
