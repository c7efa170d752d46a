"""Import services: one transaction per file, no duplicates, ratings remembered per series."""

from __future__ import annotations

import datetime as dt

import pytest

from ownpath.errors import ImportRejected, UserInputError
from ownpath.imports.models import PendingEvent, RememberedChoice
from ownpath.imports.formats.daylio import NeedsActivityMapping, confirm_daylio_mapping, daylio_mapping_for
from ownpath.imports.planning import ImportOptions, apply_import, plan_import
from ownpath.imports.rating import apply_remembered_ratings, dismiss_group, rate_group, rating_groups, week_bounds
from ownpath.imports.rules import add_rule, remove_rule, reset_rules, rule_data_for, rules_for, set_rules
from tests.imports.helpers import import_file
from ownpath.journal.models import Episode
from ownpath.journal.services import export_journal, import_journal
from tests.imports.ics_factory import BERLIN, calendar, event, weekly_one_to_one
from tests.imports.test_import_daylio import EXPORT as DAYLIO_EXPORT

pytestmark = pytest.mark.django_db
SPRING = ImportOptions(since=dt.date(2025, 3, 1), until=dt.date(2025, 4, 30), time_zone="Europe/Berlin")


def test_calendar_events_wait_for_a_rating_and_reimport_adds_nothing(user):
    first = import_file(user, weekly_one_to_one(), "cal.ics", SPRING)
    assert first == {"imported": 0, "pending": 5, "skipped_duplicates": 0, "format": "ics"}
    assert Episode.objects.count() == 0
    again = import_file(user, weekly_one_to_one(), "cal.ics", SPRING)
    assert again["pending"] == 0 and again["skipped_duplicates"] == 5
    assert PendingEvent.objects.filter(user=user).count() == 5


def test_calendar_events_get_activities_from_rules(user):
    import_file(user, weekly_one_to_one(), "cal.ics", SPRING)
    by_title = dict(PendingEvent.objects.values_list("title", "activity__slug").distinct())
    assert by_title["1:1 Alex / Sam"] == "managing" and by_title["Product demo for Acme"] == "selling"


def test_an_event_in_an_unknown_time_zone_is_left_out_with_its_reason_and_the_rest_imported(user):
    good = event("good@x", "Team sync", dt.datetime(2025, 3, 3, 9, tzinfo=BERLIN), dt.datetime(2025, 3, 3, 10, tzinfo=BERLIN))
    text = calendar(good).decode().replace(
        "END:VCALENDAR", "BEGIN:VEVENT\r\nUID:mars@x\r\nDTSTART;TZID=Mars/Olympus:20250310T100000\r\n"
                         "DTEND;TZID=Mars/Olympus:20250310T110000\r\nEND:VEVENT\r\nEND:VCALENDAR")
    plan = plan_import(user, text.encode(), "cal.ics", SPRING)
    where, reason = next((w, r) for w, r in plan.skipped if "mars@x" in w)
    assert "line" in where and "DTSTART" in reason and "Mars/Olympus" in reason
    import_file(user, text.encode(), "cal.ics", SPRING)
    assert list(PendingEvent.objects.values_list("title", flat=True)) == ["Team sync"]


def test_rating_a_recurring_event_once_rates_every_occurrence_and_is_remembered(user):
    import_file(user, weekly_one_to_one(), "cal.ics", SPRING)
    since, until = dt.date(2025, 3, 1), dt.date(2025, 4, 30)
    groups = {g.title: g for g in rating_groups(user, since, until)}
    series = groups["1:1 Alex / Sam"]
    assert series.is_series and len(series.events) == 4  # the moved occurrence belongs to the series
    assert rate_group(user, series.key, -1, skill=4, since=since, until=until) == 4
    assert set(Episode.objects.filter(user=user).values_list("energy", "activity__slug", "source")) == {
        (-1, "managing", "ics")}
    choice = RememberedChoice.objects.get(user=user, key=series.key)
    assert (choice.energy, choice.skill) == (-1, 4)
    # Re-importing the same calendar does not bring rated occurrences back.
    assert import_file(user, weekly_one_to_one(), "cal.ics", SPRING)["pending"] == 0


def test_remembered_series_rating_is_applied_to_later_occurrences(user):
    start = dt.datetime(2025, 3, 3, 10, tzinfo=BERLIN)
    series = event("weekly@x", "Weekly 1:1", start, start + dt.timedelta(minutes=30), rrule={"freq": "weekly"})
    import_file(user, calendar(series), "cal.ics", ImportOptions(since=dt.date(2025, 3, 1), until=dt.date(2025, 3, 9)))
    rate_group(user, "ics:weekly@x", 2)
    import_file(user, calendar(series), "cal.ics", ImportOptions(since=dt.date(2025, 3, 1), until=dt.date(2025, 3, 23)))
    applied = apply_remembered_ratings(user)
    assert [(g.title, n) for g, n in applied] == [("Weekly 1:1", 2)]
    assert list(Episode.objects.filter(user=user).values_list("energy", flat=True)) == [2, 2, 2]
    assert not PendingEvent.objects.filter(user=user).exists()


def test_not_work_events_are_dropped_and_left_out_of_later_imports(user):
    start = dt.datetime(2025, 3, 3, 12, tzinfo=BERLIN)
    lunch = event("lunch@x", "Lunch", start, start + dt.timedelta(hours=1), rrule={"freq": "daily", "count": 3})
    import_file(user, calendar(lunch), "cal.ics", SPRING)
    assert dismiss_group(user, "ics:lunch@x") == 3
    PendingEvent.objects.all().delete()
    plan = plan_import(user, calendar(lunch), "cal.ics", SPRING)
    assert plan.total == 0 and any("not work" in note for note in plan.notes)


def test_events_without_activity_need_one_before_rating(user):
    start = dt.datetime(2025, 3, 3, 9, tzinfo=BERLIN)
    import_file(user, calendar(event("q@x", "Zorblax", start, start + dt.timedelta(hours=1))), "cal.ics", SPRING)
    group = rating_groups(user, None, None)[0]
    assert group.activity is None
    with pytest.raises(UserInputError):
        rate_group(user, group.key, 1)
    assert rate_group(user, group.key, 1, activity="research") == 1
    assert RememberedChoice.objects.get(user=user, key=group.key).activity.slug == "research"


def test_daylio_needs_a_confirmed_mapping_then_imports_moods_as_energy(user):
    with pytest.raises(NeedsActivityMapping) as needs:
        plan_import(user, DAYLIO_EXPORT, "daylio.csv")
    assert needs.value.counts["work"] == 2
    assert needs.value.suggestions["meeting"] == "meetings"
    confirm_daylio_mapping(user, {"work": None, "coding": "building", "meeting": "meetings", "friends": None,
                                  "family": None, "movies & tv": None})
    summary = import_file(user, DAYLIO_EXPORT, "daylio.csv")
    assert summary["imported"] == 2
    assert sorted(Episode.objects.values_list("activity__slug", "energy", "hours")) == [
        ("building", 2, 1.0), ("meetings", -2, 1.0)]
    assert import_file(user, DAYLIO_EXPORT, "daylio.csv")["skipped_duplicates"] == 2


def test_daylio_mapping_is_stored_per_person(user, other_user):
    confirm_daylio_mapping(user, {"coding": "building"})
    assert daylio_mapping_for(user) == {"coding": "building"}
    assert daylio_mapping_for(other_user) == {}
    with pytest.raises(UserInputError):
        confirm_daylio_mapping(user, {"coding": "no-such-activity"})


def test_daylio_suggestions_can_be_accepted_without_asking(user):
    summary = import_file(user, DAYLIO_EXPORT, "daylio.csv", ImportOptions(accept_suggestions=True))
    assert summary["imported"] >= 1
    assert "coding" in daylio_mapping_for(user)


SHEET = (b"Day,Task,Duration,Mood,Notes\n"
         b"2025-03-03,research,1.5,5,read papers\n"
         b"2025-03-04,Writing & documenting,2,3,\n"
         b"2025-03-05,,1,,Quarterly planning\n")


def test_spreadsheet_rows_import_through_a_column_mapping(user):
    options = ImportOptions(column_map="date=Day,activity=Task,hours=Duration,energy=Mood,note=Notes",
                            energy_range="1..5")
    summary = import_file(user, SHEET, "sheet.csv", options)
    assert summary["imported"] == 2 and summary["pending"] == 1
    assert sorted(Episode.objects.values_list("activity__slug", "energy")) == [("research", 2), ("writing", 0)]
    pending = PendingEvent.objects.get()
    assert (pending.activity.slug, pending.title) == ("planning", "Quarterly planning")
    assert import_file(user, SHEET, "sheet.csv", options)["skipped_duplicates"] == 3


def test_one_bad_row_imports_nothing_and_names_line_and_field(user):
    bad = SHEET + b"2025-02-30,research,1,3,\n2025-03-06,research,30,3,\n"
    options = ImportOptions(column_map="date=Day,activity=Task,hours=Duration,energy=Mood", energy_range="1..5")
    with pytest.raises(ImportRejected) as rejected:
        import_file(user, bad, "sheet.csv", options)
    message = rejected.value.message
    assert "line 5, field 'date'" in message and "line 6, field 'hours'" in message
    assert Episode.objects.count() == 0 and PendingEvent.objects.count() == 0


def test_generic_csv_without_a_mapping_asks_for_one(user):
    with pytest.raises(UserInputError, match="--map"):
        plan_import(user, SHEET, "sheet.csv")


def test_csv_export_round_trips_and_reimport_adds_nothing(user, episode_factory):
    episode_factory(activity="research", hours=2, energy=2, note="survey, with \"quotes\"\nand a newline")
    episode_factory(activity="managing", hours=1, energy=-1, skill=3, growth=False)
    exported = export_journal(user, "csv")
    before = sorted(Episode.objects.values_list("date", "activity__slug", "hours", "energy", "skill", "growth", "note"))
    Episode.objects.all().delete()
    assert import_file(user, exported.encode(), "journal.csv")["imported"] == 2
    after = sorted(Episode.objects.values_list("date", "activity__slug", "hours", "energy", "skill", "growth", "note"))
    assert after == before
    assert import_file(user, exported.encode(), "journal.csv") | {"format": None} == {
        "imported": 0, "pending": 0, "skipped_duplicates": 2, "format": None}


def test_json_export_round_trips_through_the_detecting_importer(user, episode_factory):
    episode_factory(activity="writing", hours=1.25, energy=1)
    exported = export_journal(user, "json")
    Episode.objects.all().delete()
    assert import_file(user, exported.encode(), "journal.json")["imported"] == 1
    assert export_journal(user, "json").split('"episodes"')[1] == exported.split('"episodes"')[1]


def test_progress_is_reported_in_batches(user):
    first = dt.date(2014, 1, 1)
    rows = "".join(f"{first + dt.timedelta(days=i)},research,1,1,,,,,row {i}\n" for i in range(4500))
    data = ("date,activity,hours,energy,skill,engagement,growth,with,note\n" + rows).encode()
    plan = plan_import(user, data, "big.csv")
    seen = []
    apply_import(user, plan, lambda done, total: seen.append((done, total)))
    assert seen == [(2000, 4500), (4000, 4500), (4500, 4500)]
    assert Episode.objects.filter(user=user).count() == 4500


def test_rules_are_edited_per_person_and_validated(user, other_user):
    add_rule(user, "customers", keywords=["acme"])
    assert rule_data_for(user)[0] == {"activity": "customers", "keywords": ["acme"]}
    assert rule_data_for(other_user)[0]["activity"] != "customers"
    remove_rule(user, 1)
    assert rule_data_for(user)[0]["activity"] != "customers"
    with pytest.raises(UserInputError, match="rule 1, activity"):
        set_rules(user, [{"activity": "astrology", "keywords": ["x"]}])
    with pytest.raises(UserInputError):
        remove_rule(user, 999)
    assert len(reset_rules(user)) == len(rules_for(other_user))


def test_edited_rules_change_how_calendar_events_are_classified(user):
    add_rule(user, "coaching", keywords=["1:1"])
    import_file(user, weekly_one_to_one(), "cal.ics", SPRING)
    assert set(PendingEvent.objects.filter(title__startswith="1:1").values_list("activity__slug", flat=True)) == {"coaching"}


def test_pending_events_are_private_to_their_owner(user, other_user):
    import_file(user, weekly_one_to_one(), "cal.ics", SPRING)
    assert rating_groups(other_user, None, None) == []
    with pytest.raises(UserInputError):
        rate_group(other_user, "ics:weekly-1on1@example.com", 1)


def test_week_bounds_default_to_last_week():
    assert week_bounds(None, today=dt.date(2025, 3, 19)) == (dt.date(2025, 3, 10), dt.date(2025, 3, 16))
    assert week_bounds("2025-W12") == (dt.date(2025, 3, 17), dt.date(2025, 3, 23))
    assert week_bounds("2025-03-19") == (dt.date(2025, 3, 17), dt.date(2025, 3, 23))
    with pytest.raises(UserInputError):
        week_bounds("last tuesday")


def test_journal_json_importer_of_the_lead_still_works_on_its_own(user, episode_factory):
    episode_factory()
    text = export_journal(user, "json")
    assert import_journal(user, text)["skipped_duplicates"] == 1


def test_rated_calendar_entries_survive_an_export_and_import_round_trip(user, other_user):
    import_file(user, weekly_one_to_one(), "cal.ics", SPRING)
    for group in rating_groups(user, None, None):
        rate_group(user, group.key, 1, activity=group.activity or "meetings")
    exported = export_journal(user, "json")
    assert import_file(other_user, exported.encode(), "journal.json")["imported"] == 5
    mine = sorted(Episode.objects.filter(user=user).values_list("date", "start_time", "hours", "activity__slug",
                                                                "energy", "source", "external_id"))
    theirs = sorted(Episode.objects.filter(user=other_user).values_list("date", "start_time", "hours", "activity__slug",
                                                                        "energy", "source", "external_id"))
    assert mine == theirs
    # The re-imported journal still recognises the calendar: nothing is pending again.
    assert import_file(other_user, weekly_one_to_one(), "cal.ics", SPRING)["pending"] == 0


@pytest.mark.shared_data
def test_classifier_learns_from_onet_dwa_titles_when_a_release_is_available(user, shared_data, settings):
    from ownpath.imports.rules import classifier_for
    from ownpath.occupations.services import onet_dwa_rows

    shipped_only = classifier_for(user).training_size
    settings.OWNPATH_ONET_DIR = str(shared_data / "onet-29.3")
    rows = onet_dwa_rows()
    assert len(rows) > 2000 and all(dwa_id.startswith("4.A.") for dwa_id, _ in rows[:50])
    assert classifier_for(user).training_size > shipped_only + 2000
