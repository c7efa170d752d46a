"""Throttled log-in: after a few failures for one username from one address, refuse for a while.

Counted per username and client address, so guessing one person's password is slowed down
without locking that person out from everywhere. The counters live in the database so that
every process of `ownpath serve --workers N` shares them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ownpath.web.models import LoginFailures


def throttle_username(username: str) -> str:
    """The username as the throttle counts it: NFKC-normalised (as Django's log-in form does) and
    case-folded, so ``ｕｓｅｒ１`` or ``USER1`` share the failures of ``user1``."""
    folded = unicodedata.normalize("NFKC", username).strip().casefold()
    return unicodedata.normalize("NFKC", folded)  # folding can leave characters NFKC would change


def _key(username: str, address: str) -> str:
    return hashlib.sha256(f"{throttle_username(username)}|{address}".encode()).hexdigest()


def client_address(request) -> str:
    """The address the request came from. Behind OWNPATH_TRUSTED_PROXY waitress has already put the
    client's address from X-Forwarded-For here; nobody else's X-Forwarded-For is believed."""
    return request.META.get("REMOTE_ADDR", "")


def _window_start() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.OWNPATH_LOGIN_WINDOW_SECONDS)


def is_locked_out(username: str, address: str) -> bool:
    """True while this username from this address has used up its failed attempts."""
    return LoginFailures.objects.filter(key=_key(username, address), window_started_at__gte=_window_start(),
                                        failures__gte=settings.OWNPATH_LOGIN_MAX_FAILURES).exists()


def record_failure(username: str, address: str) -> None:
    """Count one failed log-in; a window that has passed starts again from one."""
    key, now = _key(username, address), timezone.now()
    with transaction.atomic():
        if LoginFailures.objects.filter(key=key, window_started_at__gte=_window_start()).update(
                failures=F("failures") + 1):
            return
        updated = LoginFailures.objects.filter(key=key).update(failures=1, window_started_at=now)
        if not updated:
            try:
                with transaction.atomic():
                    LoginFailures.objects.create(key=key, failures=1, window_started_at=now)
            except IntegrityError:  # another request created it meanwhile
                LoginFailures.objects.filter(key=key).update(failures=F("failures") + 1)


def clear_failures(username: str, address: str) -> None:
    """Forget the failures after a successful log-in."""
    LoginFailures.objects.filter(key=_key(username, address)).delete()
