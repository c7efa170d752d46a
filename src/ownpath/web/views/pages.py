"""The start page."""

from __future__ import annotations

from django.shortcuts import redirect


def home(request):
    """Logged in: straight to the quick log; otherwise to the log-in page.

    Your own journal on this computer (local mode) opens on the welcome on day one, as a new
    account does after signing up; a person logging in goes to the day's job.
    """
    if not request.user.is_authenticated:
        return redirect("web:login")
    from ownpath.web.views.first_run import needs_welcome

    local_first_run = getattr(request, "ownpath_local", False) and needs_welcome(request.user)
    return redirect("web:welcome" if local_first_run else "web:journal")


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


def manifest(request):
    """The web app manifest: ownpath installs as an app that opens on the quick log."""
    from django.http import JsonResponse
    from django.urls import reverse

    icon = lambda name: reverse("web:static", args=[f"web/{name}"])  # noqa: E731
    data = {
        "name": "ownpath", "short_name": "ownpath", "description": "Your work journal: what gives you energy.",
        "start_url": reverse("web:journal"), "scope": reverse("web:home"), "display": "standalone",
        "background_color": "#f6f7f9", "theme_color": "#2a5db0",
        "icons": [{"src": icon("icon-192.png"), "sizes": "192x192", "type": "image/png"},
                  {"src": icon("icon-512.png"), "sizes": "512x512", "type": "image/png"},
                  {"src": icon("favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    return JsonResponse(data, content_type="application/manifest+json")


def service_worker(request):
    """The service worker, served from the site's root so that its scope covers the whole app."""
    from django.contrib.staticfiles import finders
    from django.http import FileResponse
    from django.utils.cache import patch_cache_control

    response = FileResponse(open(finders.find("web/service-worker.js"), "rb"), content_type="text/javascript")
    # Browsers check for a new worker on each visit; never let a cache hold an old one.
    patch_cache_control(response, no_cache=True, max_age=0)
    return response
