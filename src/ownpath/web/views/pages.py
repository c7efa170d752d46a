"""The start page."""

from __future__ import annotations

from django.shortcuts import redirect


def home(request):
    """Logged in: straight to the quick log; otherwise to the log-in page."""
    return redirect("web:journal" if request.user.is_authenticated else "web:login")


def static_file(request, path: str):
    """A file from an installed app's static folder (ours, the vendored htmx, Swagger UI).

    The app serves its few static files itself so that `ownpath serve` needs no web server in
    front and no page ever loads an asset from the internet.
    """
    from django.contrib.staticfiles import finders
    from django.http import FileResponse, Http404
    from django.utils.cache import patch_cache_control

    found = finders.find(path)
    if not found or request.method not in {"GET", "HEAD"}:
        raise Http404("no such file")
    response = FileResponse(open(found, "rb"))
    patch_cache_control(response, public=True, max_age=3600)
    return response
