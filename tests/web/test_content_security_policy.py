"""A strict Content-Security-Policy on every response, and every page works under it in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from tests.web.site_map import page_routes
from tests.web.test_browser import CHROMIUM, page  # noqa: F401  (the Chromium page fixture)

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "ownpath" / "web" / "templates"
STRICT = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
          "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/login/", "/journal/", "/api/openapi.json", "/static/web/app.css", "/no-such-page/"])
def test_every_response_carries_the_strict_policy(path):
    policy = Client().get(path)["Content-Security-Policy"]
    for directive in STRICT:
        assert directive in policy
    assert "unsafe" not in policy


def test_no_template_has_inline_scripts_styles_or_event_handlers():
    found = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        if template.name != "report.html":  # the self-contained report: its <style> is allowed by hash
            found += [f"{template.name}: <style>" for _ in re.findall(r"<style", text)]
        found += [f"{template.name}: inline <script>" for tag in re.findall(r"<script\b[^>]*>", text) if "src=" not in tag]
        found += [f"{template.name}: {m}" for m in re.findall(r"\sstyle=|\son[a-z]+=", text)]
    assert not found


def _sample_values(user) -> dict[str, object]:
    """An object of each kind a page's URL can name, owned by `user`."""
    import datetime as dt

    from ownpath.journal.services import log_episode
    from ownpath.occupations.services import load_onet_release
    from ownpath.options.services import add_option

    load_onet_release([Path(__file__).resolve().parents[1] / "fixtures" / "onet"], with_pay=False)
    episode = log_episode(user, {"date": dt.date.today() - dt.timedelta(days=1), "activity": "research",
                                 "hours": 2, "energy": 1})
    option = add_option(user, "Research / analysis lead", mix="research=20,writing=10", pay=80000, current=True)
    values = {"episode_id": episode.id, "code": "11-2022.00", "token_id": 1}
    for field in ("slug", "name", "option_id"):
        values[field] = getattr(option, {"option_id": "id"}.get(field, field), None)
    return values


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")
def test_every_page_loads_in_chromium_without_a_policy_violation(page, live_server, user):  # noqa: F811
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])
    values = _sample_values(user)
    visited = []
    for route in page_routes():
        path = route.path(values)
        if client.get(path).status_code == 405:  # a POST-only action has no page to load
            continue
        response = page.goto(live_server.url + path)
        assert response.status < 500, route
        visited.append(route.name)
    page.goto(live_server.url + "/report/")
    page.goto(live_server.url + "/api/docs")
    page.wait_for_selector("#swagger-ui .info")  # Swagger UI ran: its script and styles were allowed
    assert {"web:journal", "web:insights", "web:option_edit", "web:occupation"} <= set(visited)
    assert not page.csp_violations
