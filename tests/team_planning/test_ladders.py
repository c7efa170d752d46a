"""Career ladders as role profiles: read in three shapes, classified, corrected, and the next rung forecast."""

from __future__ import annotations

from pathlib import Path

import pytest

from ownpath.errors import NotFound, UserInputError
from ownpath.team_planning import ladders
from ownpath.team_planning import services as planning
from ownpath.team_planning.models import RoleProfile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ladders"


def _text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name, rungs", [("northwind_engineering.yaml", 5), ("northwind_engineering.md", 3),
                                         ("northwind_engineering.json", 2)])
def test_a_ladder_reads_in_yaml_json_and_markdown(name, rungs):
    title, found = ladders.read_ladder(_text(name), name)
    assert title.startswith("Northwind engineering ladder")
    assert len(found) == rungs
    assert {r.track for r in found} == {"expert", "manager"}
    assert all(r.expectations for r in found)


def test_markdown_levels_keep_their_numbers_titles_and_areas():
    _, found = ladders.read_ladder(_text("northwind_engineering.md"), "ladder.md")
    senior = next(r for r in found if r.level == 3)
    assert (senior.track, senior.title) == ("expert", "Senior software engineer")
    assert ("Collaboration", "Writes design documents for the team") in senior.expectations
    manager = next(r for r in found if r.track == "manager")
    assert (manager.level, manager.title) == (4, "Engineering manager")


@pytest.mark.parametrize("text, filename, message", [
    ("# Ladder\n### L2 — Engineer\n- Writes code\n", "x.md", "line 2: level 'L2 — Engineer' comes before any"),
    ("# Ladder\n## IC track\n### L2 — Engineer\n", "x.md", "line 3: level 'Engineer' has no expectations"),
    ("# Ladder\n## Sales floor\n", "x.md", "line 2: 'Sales floor' is not a track"),
    ("tracks:\n  - track: IC\n    levels:\n      - level: 2\n        title: Engineer\n", "x.yaml",
     "tracks[1].levels[1] expectations: expectations must be"),
    ("tracks: [\n", "x.yaml", "line 2: not valid YAML"),
    ('{"levels": [{"track": "IC", "level": "two", "title": "X", "expectations": ["a"]}]}', "x.json",
     "levels[1] level: level 'two' has no number"),
    ('{"levels": [{"track": "IC", "level": 2, "title": "A", "expectations": ["a"]},'
     ' {"track": "IC", "level": 2, "title": "B", "expectations": ["b"]}]}', "x.json",
     "levels[2]: level 2 of the expert track appears twice"),
])
def test_a_bad_ladder_is_refused_naming_the_line_or_the_level_and_field(text, filename, message):
    with pytest.raises(UserInputError) as caught:
        ladders.read_ladder(text, filename)
    assert message in caught.value.message


def test_expectations_become_weekly_mixes_an_engineer_would_recognise():
    classifier = planning._ladder_classifier()
    _, rungs = ladders.read_ladder(_text("northwind_engineering.yaml"), "x.yaml")
    mixes = {r.title: ladders.mix_from_expectations(ladders.classify_expectations(r, classifier), r.hours)
             for r in rungs}
    for title in ("Software engineer", "Senior software engineer"):
        assert max(mixes[title], key=mixes[title].get) == "building", mixes[title]
    for title in ("Engineering manager", "Senior engineering manager"):
        assert max(mixes[title], key=mixes[title].get) == "managing", mixes[title]
        assert "building" not in mixes[title]
    assert mixes["Staff engineer"].get("planning", 0) > mixes["Software engineer"].get("planning", 0)
    assert all(sum(m.values()) == pytest.approx(40, abs=1.5) for m in mixes.values())


def test_an_admin_imports_a_ladder_and_corrects_an_expectation(org):
    made = planning.import_ladder(org.admin, org.acme, _text("northwind_engineering.yaml"), "ladder.yaml")
    assert [(r.track, r.level) for r in made] == [("expert", 2), ("expert", 3), ("expert", 4), ("manager", 4),
                                                  ("manager", 5)]
    role = RoleProfile.objects.get(organisation=org.acme, name="Software engineer")
    assert role.ladder == "Northwind engineering ladder"
    tools = next(i for i, e in enumerate(role.expectations) if e["text"].startswith("Builds small tools"))
    corrected = planning.correct_role_expectations(org.admin, role.pk, {tools: "Building & making"})
    assert corrected.expectations[tools]["activity"] == "building" and corrected.expectations[tools]["corrected"]
    counts = sum(1 for e in corrected.expectations if e["activity"] == "building")
    assert corrected.weekly_hours["building"] == pytest.approx(40 * counts / len(corrected.expectations), abs=0.5)
    for not_admin in (org.manager, org.owner, org.outsider):
        with pytest.raises(NotFound):
            planning.import_ladder(not_admin, org.acme, _text("northwind_engineering.md"), "ladder.md")
        with pytest.raises(NotFound):
            planning.correct_role_expectations(not_admin, role.pk, {0: "building"})


def test_a_bad_ladder_saves_nothing(org):
    broken = _text("northwind_engineering.md") + "\n### L9 — Distinguished engineer\n"
    with pytest.raises(UserInputError, match="has no expectations"):
        planning.import_ladder(org.admin, org.acme, broken, "ladder.md")
    assert not RoleProfile.objects.filter(organisation=org.acme).exists()


def test_track_fit_forecasts_the_next_rung_on_each_track_from_the_persons_own_journal(org, known_journal):
    planning.import_ladder(org.admin, org.acme, _text("northwind_engineering.yaml"), "ladder.yaml")
    # An engineer who loves building and is drained by managing people.
    known_journal(org.owner, {"building": (1.5, 4, 22), "meetings": (-0.5, 3, 6), "learning": (1, 3, 4),
                              "managing": (-1.5, 2, 3), "coaching": (0.5, 3, 2)})
    current = RoleProfile.objects.get(organisation=org.acme, name="Software engineer")
    fit = planning.track_fit_for(org.owner, current_role_id=current.pk)
    assert fit["current_rung"]["role"] == "Software engineer" and fit["current_rung"]["chosen"]
    expert, manager = fit["next_rung"]
    assert (expert["role"], manager["role"]) == ("Senior software engineer", "Engineering manager")
    assert expert["energy_change"]["estimate"] > manager["energy_change"]["estimate"]
    from ownpath.team_planning.presenting import present_track_fit

    words = present_track_fit(fit)
    assert words["next_rung"][1]["title"] == "Manager track: Engineering manager, level 4"
