"""No response with a person's data is kept by a browser's or a proxy's cache.

A page or API answer may show other people's shared items, team figures or conversations; a
shared computer's back button or a caching proxy must not replay it after log-out or after a
share is revoked. One middleware covers every page and API operation, present and future.
"""

from __future__ import annotations


class NoStoreMiddleware:
    """Send ``Cache-Control: no-store`` unless the view chose its own caching (static files,
    the service worker, the calendar feed), which never carry other people's data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        return response
