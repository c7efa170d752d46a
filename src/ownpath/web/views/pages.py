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


def manifest(request):
    """The web app manifest: ownpath installs as an app that opens on the quick log."""
    from django.http import JsonResponse
    from django.templatetags.static import static
    from django.urls import reverse

    icon = lambda name: static(f"web/{name}")  # noqa: E731
    data = {
        "name": "ownpath", "short_name": "ownpath", "description": "Your work journal: what gives you energy.",
        "start_url": reverse("web:journal"), "scope": reverse("web:home"), "display": "standalone",
        "background_color": "#f6f7f9", "theme_color": "#2a5db0",
        "icons": [{"src": icon("icon-192.png"), "sizes": "192x192", "type": "image/png"},
                  {"src": icon("icon-512.png"), "sizes": "512x512", "type": "image/png"},
                  {"src": icon("favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    return JsonResponse(data, content_type="application/manifest+json")


SHELL = ("web/app.css", "web/app.js", "web/htmx.min.js", "web/favicon.svg", "web/icon-192.png")


def service_worker(request):
    """The service worker, served from the site's root so that its scope covers the whole app.

    Its shell lists the static files by their current (hashed) URLs, the ones the pages load, so the
    quick log opens offline after one visit; the cache is named after them.
    """
    import hashlib
    import json
    import re
    from pathlib import Path

    from django.contrib.staticfiles import finders
    from django.http import HttpResponse
    from django.templatetags.static import static
    from django.utils.cache import patch_cache_control

    shell = [static(name) for name in SHELL]
    version = hashlib.blake2b("\n".join(shell).encode(), digest_size=6).hexdigest()
    source = Path(finders.find("web/service-worker.js")).read_text(encoding="utf-8")
    source = source.replace('var CACHE = "ownpath-v1";', f'var CACHE = "ownpath-{version}";')
    source = re.sub(r"var SHELL = \[.*?\];", lambda _: f"var SHELL = {json.dumps(shell)};", source,
                    count=1, flags=re.S)
    response = HttpResponse(source, content_type="text/javascript")
    # Browsers check for a new worker on each visit; never let a cache hold an old one.
    patch_cache_control(response, no_cache=True, max_age=0)
    return response
