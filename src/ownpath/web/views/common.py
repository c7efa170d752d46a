"""What every personal page shares: log-in required, other people's objects are missing."""

from __future__ import annotations

import functools

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django_htmx.http import HttpResponseClientRedirect

from ownpath.errors import NotFound


def person_view(view):
    """A page of one person's data: needs a logged-in person; NotFound becomes a 404.

    An HTMX request whose session has expired sends the whole browser page to log-in (and back
    to that page afterwards), instead of swapping the log-in form into a part of the page.
    """

    @login_required
    @functools.wraps(view)
    def logged_in(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from None

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if getattr(request, "htmx", False) and not request.user.is_authenticated:
            back_to = request.htmx.current_url_abs_path or request.get_full_path()
            return HttpResponseClientRedirect(redirect_to_login(back_to).url)
        return logged_in(request, *args, **kwargs)

    return wrapper
