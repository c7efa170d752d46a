"""Every page of the web app, read from Django's URL resolver, so routes added later are covered too."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Parts of the site that are not pages: the JSON API (tested from its OpenAPI schema) and static files.
NOT_PAGES = ("api/", "static/")


@dataclass(frozen=True)
class Route:
    """One named route: its full name (``web:journal``), its pattern and the parameters it takes."""

    name: str
    pattern: str
    parameters: tuple[str, ...]

    def path(self, values: dict[str, object]) -> str:
        """The route's URL with each parameter taken from ``values`` (KeyError if one is missing)."""
        return reverse(self.name, kwargs={p: values[p] for p in self.parameters})


def _walk(patterns, prefix: str, namespace: str):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}".strip(":") if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            pattern = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Route(name, pattern, tuple(entry.pattern.converters))


def page_routes() -> list[Route]:
    """Every named route of the site except the API and static files."""
    return [route for route in _walk(get_resolver().url_patterns, "", "")
            if not route.pattern.startswith(NOT_PAGES)]
