"""A real Daylio export with renamed moods: each unknown mood is named once with its count, the
levels are proposed and confirmed in one step (web and CLI), and nothing is imported before."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ownpath.imports.formats.daylio import NeedsActivityMapping, confirm_daylio_mapping, mood_scale_for
from ownpath.imports.parsers.daylio import propose_mood_level, read_daylio
from ownpath.imports.planning import ImportOptions, plan_import
from ownpath.journal.models import Episode
from tests.imports.helpers import import_file

# Fifteen moods as people rename them (Daylio lets each of the five groups hold several).
RENAMED = ["energized", "great", "content", "good", "productive", "okay", "meh", "tired", "anxious",
           "stressed", "sad", "awful", "exhausted", "calm", "frustrated"]
ACTIVITIES = ["work", "meeting", "coding", "reading", "gym", "friends"]
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note,scales\n"


def renamed_export(rows: int = 923, seed: int = 4) -> bytes:
    """A Daylio export as the app writes it: newest first, 12-hour times, ' | ' separators, light HTML."""
    rng = random.Random(seed)
    day, lines = dt.date(2026, 11, 30), [HEADER]
    for i in range(rows):
        if i % 2 == 0:
            day -= dt.timedelta(days=1)
        hour = rng.choice([8, 9, 11, 14, 16, 19])
        clock = f"{(hour - 1) % 12 + 1}:{rng.choice(['05', '30', '45'])} {'am' if hour < 12 else 'pm'}"
        picked = " | ".join(rng.sample(ACTIVITIES, rng.randint(1, 3)))
        note = rng.choice(["", "long day<br>but ok", "&quot;quiet&quot; morning"])
        lines.append(f'{day.isoformat()},"{day:%B %-d}",{day:%A},{clock},{rng.choice(RENAMED)},{picked},,"{note}",\n')
    return "".join(lines).encode()


@pytest.fixture
def owner_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


MAPPING = {"work": "admin", "meeting": "meetings", "coding": "building", "reading": "learning", "gym": None,
           "friends": None}


def test_each_unknown_mood_is_one_problem_with_its_count_not_one_per_row():
    data = renamed_export()
    _, problems = read_daylio(data)
    moods = [p for p in problems if p.field == "mood"]
    unknown = set(RENAMED) - {"good", "meh", "awful"}
    assert len(moods) == len(unknown) == 12
    okay = next(p for p in moods if "'okay'" in p.message)
    rows_with_okay = sum(1 for line in data.decode().splitlines() if ",okay," in line)
    assert f"in {rows_with_okay} entries" in okay.message and isinstance(okay.line, int)


@pytest.mark.parametrize("mood, level", [("energized", 2), ("content", 1), ("okay", 0), ("anxious", -1),
                                         ("stressed", -1), ("awful", -2), ("really happy", 1), ("not good", -1),
                                         ("zorblax", 0)])
def test_a_renamed_mood_gets_a_proposed_level_from_its_name(mood, level):
    assert propose_mood_level(mood) == level


@pytest.mark.django_db
def test_planning_asks_for_the_moods_and_the_activities_in_one_step_and_imports_nothing(user):
    data = renamed_export()
    with pytest.raises(NeedsActivityMapping) as asked:
        plan_import(user, data, "daylio_export.csv", ImportOptions())
    needs = asked.value
    expected = Counter(line.split(",")[4] for line in data.decode().splitlines()[1:])
    assert needs.moods == {m: n for m, n in expected.items() if m not in ("good", "meh", "awful")}
    assert needs.mood_levels["anxious"] == -1 and needs.mood_levels["energized"] == 2
    assert set(needs.counts) == set(ACTIVITIES)  # every entry's activities, renamed mood or not
    assert "'okay'" in needs.message and needs.message.count("'okay'") == 1 and "ownpath import" not in needs.message
    assert not Episode.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_confirmed_levels_import_every_entry_and_join_the_mood_scale(user):
    data = renamed_export(rows=60)
    confirm_daylio_mapping(user, MAPPING)
    levels = {m: propose_mood_level(m) for m in RENAMED} | {"tired": -1}
    summary = import_file(user, data, "daylio_export.csv", ImportOptions(mood_levels=levels))
    assert summary["imported"] > 0
    assert mood_scale_for(user)["tired"] == -1 and mood_scale_for(user)["okay"] == 0
    tired_line = next(line for line in data.decode().splitlines() if ",tired," in line and "coding" in line)
    tired_day = dt.date.fromisoformat(tired_line.split(",")[0])
    assert Episode.objects.filter(user=user, date=tired_day, activity__slug="building", energy=-1).exists()


@pytest.mark.django_db
def test_a_level_out_of_range_saves_nothing(user):
    confirm_daylio_mapping(user, MAPPING)
    with pytest.raises(Exception):
        import_file(user, renamed_export(rows=20), "daylio_export.csv", ImportOptions(mood_levels={"okay": 5}))
    assert not Episode.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_the_web_names_each_mood_once_and_confirms_moods_and_activities_together(owner_client, user):
    data = renamed_export()
    page = owner_client.post("/import/", {"file": SimpleUploadedFile("daylio_export.csv", data), "format": "auto"})
    body = page.content.decode()
    assert "Your moods → energy" in body and "Your Daylio activities" in body
    assert body.count('value="anxious"') == 1 and "ownpath import" not in body and "--yes" not in body
    assert not Episode.objects.filter(user=user).exists()
    post = {}
    for i, mood in enumerate(sorted(set(RENAMED) - {"good", "meh", "awful"}), start=1):
        post |= {f"mood_{i}": mood, f"level_{i}": str(propose_mood_level(mood))}
    for i, (name, slug) in enumerate(MAPPING.items(), start=1):
        post |= {f"name_{i}": name, f"slug_{i}": slug or ""}
    preview = owner_client.post("/import/daylio/", post, follow=True).content.decode()
    assert "new journal entr" in preview and not Episode.objects.filter(user=user).exists()
    owner_client.post("/import/confirm/")
    assert Episode.objects.filter(user=user).count() > 500
    assert mood_scale_for(user)["anxious"] == -1


@pytest.mark.django_db
def test_the_cli_lists_each_mood_once_then_imports_with_yes(cli, tmp_path):
    path = tmp_path / "daylio_export.csv"
    path.write_bytes(renamed_export(rows=200))
    refused = cli("import", str(path))
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    assert refused.stderr.count("anxious") <= 3 and "renamed moods" in refused.stderr
    assert len(refused.stderr.splitlines()) < 60
    assert Episode.objects.count() == 0
    accepted = cli("import", str(path), "--yes")
    assert accepted.exit_code == 0, accepted.output
    assert Episode.objects.count() > 100
