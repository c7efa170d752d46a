"""No web page shows a command-line command or flag: the web says the same thing as a link or a field.

Every page is enumerated from the web app's routes (the same enumeration and samples as the
every-page browser check), opened for a person with a full journal and for a person on day one
(empty journal, no options, no values), and its visible text is searched for `ownpath <command>`
(the CLI's own command names) and for `--flag` options.
"""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.browser_support import full_journal  # noqa: F401
from tests.web.test_every_page import NOT_PAGES, PUBLIC_PAGES, _routes, _sample_arguments

pytestmark = pytest.mark.django_db

FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+")


def _command_pattern() -> re.Pattern:
    """`ownpath X` for every command and command group the CLI has."""
    from ownpath.cli.main import app

    names = {c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands}
    names |= {g.name for g in app.registered_groups if g.name}
    return re.compile(r"\bownpath (?:" + "|".join(sorted(map(re.escape, names))) + r")\b")


def visible_text(page: str) -> str:
    """The words a person reads on a page: no tags, scripts or styles, entities decoded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(page)


def cli_words(page: str, command: re.Pattern) -> list[str]:
    """Every command or flag the page's text shows."""
    text = visible_text(page)
    return sorted(set(command.findall(text) + FLAG.findall(text)))


def _walk(client: Client, samples: dict) -> dict[str, list[str]]:
    command = _command_pattern()
    found = {}
    for name, _pattern, arguments in _routes():
        if name in NOT_PAGES or any(a not in samples for a in arguments):
            continue
        url = reverse(f"web:{name}", kwargs={a: samples[a] for a in arguments})
        response = client.get(url, follow=True)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        words = cli_words(response.content.decode(), command)
        if words:
            found[url] = words
    return found


def test_the_scan_finds_a_command_and_a_flag():
    page = "<p>Run <code>ownpath log research --hours 2</code>.</p><style>a{--x-y:1}</style>"
    assert cli_words(page, _command_pattern()) == ["--hours", "ownpath log"]
    assert cli_words("<p>Made by ownpath on 2026-12-07 — a report.</p>", _command_pattern()) == []


def test_no_page_shows_cli_words_with_a_full_journal(full_journal):  # noqa: F811
    client = Client()
    samples = _sample_arguments(full_journal)
    full_journal.refresh_from_db()
    client.force_login(full_journal)
    assert _walk(client, samples) == {}


def test_no_page_shows_cli_words_on_day_one(django_user_model):
    person = django_user_model.objects.create_user("newcomer", password="a long unusual phrase 42")
    client = Client()
    client.force_login(person)
    samples = {"run_id": 0, "episode_id": 0, "token_id": 0, "name": "x", "slug": "x", "code": "11-2022.00"}
    assert _walk(client, samples) == {}
    for name in sorted(PUBLIC_PAGES):
        anonymous = Client().get(reverse(f"web:{name}"))
        assert cli_words(anonymous.content.decode(), _command_pattern()) == []
