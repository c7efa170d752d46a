"""What every personal page shares: log-in required, other people's objects are missing."""

from __future__ import annotations

import functools

from django.contrib.auth.decorators import login_required
from django.http import Http404

from ownpath.errors import NotFound


def person_view(view):
    """A page of one person's data: needs a logged-in person; NotFound becomes a 404."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from None

    return wrapper
