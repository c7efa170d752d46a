"""Every page of the web app in real Chromium, on a phone (390×844) and a laptop (1366×900).

The pages are enumerated from the web app's routes, so a new page is checked without
editing this file (a route with a new kind of argument fails until it is given a sample
below). Each page: no sideways scrolling of the page itself, zero axe-core violations, chart
text at 11 px or more, an <h1>; screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import pytest

from tests.web.browser_support import CHROMIUM, LAPTOP, PHONE, check_page, chromium_context, full_journal, log_in  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium "
                                                       "(apt-get install chromium; .ci/run installs it)"),
]

PUBLIC_PAGES = {"login", "signup"}
# Routes that are not pages (files, or actions a form posts to).
NOT_PAGES = {"static", "logout", "manifest", "service_worker", "reminders_calendar", "conversation_export",
             "share_preview",  # an HTMX partial, checked inside the Sharing page
             "import_run_status",  # an HTMX partial, checked inside the import run's page
             "export_journal",  # a file download (the journal), offered on the Account page
             "relation_change_answer"}  # the answer to a change of manager: a form on the Sharing page


def _sample_arguments(user) -> dict:
    """A value for each kind of route argument: one of the person's own objects, or one shared with them.

    The person is placed in the demo workplace (a member of Research under maya, manager of Platform
    with kai, who shares with them), and is its admin and people lead too, so every team page opens.
    """
    from ownpath.conversations.models import Conversation
    from ownpath.demo.workplace import fill_demo_workplace
    from ownpath.imports.models import ImportRun
    from ownpath.journal.models import Episode
    from ownpath.options.models import Option
    from ownpath.sharing.services import share
    from ownpath.teams import services as teams
    from ownpath.teams.models import Membership, OrganisationRole

    fill_demo_workplace(user)
    platform = Membership.objects.get(person=user, role=Membership.MANAGER).team
    organisation = platform.organisation
    for role in (OrganisationRole.ADMIN, OrganisationRole.PEOPLE_LEAD):
        OrganisationRole.objects.get_or_create(organisation=organisation, person=user, role=role)
    report = Membership.objects.filter(team=platform, role=Membership.MEMBER).first().person
    for item in ("growth_share", "track_fit"):
        share(report, item, "manager")
    conversation = Conversation.objects.filter(person=user).first()
    big_import = ImportRun.objects.create(user=user, filename="calendar-export.ics", entries=12_000)  # waiting
    # A change the person made, whose forecast ownpath keeps (the Forecasts page then has one).
    from ownpath.options.forecasts import took_option
    from ownpath.options.services import add_option

    add_option(user, "Research lead", mix={"research": 20, "managing": 10})
    kept = took_option(user, "Research lead")
    return {"run_id": big_import.pk, "episode_id": Episode.objects.filter(user=user).latest("id").id, "token_id": 1,
            "name": "Analyst", "slug": Option.objects.get(user=user, name="Analyst").slug, "code": "11-2022.00",
            "share_id": share(user, "growth_share", "team").pk, "item": "growth_share", "person_id": report.pk,
            "token": teams.invite(user, organisation, team=platform).token, "organisation_id": organisation.pk,
            "invitation_id": teams.invite(user, organisation, team=platform).pk, "team_id": platform.pk,
            "conversation_id": conversation.pk, "item_id": conversation.agenda.first().pk,
            "forecast_id": kept.pk,
            "agreement_id": conversation.agreements.first().pk if conversation.agreements.exists()
            else Conversation.objects.filter(person=user, agreements__isnull=False).first().agreements.first().pk}


def _routes():
    """(name, pattern, argument names) of every route of the web app."""
    from ownpath.web import urls

    for pattern in urls.urlpatterns:
        yield pattern.name, pattern.pattern, list(pattern.pattern.converters)


def _pages(live_server, user):
    """(name, url) of every page a person can open, from the routes; unknown arguments fail."""
    from django.urls import reverse

    samples = _sample_arguments(user)
    pages, unknown = [], []
    for name, _pattern, arguments in _routes():
        if name in NOT_PAGES:
            continue
        missing = [a for a in arguments if a not in samples]
        if missing:
            unknown.append(f"{name} ({', '.join(missing)})")
            continue
        pages.append((name, reverse(f"web:{name}", kwargs={a: samples[a] for a in arguments})))
    assert not unknown, f"give these route arguments a sample in _sample_arguments: {unknown}"
    return pages


@pytest.mark.parametrize("size_name, viewport", [("phone", PHONE), ("laptop", LAPTOP)])
def test_every_page_fits_the_screen_passes_axe_and_keeps_chart_text_legible(
        live_server, full_journal, size_name, viewport):
    problems, visited = [], []
    with chromium_context(live_server, viewport) as context:
        page = context.new_page()
        page.set_default_timeout(20_000)
        for name in sorted(PUBLIC_PAGES):
            from django.urls import reverse

            page.goto(live_server.url + reverse(f"web:{name}"))
            problems += check_page(page, name, size_name)
            visited.append(name)
        pages = _pages(live_server, full_journal)
        full_journal.refresh_from_db()  # the demo workplace re-saves the person: log in as they are now
        log_in(context, live_server, full_journal)
        for name, url in pages:
            if name in PUBLIC_PAGES:
                continue
            probe = page.request.get(live_server.url + url, max_redirects=0)
            if probe.status in (301, 302, 405):
                continue  # an action a form posts to, or a redirect to another page
            assert probe.status == 200, f"{name} ({url}) answered {probe.status}"
            page.goto(live_server.url + url)
            problems += check_page(page, name, size_name)
            visited.append(name)
    assert {"journal", "insights", "values", "options", "compare", "occupation", "occupation_fit",
            "edit_entry", "option_edit", "report", "forecasts"} <= set(visited), visited
    assert not problems, "\n".join(problems)
