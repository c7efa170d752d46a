"""Org chart import from an HR system's CSV export: preview, all or nothing, line-numbered errors, only the changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ownpath.directory.org_chart import plan_org_chart, read_org_chart

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "org_chart"


def _plan(name: str, existing=("Leadership", "Sales", "Research"), current=()):
    rows, problems = read_org_chart((FIXTURES / name).read_bytes())
    return plan_org_chart(rows, problems, list(current), set(existing))


@pytest.mark.parametrize("export", ["bamboohr.csv", "workday.csv", "personio.csv"])
def test_exports_of_bamboohr_workday_and_personio_give_the_same_teams_and_managers(export):
    plan = _plan(export)
    assert plan.problems == []
    emails = {r.employee_id: r.email.split(".")[0] for r in plan.rows}
    assert {team: emails[manager] for team, manager in plan.team_managers.items()} == {
        "Sales": "dana", "Research": "ines"}
    assert len(plan.joins) == 6 and not plan.leaves


def test_bad_rows_are_all_named_with_line_and_field():
    plan = _plan("bad_rows.csv")
    described = [str(p) for p in plan.problems]
    assert any("line 3" in d and "e-mail" in d for d in described)
    assert any("line 4" in d and "'W-002' is also on line 3" in d for d in described)
    assert any("line 5" in d and "'Slaes' is not a team" in d for d in described)
    assert any("line 6" in d and "'W-999' is not anyone in this file" in d for d in described)
    assert any("circle" in d and "2" in d and "5" in d for d in described)


def test_a_header_without_the_needed_columns_names_them():
    rows, problems = read_org_chart(b"Name,Title\nAda,Engineer\n")
    assert len(problems) == 1 and problems[0].line == 1
    assert "employee id" in problems[0].message and "team" in problems[0].message


def test_a_team_reporting_to_two_outside_managers_is_refused():
    data = (b"Employee ID,Worker,Email,Team,Manager ID\n1,A One,a@x.example,Ops,\n2,B Two,b@x.example,Ops2,\n"
            b"3,C Three,c@x.example,Sales,1\n4,D Four,d@x.example,Sales,2\n")
    rows, problems = read_org_chart(data)
    plan = plan_org_chart(rows, problems, [], {"Ops", "Ops2", "Sales"})
    assert any("team Sales" in p.message and "2 different managers" in p.message for p in plan.problems)


# --- through the service, on the database -------------------------------------------------------

@pytest.fixture
def acme(user):
    from ownpath.teams import services as teams

    organisation = teams.create_organisation(user, "Acme")
    for name in ("Leadership", "Sales", "Research"):
        teams.create_team(user, organisation, name)
    return organisation


def _import(user, organisation, text: str, **options):
    from ownpath.directory import services as directory

    return directory.import_org_chart(user, organisation, text.encode(), **options)


WORKDAY = (FIXTURES / "workday.csv").read_text()


@pytest.mark.django_db
def test_importing_an_org_chart_makes_teams_and_managers_and_shares_nothing(user, acme, django_user_model):
    from ownpath.sharing.models import Share
    from ownpath.teams import services as teams

    plan = _import(user, acme, WORKDAY)
    assert len(plan.joins) == 6
    dana = django_user_model.objects.get(email="dana.whitfield@acme.example")
    sam = django_user_model.objects.get(email="sam.lindqvist@acme.example")
    assert teams.is_manager_of(dana, sam)
    assert not Share.objects.exists()


@pytest.mark.django_db
def test_reimporting_the_same_org_chart_changes_nothing(user, acme):
    from ownpath.directory.models import AuditEvent

    _import(user, acme, WORKDAY)
    events = AuditEvent.objects.count()
    plan = _import(user, acme, WORKDAY)
    assert not plan.has_changes and AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_a_reimport_applies_exactly_its_moves_and_leaves(user, acme, django_user_model):
    from ownpath.teams import services as teams

    _import(user, acme, WORKDAY)
    moved = WORKDAY.replace("W-004,Li Chen,li.chen@acme.example,Sales,W-002",
                            "W-004,Li Chen,li.chen@acme.example,Research,W-005")
    moved = "\n".join(line for line in moved.splitlines() if not line.startswith("W-006")) + "\n"
    plan = _import(user, acme, moved)
    assert [row.employee_id for row, _, _ in plan.moves] == ["W-004"]
    assert plan.leaves == ["W-006"] and not plan.joins
    li = django_user_model.objects.get(email="li.chen@acme.example")
    ines = django_user_model.objects.get(email="ines.moreau@acme.example")
    dana = django_user_model.objects.get(email="dana.whitfield@acme.example")
    tom = django_user_model.objects.get(email="tom.becker@acme.example")
    assert teams.is_manager_of(ines, li) and not teams.is_manager_of(dana, li)
    assert not teams.belongs_to(tom, acme)


@pytest.mark.django_db
def test_a_person_sees_when_their_manager_changes(user, acme, django_user_model):
    from ownpath.directory import services as directory

    _import(user, acme, WORKDAY)
    _import(user, acme, WORKDAY.replace("W-004,Li Chen,li.chen@acme.example,Sales,W-002",
                                        "W-004,Li Chen,li.chen@acme.example,Research,W-005"))
    li = django_user_model.objects.get(email="li.chen@acme.example")
    told = [event.description for event in directory.events_about(li)]
    assert any("manager in team Research is now" in text for text in told)


@pytest.mark.django_db
def test_a_bad_org_chart_imports_nothing(user, acme, django_user_model):
    from ownpath.errors import ImportRejected

    before = django_user_model.objects.count()
    with pytest.raises(ImportRejected) as refused:
        _import(user, acme, (FIXTURES / "bad_rows.csv").read_text())
    assert "line 3" in refused.value.message
    assert django_user_model.objects.count() == before


@pytest.mark.django_db
def test_only_admins_import_an_org_chart(other_user, acme):
    from ownpath.errors import NotFound

    with pytest.raises(NotFound):
        _import(other_user, acme, WORKDAY)


@pytest.mark.django_db
def test_unknown_teams_are_created_only_when_asked(user, django_user_model):
    from ownpath.errors import ImportRejected
    from ownpath.teams import services as teams
    from ownpath.teams.models import Team

    organisation = teams.create_organisation(user, "Globex")
    with pytest.raises(ImportRejected):
        _import(user, organisation, WORKDAY)
    plan = _import(user, organisation, WORKDAY, create_teams=True)
    assert sorted(plan.new_teams) == ["Leadership", "Research", "Sales"]
    assert Team.objects.filter(organisation=organisation).count() == 3


@pytest.mark.django_db
def test_a_new_manager_from_the_org_chart_reads_earlier_my_manager_shares_only_once_the_person_keeps_sharing(
        user, acme, django_user_model):
    from ownpath.errors import NotFound
    from ownpath.sharing import services as sharing
    from ownpath.teams import changes
    from ownpath.teams.models import RelationChange

    _import(user, acme, WORKDAY)
    sam = django_user_model.objects.get(email="sam.lindqvist@acme.example")
    ines = django_user_model.objects.get(email="ines.moreau@acme.example")
    sharing.set_career_wish(sam, want_from_role="more customer work")
    sharing.share(sam, "want_from_role", "manager")  # shared while dana manages sam
    _import(user, acme, WORKDAY.replace("W-003,Sam Lindqvist,sam.lindqvist@acme.example,Sales,W-002",
                                        "W-003,Sam Lindqvist,sam.lindqvist@acme.example,Research,W-005"))
    change = RelationChange.objects.get(person=sam, other=ines, kind=RelationChange.MANAGER,
                                        change=RelationChange.ADDED)
    with pytest.raises(NotFound):
        sharing.read_shared(ines, sam, "want_from_role")
    changes.answer_change(sam, change.pk, keep_sharing=True)
    assert sharing.read_shared(ines, sam, "want_from_role")["content"]
