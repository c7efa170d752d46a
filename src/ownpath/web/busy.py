"""A SQLite journal busy for longer than the busy timeout answers 503 "try again", not a 500."""

from __future__ import annotations

from django.db import OperationalError
from django.http import HttpResponse

RETRY_AFTER_SECONDS = 2


class DatabaseBusyMiddleware:
    """Turn SQLite's "database is locked" (after waiting the whole busy timeout) into a 503 with
    Retry-After: nothing was saved (the transaction rolled back), so trying again is safe."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError) and "database is locked" in str(exception):
            response = HttpResponse("The journal is busy with another change; nothing was saved. "
                                    "Try again in a moment.", status=503, content_type="text/plain; charset=utf-8")
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
        return None
