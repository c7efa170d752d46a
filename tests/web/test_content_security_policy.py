"""A strict Content-Security-Policy on every response, and every page works under it in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from tests.web.test_browser import CHROMIUM, page  # noqa: F401  (the Chromium page fixture)
from tests.web.test_privacy import all_routes, concrete_url, owners_data  # noqa: F401  (routes, objects)

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


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")
def test_every_page_loads_in_chromium_without_a_policy_violation(page, live_server, user, owners_data):  # noqa: F811
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])
    visited = []
    for route, name, params in all_routes():  # from the URL resolver: new pages are covered too
        if route.startswith(("api/", "static/")):
            continue
        url = concrete_url(route, params, owners_data)
        probe = client.get(url)
        if probe.status_code == 405:  # a POST-only action has no page to load
            continue
        if not probe.get("Content-Type", "").startswith("text/html"):  # a download (export, calendar feed)
            continue
        response = page.goto(live_server.url + url)
        assert response.status < 500, url
        visited.append(name)
    page.goto(live_server.url + "/api/docs")
    page.wait_for_selector("#swagger-ui .info")  # Swagger UI ran: its script and styles were allowed
    assert {"web:journal", "web:insights", "web:report", "web:option_edit", "web:occupation"} <= set(visited)
    assert not page.csp_violations
