"""Refuse request text no database can store, before any view sees it.

PostgreSQL text cannot hold a NUL character (``\\x00``); a view that filters or saves such a
value would fail with a server error. One check here covers every page and form, present and future.
"""

from __future__ import annotations

from django.http import HttpResponse


def _nul_in(source) -> str | None:
    for key, values in source.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return key.replace("\x00", "\\x00")
    return None


def _refusal(field: str) -> HttpResponse:
    return HttpResponse(f"{field}: contains a NUL character (\\x00), which is not text", status=400,
                        content_type="text/plain; charset=utf-8")


class RefuseNulCharactersMiddleware:
    """Answer 400, naming the field, when a path, query string or form field holds a NUL character."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        field = "the address" if "\x00" in request.path else _nul_in(request.GET)
        return _refusal(field) if field else self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Views exempt from CSRF (the JSON API) read the raw body themselves: parsing it here as a
        # form would consume it. The API's schemas refuse NULs in JSON (ownpath.api.strict).
        if request.method != "POST" or getattr(view_func, "csrf_exempt", False):
            return None
        if request.content_type not in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            return None
        field = _nul_in(request.POST)
        return _refusal(field) if field else None
