"""The one read gate: only a live share reaching the viewer through a current relation opens an item."""

from __future__ import annotations

import pytest

from ownpath.errors import NotFound, UserInputError
from ownpath.sharing import services as sharing
from ownpath.sharing.models import AccessLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def words(org):
    sharing.set_career_wish(org.owner, want_from_role="more research, less admin", five_year_wish="lead a lab")
    return "more research, less admin"


def test_a_share_with_my_manager_is_read_by_my_manager_only_and_logged(org, words):
    sharing.share(org.owner, "want_from_role", "manager")
    seen = sharing.read_shared(org.manager, org.owner, "want_from_role")
    assert seen["content"] == {"text": words}
    log = AccessLog.objects.get()
    assert (log.viewer, log.owner, log.item) == (org.manager, org.owner, "want_from_role")
    for other in (org.peer, org.sub_manager, org.other_manager, org.people_lead, org.admin, org.outsider):
        with pytest.raises(NotFound):
            sharing.read_shared(other, org.owner, "want_from_role")
    assert AccessLog.objects.count() == 1


def test_nothing_is_readable_without_a_share(org, words):
    for viewer in (org.manager, org.peer, org.admin):
        with pytest.raises(NotFound):
            sharing.read_shared(viewer, org.owner, "want_from_role")


def test_a_team_share_reaches_peers_and_the_teams_manager(org, words):
    sharing.share(org.owner, "want_from_role", "team")
    assert sharing.read_shared(org.peer, org.owner, "want_from_role")["content"]["text"] == words
    assert sharing.read_shared(org.manager, org.owner, "want_from_role")["content"]["text"] == words
    with pytest.raises(NotFound):
        sharing.read_shared(org.sub_manager, org.owner, "want_from_role")


def test_revoking_answers_not_found_from_that_moment(org, words):
    made = sharing.share(org.owner, "want_from_role", "manager")
    sharing.read_shared(org.manager, org.owner, "want_from_role")
    sharing.revoke(org.owner, made.pk)
    with pytest.raises(NotFound):
        sharing.read_shared(org.manager, org.owner, "want_from_role")


def test_a_snapshot_shows_what_was_shared_then_and_a_live_share_what_is_true_now(org, words):
    sharing.share(org.owner, "want_from_role", "manager", mode="snapshot")
    sharing.set_career_wish(org.owner, want_from_role="now: lead onboarding")
    then = sharing.read_shared(org.manager, org.owner, "want_from_role")
    assert then["mode"] == "snapshot" and then["content"]["text"] == words
    sharing.share(org.owner, "want_from_role", "team")
    assert sharing.read_shared(org.peer, org.owner, "want_from_role")["content"]["text"] == "now: lead onboarding"


def test_a_relation_that_ended_ends_the_access(org, words):
    from ownpath.teams import services as teams

    sharing.share(org.owner, "want_from_role", "manager")
    teams.remove_membership(org.admin, org.engineering, org.manager)
    with pytest.raises(NotFound):
        sharing.read_shared(org.manager, org.owner, "want_from_role")


def test_aggregate_shares_never_open_an_individual_read(org, words):
    sharing.share(org.owner, "growth_share", "aggregate")
    for viewer in (org.manager, org.people_lead, org.peer):
        with pytest.raises(NotFound):
            sharing.read_shared(viewer, org.owner, "growth_share")


def test_a_person_share_needs_someone_in_my_organisation(org, words):
    with pytest.raises(UserInputError, match="person: name someone in one of your organisations"):
        sharing.share(org.owner, "want_from_role", "person", person=org.outsider)
    sharing.share(org.owner, "want_from_role", "person", person=org.other_manager)
    assert sharing.read_shared(org.other_manager, org.owner, "want_from_role")["content"]["text"] == words
    with pytest.raises(NotFound):
        sharing.read_shared(org.sub_manager, org.owner, "want_from_role")


def test_sensitive_items_never_go_to_anonymous_aggregates(org):
    with pytest.raises(UserInputError, match="can be shared with manager, team, person only"):
        sharing.share(org.owner, "pay_baseline", "aggregate")


def test_an_unknown_item_is_named_with_the_choices(org):
    with pytest.raises(UserInputError, match="item: 'salary' is not one of top_energizers"):
        sharing.share(org.owner, "salary", "manager")


def test_insight_items_carry_intervals(org, episode_factory):
    for day in range(1, 15):
        episode_factory(activity="research", energy=2, date=f"2026-11-{day:02d}", hours=2)
        episode_factory(activity="managing", energy=-2, date=f"2026-11-{day:02d}", hours=1)
    sharing.share(org.owner, "top_energizers", "manager")
    seen = sharing.read_shared(org.manager, org.owner, "top_energizers")["content"]
    top = seen["activities"][0]
    assert top["activity"] == "research" and top["low"] < top["estimate"] < top["high"]


def test_people_sharing_with_me_lists_only_whom_a_live_share_reaches(org, words):
    made = sharing.share(org.owner, "want_from_role", "manager")
    assert sharing.people_sharing_with(org.manager) == [org.owner]
    assert sharing.people_sharing_with(org.peer) == []
    sharing.revoke(org.owner, made.pk)
    assert sharing.people_sharing_with(org.manager) == []


def test_a_shared_profile_reads_each_journal_state_once(org, words, episode_factory, django_assert_max_num_queries):
    episode_factory()
    for item in ("top_energizers", "top_drains", "growth_share", "hours_vs_target"):
        sharing.share(org.owner, item, "manager")
    sharing.shared_profile(org.manager, org.owner)  # fits and caches the insights
    # 1 shares, 1 relation, 1 whether the person agreed to this manager, 3 for journal state, target and
    # own words, 1 access log: not per item.
    with django_assert_max_num_queries(7):
        shown = sharing.shared_profile(org.manager, org.owner)
    assert [s["item"] for s in shown] == ["top_energizers", "top_drains", "growth_share", "hours_vs_target"]
