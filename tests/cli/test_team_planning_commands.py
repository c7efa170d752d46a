"""`ownpath tracks`, `ownpath mentorship` and `ownpath allocation` as a person and an admin use them."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_salesperson_sees_the_expert_track_and_a_trial(cli):
    assert cli("demo", "--persona", "top_salesperson").exit_code == 0
    assert cli("org", "create", "Acme").exit_code == 0
    assert cli("tracks", "role-add", "Acme", "Senior account executive", "--track", "expert", "--level", "3",
               "--hours", "selling=14,customers=12,negotiating=5,relationships=4,admin=3").exit_code == 0
    assert cli("tracks", "role-add", "Acme", "Sales manager", "--track", "manager", "--level", "3",
               "--hours", "managing=12,coaching=6,meetings=8,planning=5,admin=5,selling=4").exit_code == 0
    assert "Sales manager (manager track, level 3)" in cli("tracks", "roles", "Acme").output
    shown = cli("tracks", "show")
    assert shown.exit_code == 0, shown.output
    assert "The journal points to the expert track." in shown.output
    assert "A reversible trial: 6 weeks mentoring a new hire" in shown.output
    assert "Output and sales figures are never used" in shown.output


def test_mistakes_exit_2_with_the_field_named(cli):
    assert cli("org", "create", "Acme").exit_code == 0
    bad = cli("tracks", "role-add", "Acme", "Boss", "--track", "boss", "--hours", "managing=10")
    assert bad.exit_code == 2 and "track: must be 'expert' or 'manager'" in bad.output
    missing = cli("tracks", "show")
    assert missing.exit_code == 2
    wish = cli("mentorship", "opt-in", "Acme", "--wishes", "juggling")
    assert wish.exit_code == 2 and "wishes:" in wish.output


@pytest.fixture
def as_person(settings):
    """Switch the person the CLI acts as (OWNPATH_LOCAL_USERNAME)."""

    def switch(username: str) -> None:
        settings.OWNPATH_LOCAL_USERNAME = username

    return switch


def test_a_manager_states_needs_and_gets_a_proposal_from_consenting_members(cli, as_person):
    as_person("tess")
    assert cli("demo", "--persona", "top_salesperson").exit_code == 0
    as_person("local")
    assert cli("org", "create", "Acme").exit_code == 0
    assert cli("team", "create", "Acme", "Sales").exit_code == 0
    link = cli("org", "invite", "Acme", "--team", "Sales").output.strip().splitlines()[-1]
    assert cli("team", "add", "Acme", "Sales", "local", "--manager").exit_code == 0
    as_person("tess")
    assert cli("org", "join", link).exit_code == 0
    as_person("local")
    assert cli("allocation", "need", "Acme", "Sales", "selling", "8").exit_code == 0
    assert cli("allocation", "need", "Acme", "Sales", "customers", "6").exit_code == 0
    nobody = cli("allocation", "propose", "Acme", "Sales")
    assert nobody.exit_code == 2 and "no member of this team consents" in nobody.output
    as_person("tess")
    assert cli("share", "add", "team_planning", "--with", "manager").exit_code == 0
    assert "tess has 40 h/week for Sales" in cli("allocation", "hours", "Acme", "Sales", "tess", "40").output
    as_person("local")
    proposed = cli("allocation", "propose", "Acme", "Sales", "--margin", "0.5")
    assert proposed.exit_code == 0, proposed.output
    assert "tess:" in proposed.output and "90% interval" in proposed.output
    as_person("tess")
    assert "for work allocation (asked by local)" in cli("mentorship", "mine").output
    denied = cli("allocation", "propose", "Acme", "Sales")
    assert denied.exit_code == 2 and "no such team" in denied.output


def test_a_manager_records_a_reports_trial_from_the_cli_and_a_second_time_is_refused(cli, as_person, org):
    from ownpath.demo.services import fill_demo_journal
    from ownpath.sharing import services as sharing
    from ownpath.team_planning import services as planning
    from tests.team_planning.conftest import END, SALES_EXPERT, SALES_MANAGER

    fill_demo_journal(org.owner, "top_salesperson", weeks=12, seed=3, end=END)
    planning.add_role_profile(org.admin, org.acme, "Senior account executive", "expert", weekly_hours=SALES_EXPERT)
    planning.add_role_profile(org.admin, org.acme, "Sales manager", "manager", weekly_hours=SALES_MANAGER)
    sharing.share(org.owner, "track_fit", "manager")
    as_person("mia")
    recorded = cli("tracks", "record-trial", "alex")
    assert recorded.exit_code == 0, recorded.output
    assert "recorded agreement" in recorded.output and "owner alex" in recorded.output
    again = cli("tracks", "record-trial", "alex")
    assert again.exit_code == 2 and "trial: already an open agreement" in again.output
    as_person("tess")
    denied = cli("tracks", "record-trial", "alex")
    assert denied.exit_code == 2 and "no report of yours" in denied.output


def test_an_admin_imports_a_ladder_from_a_file_and_corrects_an_expectation(cli):
    from pathlib import Path

    ladder = Path(__file__).resolve().parents[1] / "fixtures" / "ladders" / "northwind_engineering.md"
    assert cli("org", "create", "Acme").exit_code == 0
    imported = cli("tracks", "ladder-import", ladder, "Acme")
    assert imported.exit_code == 0, imported.output
    assert "Engineering manager (manager track, level 4)" in imported.output
    assert "imported 3 role profiles" in imported.output
    from ownpath.team_planning.models import RoleProfile

    role = RoleProfile.objects.get(name="Software engineer")
    corrected = cli("tracks", "ladder-correct", role.pk, "3=building")
    assert corrected.exit_code == 0, corrected.output and "Software engineer: building=" in corrected.output
    bad = cli("tracks", "ladder-correct", role.pk, "third=building")
    assert bad.exit_code == 2 and "change: 'third=building' is not NUMBER=ACTIVITY" in bad.output
