"""Team planning services: consent is checked every time, each use is shown, only the right people ask."""

from __future__ import annotations

import datetime as dt

import pytest

from ownpath.errors import NotFound, UserInputError
from ownpath.sharing import services as sharing
from ownpath.team_planning import services as planning
from ownpath.sharing.models import AccessLog
from ownpath.team_planning.models import MentorshipPair
from tests.team_planning.conftest import END

pytestmark = pytest.mark.django_db


def test_top_salesperson_gets_the_expert_track_and_a_coaching_trial(org, sales_roles, journal):
    journal(org.owner, "top_salesperson")
    fit = planning.track_fit_for(org.owner)
    assert fit["recommended"] == "expert"
    assert fit["manager"]["p_better_than_now"] < 0.2
    assert fit["trial"]["title"] == "6 weeks mentoring a new hire"
    assert "coaching & teaching never logged" in fit["thin_evidence"]
    assert fit["used"]["organisation_prior"] is None  # fewer than 5 consenting colleagues


def test_track_fit_without_role_profiles_says_what_is_missing(org, journal):
    journal(org.owner, "top_salesperson")
    with pytest.raises(UserInputError, match="no expert-track role profile yet"):
        planning.track_fit_for(org.owner)


def test_the_manager_sees_track_fit_only_when_the_person_shares_it(org, sales_roles, journal):
    journal(org.owner, "top_salesperson")
    with pytest.raises(NotFound):
        planning.track_fit_of(org.manager, org.owner)
    sharing.share(org.owner, "track_fit", "manager")
    seen = planning.track_fit_of(org.manager, org.owner)
    assert seen["content"]["recommended"] == "expert"
    for other in (org.peer, org.other_manager, org.admin, org.people_lead, org.outsider):
        with pytest.raises(NotFound):
            planning.track_fit_of(other, org.owner)


def test_only_an_admin_defines_role_profiles_and_output_is_refused(org):
    with pytest.raises(NotFound):
        planning.add_role_profile(org.manager, org.acme, "Lead", "manager", weekly_hours="managing=10")
    with pytest.raises(UserInputError, match="track"):
        planning.add_role_profile(org.admin, org.acme, "Lead", "boss", weekly_hours="managing=10")
    with pytest.raises(UserInputError, match="mix"):
        planning.add_role_profile(org.admin, org.acme, "Lead", "manager", weekly_hours="sales_volume=10")


def test_trial_becomes_an_agreement_with_owner_due_date_and_hours(org, sales_roles, journal):
    import datetime as dt

    journal(org.owner, "top_salesperson")
    today = dt.date(2026, 12, 1)
    agreement = planning.trial_agreement(org.owner, planning.track_fit_for(org.owner), today=today)
    assert agreement["owner"] == org.owner and agreement["due_date"] == dt.date(2027, 1, 12)
    assert agreement["hour_changes"] == {"coaching": 2.0}
    # A short title; what to log and how it is judged are addressed to the person, kept apart.
    assert agreement["text"] == "Trial: 6 weeks mentoring a new hire"
    assert agreement["note_to_person"].startswith("Log each session")


def _allocation_team(org, journal, consent):
    journal(org.owner, "top_salesperson")
    journal(org.peer, "people_coach")
    for person in (org.owner, org.peer):
        consent(person)
    planning.set_team_need(org.manager, org.engineering.pk, "customers", 8)
    planning.set_team_need(org.manager, org.engineering.pk, "coaching", 6)


def test_allocation_uses_consenting_members_and_shows_each_what_was_used(org, journal, consent):
    _allocation_team(org, journal, consent)
    result = planning.propose_team_allocation(org.manager, org.engineering.pk, margin=0.5)
    assert result["feasible"], result["problems"]
    assert {c["person"] for c in result["changes"]} == {"alex", "tess"}
    for change in result["changes"]:
        assert change["energy_change"]["low"] <= change["energy_change"]["estimate"] <= change["energy_change"]["high"]
    uses = planning.planning_uses_of(org.owner)
    assert uses[0]["purpose"] == "work allocation" and uses[0]["requested_by"] == "mia"
    assert "customers" in uses[0]["used"]["activities"]


def test_consent_withdrawn_is_not_used_in_the_next_computation(org, journal, consent):
    _allocation_team(org, journal, consent)
    planning.propose_team_allocation(org.manager, org.engineering.pk, margin=0.5)
    used_before = AccessLog.objects.filter(owner=org.owner, item="team_planning").count()
    for found in sharing.shares_of(org.owner).filter(item="team_planning"):
        sharing.revoke(org.owner, found.pk)
    result = planning.propose_team_allocation(org.manager, org.engineering.pk, margin=0.5)
    assert result["left_out_without_consent"] == ["alex"]
    assert result["included"] == ["tess"]
    assert "alex" not in {c["person"] for c in result["changes"]}
    assert AccessLog.objects.filter(owner=org.owner, item="team_planning").count() == used_before


def test_only_the_teams_manager_plans_its_work(org, journal, consent):
    _allocation_team(org, journal, consent)
    for outsider in (org.peer, org.owner, org.other_manager, org.people_lead, org.admin, org.outsider):
        with pytest.raises(NotFound):
            planning.propose_team_allocation(outsider, org.engineering.pk)
        with pytest.raises(NotFound):
            planning.set_team_need(outsider, org.engineering.pk, "selling", 3)
    assert planning.propose_team_allocation(org.manager, org.engineering.pk, margin=0.5)["changes"]


def test_uncoverable_need_is_explained_not_an_error(org, journal, consent):
    _allocation_team(org, journal, consent)
    planning.set_team_need(org.manager, org.engineering.pk, "analysis", 500)
    result = planning.propose_team_allocation(org.manager, org.engineering.pk)
    assert not result["feasible"]
    assert any("h/week" in p for p in result["problems"])


def test_mentorship_pairs_never_a_mentee_with_their_own_manager(org, journal, consent):
    journal(org.owner, "research_analyst")
    journal(org.manager, "people_coach")
    journal(org.other_manager, "coaching_analyst")
    for person in (org.owner, org.manager, org.other_manager):
        consent(person, "aggregate")
    planning.set_mentorship_opt_in(org.owner, org.acme, as_mentee=True, learning_wishes=["coaching"])
    for mentor in (org.manager, org.other_manager):
        planning.set_mentorship_opt_in(mentor, org.acme, as_mentor=True, mentor_activities=["coaching"], capacity=2)
    result = planning.propose_mentorship(org.admin, org.acme)
    assert [(p["mentee"], p["mentor"]) for p in result["pairs"]] == [("alex", "sam")]
    assert "alex asked to learn it" in result["pairs"][0]["why"]
    assert planning.mentorship_of(org.owner)["pairs"][0]["mentor"] == "sam"
    for not_admin in (org.manager, org.people_lead, org.owner):
        with pytest.raises(NotFound):
            planning.propose_mentorship(not_admin, org.acme)


def test_mentorship_leaves_out_who_withdrew_consent(org, journal, consent):
    journal(org.owner, "research_analyst")
    journal(org.other_manager, "coaching_analyst")
    consent(org.owner)
    share = consent(org.other_manager, "aggregate")
    planning.set_mentorship_opt_in(org.owner, org.acme, as_mentee=True, learning_wishes=["coaching"])
    planning.set_mentorship_opt_in(org.other_manager, org.acme, as_mentor=True, mentor_activities=["coaching"])
    assert planning.propose_mentorship(org.admin, org.acme)["pairs"]
    sharing.revoke(org.other_manager, share.pk)
    result = planning.propose_mentorship(org.admin, org.acme)
    assert result["pairs"] == [] and result["left_out_without_consent"] == 1
    assert not MentorshipPair.objects.exists()


def _paired_with_sam(org, journal, consent):
    journal(org.owner, "research_analyst")
    journal(org.other_manager, "coaching_analyst")
    consent(org.owner)
    share = consent(org.other_manager, "aggregate")
    planning.set_mentorship_opt_in(org.owner, org.acme, as_mentee=True, learning_wishes=["coaching"])
    planning.set_mentorship_opt_in(org.other_manager, org.acme, as_mentor=True, mentor_activities=["coaching"])
    planning.propose_mentorship(org.admin, org.acme)
    assert [p["mentor"] for p in planning.mentorship_proposals(org.admin, org.acme)] == ["sam"]
    return share


def _everything_shown_of_pairs(org) -> str:
    return repr(planning.mentorship_proposals(org.admin, org.acme)) + repr(planning.mentorship_of(org.owner))


def test_a_stored_pair_disappears_once_the_mentor_revokes_then_leaves(org, journal, consent):
    from ownpath.teams import services as teams

    share = _paired_with_sam(org, journal, consent)
    sharing.revoke(org.other_manager, share.pk)
    assert "sam" not in _everything_shown_of_pairs(org)
    teams.leave_organisation(org.other_manager, org.acme)
    assert "sam" not in _everything_shown_of_pairs(org)
    assert not MentorshipPair.objects.exists()


def test_a_stored_pair_disappears_when_the_mentor_leaves_or_opts_out(org, journal, consent):
    from ownpath.teams import services as teams

    _paired_with_sam(org, journal, consent)
    planning.set_mentorship_opt_in(org.other_manager, org.acme, as_mentor=False)
    assert planning.mentorship_of(org.owner)["pairs"] == []
    planning.set_mentorship_opt_in(org.other_manager, org.acme, as_mentor=True, mentor_activities=["coaching"])
    planning.propose_mentorship(org.admin, org.acme)
    teams.leave_organisation(org.other_manager, org.acme)
    assert "sam" not in _everything_shown_of_pairs(org)


def test_opt_in_names_the_bad_activity(org):
    with pytest.raises(UserInputError, match="wishes"):
        planning.set_mentorship_opt_in(org.owner, org.acme, as_mentee=True, learning_wishes=["juggling"])
    with pytest.raises(NotFound):
        planning.set_mentorship_opt_in(org.outsider, org.acme, as_mentee=True)


def test_pooled_prior_needs_five_consenting_colleagues_and_never_the_person(org, journal, consent):
    colleagues = [org.peer, org.manager, org.sub_manager, org.other_manager, org.people_lead]
    for k, person in enumerate(colleagues):
        journal(person, ["research_analyst", "people_coach", "coaching_analyst", "top_salesperson"][k % 4], seed=k)
    journal(org.owner, "top_salesperson")
    shares = [consent(p, "aggregate") for p in colleagues[:4]]
    assert planning.organisation_prior(org.owner) is None
    shares.append(consent(colleagues[4], "aggregate"))
    prior = planning.organisation_prior(org.owner)
    assert prior.contributors == 5
    assert not AccessLog.objects.filter(owner=org.owner).exists()
    contributed = AccessLog.objects.filter(owner=org.peer, item="team_planning", purpose="pooled_prior").first()
    assert contributed.viewer is None and contributed.detail["activities"]
    sharing.revoke(colleagues[0], shares[0].pk)
    assert planning.organisation_prior(org.owner) is None


def test_an_admin_prefills_a_role_profile_from_an_onet_occupation(org):
    from pathlib import Path

    from ownpath.occupations.services import load_onet_release

    load_onet_release([Path(__file__).resolve().parents[1] / "fixtures" / "onet"], with_pay=False)
    role = planning.add_role_profile(org.admin, org.acme, "Sales manager (O*NET)", "manager", onet_code="11-2022.00")
    assert role.onet_code == "11-2022.00"
    assert role.weekly_hours and sum(role.weekly_hours.values()) == pytest.approx(40, abs=1)
    with pytest.raises(UserInputError, match="hours"):
        planning.add_role_profile(org.admin, org.acme, "Empty", "expert")


# --- recording the trial as an agreement --------------------------------------------------------

@pytest.fixture
def shared_fit(org, sales_roles, journal):
    """alex (the top salesperson) shares their track fit with mia, their manager."""
    journal(org.owner, "top_salesperson")
    sharing.share(org.owner, "track_fit", "manager")
    return org.owner


def test_the_manager_records_the_trial_in_the_next_planned_conversation(org, shared_fit):
    import datetime as dt

    from ownpath.conversations import services as conversations

    today = dt.date(2026, 12, 1)
    conversations.open_conversation(org.manager, org.owner, "2026-12-20")
    next_one = conversations.open_conversation(org.manager, org.owner, "2026-12-08")
    conversations.open_conversation(org.manager, org.owner, "2026-11-20")  # already past
    made = planning.record_trial_agreement(org.manager, org.owner, today=today)
    assert made.conversation_id == next_one.pk
    assert made.text.startswith("Trial: 6 weeks mentoring a new hire")
    assert made.owner == org.owner and made.due_date == dt.date(2027, 1, 12) and made.created_by == org.manager
    assert {c.activity: c.hours_per_week for c in made.changes.all()} == {"coaching": 2.0}


def test_without_a_planned_conversation_recording_the_trial_opens_one_dated_today(org, shared_fit):
    import datetime as dt

    today = dt.date(2026, 12, 1)
    made = planning.record_trial_agreement(org.manager, org.owner, today=today)
    conversation = made.conversation
    assert (conversation.date, conversation.manager, conversation.person) == (today, org.manager, org.owner)
    assert conversation.agenda.count() == 5  # opened like any conversation: the starting questions


def test_the_same_trial_is_refused_a_second_time_rather_than_copied(org, shared_fit):
    import datetime as dt

    from ownpath.conversations.models import Agreement

    today = dt.date(2026, 12, 1)
    made = planning.record_trial_agreement(org.manager, org.owner, today=today)
    with pytest.raises(UserInputError, match=r"^trial: already an open agreement in your conversation with alex"):
        planning.record_trial_agreement(org.manager, org.owner, today=today)
    assert Agreement.objects.filter(conversation=made.conversation).count() == 1


def test_a_trial_still_open_from_an_earlier_conversation_is_not_recorded_again(org, shared_fit):
    import datetime as dt

    from ownpath.conversations import services as conversations
    from ownpath.conversations.models import Agreement

    first = planning.record_trial_agreement(org.manager, org.owner, today=dt.date(2026, 12, 1))
    with pytest.raises(UserInputError, match="in your conversation with alex on 2026-12-01"):
        planning.record_trial_agreement(org.manager, org.owner, today=dt.date(2026, 12, 9))
    assert Agreement.objects.count() == 1
    conversations.set_agreement_status(org.manager, first.pk, "dropped")  # given up: it may be agreed again
    again = planning.record_trial_agreement(org.manager, org.owner, today=dt.date(2026, 12, 9))
    assert again.conversation.date == dt.date(2026, 12, 9)


def test_only_the_persons_manager_records_the_trial_and_only_while_it_is_shared(org, shared_fit):
    from ownpath.conversations.models import Agreement, Conversation

    for other in (org.owner, org.peer, org.other_manager, org.sub_manager, org.admin, org.people_lead, org.outsider):
        with pytest.raises(NotFound):
            planning.record_trial_agreement(other, org.owner)
    sharing.revoke_all(org.owner)
    with pytest.raises(NotFound):
        planning.record_trial_agreement(org.manager, org.owner)
    assert not Agreement.objects.exists() and not Conversation.objects.exists()


def test_a_track_fit_without_a_trial_is_refused_with_a_clear_message(org, shared_fit, monkeypatch):
    monkeypatch.setattr(planning, "track_fit_of", lambda viewer, person: {"content": {"missing": "no journal"}})
    with pytest.raises(UserInputError, match="^trial: alex's track fit proposes no trial to record$"):
        planning.record_trial_agreement(org.manager, org.owner)


def test_mentee_who_wants_presenting_gets_the_mentor_it_energizes_not_the_one_it_drains(org, known_journal, consent):
    # Equal skill at presenting; it drains sam and energizes tess (the case the 0.5 fallback got wrong).
    base = {"analysis": (0, 3, 10), "meetings": (0, 3, 6)}
    known_journal(org.other_manager, base | {"presenting": (-1.5, 4.5, 4)})
    known_journal(org.peer, base | {"presenting": (1.5, 4.5, 4)})
    known_journal(org.sub_manager, base | {"presenting": (1.0, 2.0, 3)})
    for person in (org.other_manager, org.peer, org.sub_manager):
        consent(person, "aggregate")
    for mentor in (org.other_manager, org.peer):
        planning.set_mentorship_opt_in(mentor, org.acme, as_mentor=True, mentor_activities=["presenting"])
    planning.set_mentorship_opt_in(org.sub_manager, org.acme, as_mentee=True, learning_wishes=["presenting"])
    result = planning.propose_mentorship(org.admin, org.acme)
    assert [(p["mentee"], p["mentor"]) for p in result["pairs"]] == [("pat", "tess")]
    why = result["pairs"][0]["why"]
    assert "tess enjoys it and is good at it" in why and "pat asked to learn it" in why and "sam" not in why


def test_a_real_zero_probability_of_energizing_is_kept_not_turned_into_even_odds():
    assert planning.p_positive({"estimate": -1.2, "sd": 0.3, "p_positive": 0.0}) == 0.0
    assert planning.p_positive({"estimate": -1.2, "sd": 0.3}) < 0.001
    quadrant = planning._quadrant({"estimate": -1.2, "sd": 0.3, "p_positive": 0.0}, {"p_positive": 0.95})
    assert quadrant["compensable_strength"] == 0.0 and quadrant["energizes"] == 0.0


def test_allocation_keeps_everyone_within_their_real_week_and_says_which_hours_are_unknown(org, journal, consent):
    _allocation_team(org, journal, consent)
    planning.set_available_hours(org.manager, org.engineering.pk, org.peer, 30)
    planning.set_team_need(org.manager, org.engineering.pk, "coaching", 4)
    planning.set_team_need(org.manager, org.engineering.pk, "customers", 7)
    result = planning.propose_team_allocation(org.manager, org.engineering.pk, margin=0.5)
    assert result["feasible"], result["problems"]
    after = {c["person"]: c["hours_after"] for c in result["changes"]}
    assert after["alex"] <= 40.0 + 0.05 and after["tess"] <= 30.0 + 0.05  # never filled up past the week
    before = {c["person"]: c["hours_before"] for c in result["changes"]}
    assert before == {"alex": 40.0, "tess": 30.0}  # the journal's shares of the stated week, not its logged hours
    words = {w["person"]: w["words"] for w in result["weeks"]}
    assert "journal accounts for 31.0 h of it, the other 9.0 h are unknown" in words["alex"]
    assert words["tess"].startswith("tess: a 30 h week (stated hours for the team)")


def test_a_parent_teams_allocation_includes_its_sub_teams_members_unless_asked_not_to(org, journal, consent,
                                                                                      django_user_model):
    from ownpath.teams.models import Membership

    _allocation_team(org, journal, consent)
    li = django_user_model.objects.create_user("li")
    Membership.objects.create(team=org.platform, person=li, role=Membership.MEMBER)
    journal(li, "people_coach", seed=5)
    consent(li)
    result = planning.propose_team_allocation(org.manager, org.engineering.pk, margin=0.5)
    assert result["included"] == ["alex", "li", "tess"] and result["sub_teams"] == ["Platform"]
    own = planning.propose_team_allocation(org.manager, org.engineering.pk, margin=0.5, include_sub_teams=False)
    assert own["included"] == ["alex", "tess"] and not own["sub_teams_included"]


def test_track_fit_reads_the_last_weeks_with_entries_not_the_calendars(org, sales_roles, known_journal):
    long_ago = END - dt.timedelta(weeks=30)
    known_journal(org.owner, {"selling": (1.5, 4.5, 16), "admin": (-1, 3, 4)}, weeks=20, end=long_ago)
    week = planning.current_week(org.owner, today=END)
    assert week == pytest.approx({"selling": 16.0, "admin": 4.0})
    assert planning.track_fit_for(org.owner, today=END)["used"]["current_week"] == week


def test_the_pooled_prior_reaches_the_persons_own_insights_compare_and_caches(org, journal, consent):
    import datetime as dt

    from ownpath.insights.services import build_insights, energy_effects_for
    from ownpath.journal.models import Episode
    from ownpath.options.services import add_option, compare_json
    from ownpath.web import sources

    colleagues = [org.peer, org.manager, org.sub_manager, org.other_manager, org.people_lead]
    for k, person in enumerate(colleagues):
        journal(person, ["research_analyst", "people_coach", "coaching_analyst", "top_salesperson"][k % 4], seed=k)
    # A short journal of the person's own: four entries.
    for day, (slug, energy) in enumerate([("selling", 2), ("admin", -1), ("selling", 1), ("managing", -2)]):
        Episode.objects.create(user=org.owner, date=dt.date(2026, 11, 2 + day), activity=_activity(slug),
                               hours=1.0, energy=energy)
    alone = build_insights(org.owner)
    assert alone["prior"]["source"] == "population" and alone["prior"]["contributors"] == 0
    cached_before = sources.insights_for(org.owner)
    for person in colleagues:
        consent(person, "aggregate")
    borrowed = build_insights(org.owner)
    assert borrowed["prior"] == {"source": "colleagues", "contributors": 5, "version": borrowed["prior"]["version"],
                                 "words": "borrowing from 5 colleagues"}
    fit = energy_effects_for(org.owner)
    assert fit.variance_prior.source == "colleagues:5" and fit.prior_means  # means and spread both borrowed
    # Shared insights stay the person's own evidence; their own view borrows.
    assert energy_effects_for(org.owner, pooled=None).variance_prior.source == "population"
    # The web cache changed with the prior.
    assert sources.insights_for(org.owner)["prior"]["source"] == "colleagues"
    assert cached_before["prior"]["source"] == "population"
    add_option(org.owner, "Now", mix={"selling": 30, "admin": 10}, current=True)
    add_option(org.owner, "Sales lead", mix={"selling": 20, "managing": 20})
    assert compare_json(org.owner)["prior"]["words"] == "borrowing from 5 colleagues"


def _activity(slug):
    from ownpath.journal.models import Activity

    return Activity.objects.get(slug=slug, owner__isnull=True)
