"""An entry's context — where, with whom, tools, start time, flow — validated, saved and carried everywhere."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ownpath.errors import UserInputError
from ownpath.imports.models import PendingEvent
from ownpath.imports.planning import ImportOptions
from ownpath.imports.rating import rate_group, rating_groups
from tests.imports.helpers import import_file
from ownpath.journal.models import Episode
from ownpath.journal.services import context_lists_for, export_journal, import_journal, log_episode
from ownpath.journal.validation import FieldError, parse_people, parse_place, parse_tools, validate_episode
from tests.imports.ics_factory import BERLIN, calendar, event

YESTERDAY = (dt.date.today() - dt.timedelta(days=1)).isoformat()
CONTEXT = {"where": "client site", "with": "Sam, clients", "tools": "figma, Excel", "start": "09:30", "flow": True}


def test_people_kinds_are_written_one_way_and_names_kept():
    assert parse_people("Sam;  clients , team,boss, sam") == "Sam, customers, my team, my manager"


def test_alone_with_somebody_is_refused_naming_the_with_field():
    with pytest.raises(FieldError) as error:
        parse_people("alone, Sam")
    assert error.value.field == "with" and "alone" in error.value.message


def test_place_longer_than_80_characters_is_refused_naming_where():
    with pytest.raises(FieldError) as error:
        parse_place("x" * 81)
    assert error.value.field == "where" and "80" in error.value.message


def test_tools_are_deduplicated_case_insensitively_keeping_the_first_spelling():
    assert parse_tools(["Figma", "figma", " excel "]) == "Figma, excel"


def test_validate_episode_reports_every_bad_context_field():
    raw = {"date": YESTERDAY, "activity": "research", "hours": 1, "energy": 1,
           "where": "a\x01b", "with": "alone, Sam", "tools": "t" * 300, "flow": "maybe", "start": "25:00"}
    _, errors = validate_episode(raw, ["research"])
    assert {e.field for e in errors} == {"where", "with", "tools", "flow", "start"}


@pytest.mark.django_db
def test_logged_context_is_saved(user):
    episode = log_episode(user, {"date": YESTERDAY, "activity": "customers", "hours": 1, "energy": -1, **CONTEXT})
    episode.refresh_from_db()
    assert (episode.place, episode.with_whom, episode.tools, episode.start_time, episode.flow) == (
        "client site", "Sam, customers", "figma, Excel", dt.time(9, 30), True)


@pytest.mark.django_db
def test_bad_context_refuses_the_whole_entry(user):
    with pytest.raises(UserInputError, match="with: 'alone' cannot go with other people"):
        log_episode(user, {"date": YESTERDAY, "activity": "research", "hours": 1, "energy": 1, "with": "alone, Kim"})
    assert not Episode.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["json", "csv"])
def test_export_then_import_keeps_the_context(user, other_user, file_format):
    log_episode(user, {"date": YESTERDAY, "activity": "customers", "hours": 1, "energy": -1, **CONTEXT})
    log_episode(user, {"date": YESTERDAY, "activity": "research", "hours": 2, "energy": 2})
    text = export_journal(user, file_format)
    import_journal(other_user, text, file_format)
    fields = ("date", "start_time", "activity__slug", "place", "with_whom", "tools", "flow")
    mine = list(Episode.objects.filter(user=user).order_by("hours").values_list(*fields))
    theirs = list(Episode.objects.filter(user=other_user).order_by("hours").values_list(*fields))
    assert theirs == mine and mine[0][3:] == ("client site", "Sam, customers", "figma, Excel", True)


@pytest.mark.django_db
def test_ownpath_import_reads_the_csv_context_columns(user, other_user):
    log_episode(user, {"date": YESTERDAY, "activity": "customers", "hours": 1, "energy": -1, **CONTEXT})
    import_file(other_user, export_journal(user, "csv"), "journal.csv")
    episode = Episode.objects.get(user=other_user)
    assert (episode.place, episode.with_whom, episode.tools, episode.flow, episode.start_time) == (
        "client site", "Sam, customers", "figma, Excel", True, dt.time(9, 30))


@pytest.mark.django_db
def test_context_lists_are_the_persons_own_most_used_first(user, other_user):
    for place in ("home", "office", "home"):
        log_episode(user, {"date": YESTERDAY, "activity": "research", "hours": 1, "energy": 1, "where": place,
                           "with": "Sam", "tools": "vim"})
    log_episode(other_user, {"date": YESTERDAY, "activity": "research", "hours": 1, "energy": 1, "where": "moon base"})
    lists = context_lists_for(user)
    assert lists["places"] == ["home", "office"] and lists["tools"] == ["vim"]
    assert lists["people"][0] == "Sam" and "customers" in lists["people"]


@pytest.mark.django_db
def test_calendar_import_carries_time_attendees_and_location_into_the_rated_entry(user):
    start = dt.datetime(2025, 3, 4, 14, 0, tzinfo=BERLIN)
    meeting = event("visit@x", "Visit at Acme", start, start + dt.timedelta(hours=2), location="Acme HQ, Berlin",
                    organiser=("Dana Lee", "dana@example.com"), attendees=["dana@example.com", "kim@acme.test"])
    options = ImportOptions(since=dt.date(2025, 3, 1), until=dt.date(2025, 3, 31), time_zone="Europe/Berlin")
    import_file(user, calendar(meeting), "cal.ics", options)
    assert PendingEvent.objects.get(user=user).place == "Acme HQ, Berlin"
    group = rating_groups(user, dt.date(2025, 3, 1), dt.date(2025, 3, 31))[0]
    rate_group(user, group.key, 1, activity="customers", since=dt.date(2025, 3, 1), until=dt.date(2025, 3, 31))
    episode = Episode.objects.get(user=user)
    assert (episode.start_time, episode.place, episode.with_whom) == (dt.time(14, 0), "Acme HQ, Berlin",
                                                                       "Dana Lee, kim@acme.test")


def test_cli_log_accepts_the_context_options(cli):
    done = cli("log", "customers", "--hours", "1", "--energy", "-1", "--date", YESTERDAY, "--where", "home",
               "--with", "Sam,customers", "--tools", "figma", "--start", "09:30", "--flow")
    assert done.exit_code == 0, done.output
    row = json.loads(cli("journal", "--json").output)[0]
    assert (row["where"], row["with"], row["tools"], row["start"], row["flow"]) == (
        "home", "Sam, customers", "figma", "09:30:00", True)


def test_cli_log_bad_where_exits_2_naming_the_field(cli):
    done = cli("log", "research", "--hours", "1", "--energy", "1", "--where", "x" * 81)
    assert done.exit_code == 2 and "where" in done.output
