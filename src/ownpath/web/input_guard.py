"""Refuse request text no database can store, before any view sees it.

PostgreSQL text cannot hold a NUL character (``\\x00``); a view that filters or saves such a
value would fail with a server error. One check here covers every page and form, present and future.
"""

from __future__ import annotations

from django.http import HttpResponse


def _field_with_nul(request) -> str | None:
    if "\x00" in request.path:
        return "the address"
    sources = [request.GET]
    if request.method == "POST" and request.content_type in {"application/x-www-form-urlencoded",
                                                              "multipart/form-data"}:
        sources.append(request.POST)
    for source in sources:
        for key, values in source.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return key.replace("\x00", "\\x00")
    return None


class RefuseNulCharactersMiddleware:
    """Answer 400, naming the field, when a query string, form field or path holds a NUL character."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        field = _field_with_nul(request)
        if field is not None:
            return HttpResponse(f"{field}: contains a NUL character (\\x00), which is not text", status=400,
                                content_type="text/plain; charset=utf-8")
        return self.get_response(request)
