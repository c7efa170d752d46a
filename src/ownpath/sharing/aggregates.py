"""Anonymous team and organisation figures, from what people shared for aggregates only.

Figures: how many people name each activity among their top energizers / drains, mean hours a
week over their own target, and mean growth share (means with a 90% interval and n). A figure
is shown only when its contributors pass ``analytics.k_anonymity.release_figures`` (at least 5
people, and no combination of figures in the organisation narrows below 5 people). The
candidate figures are the organisation's and every team's (a team's figure covers its
sub-teams), decided once per organisation so a manager and a people lead see consistent sets.

Contributions (one small row per person and item) are computed when a person shares an item
for aggregates and refreshed by ``refresh_contributions`` (run it as a background job); the
figures read only rows whose owner still has a live aggregate share, so a revoke counts at once.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import Count, Max

from ownpath.analytics.k_anonymity import DIFFERENCING, K_MIN_CONTRIBUTORS, mean_with_interval, release_figures
from ownpath.errors import NotFound
from ownpath.sharing.models import AggregateContribution, Share
from ownpath.teams import services as teams
from ownpath.teams.models import Membership, Team

AGGREGATE_ITEMS = ("top_energizers", "top_drains", "hours_vs_target", "growth_share")
ORGANISATION_KEY = "organisation"
# Per process: each organisation's latest figures with their state key (never stale: the key is checked).
_LAST: dict[int, tuple[str, dict]] = {}


# --- contributions -----------------------------------------------------------------------------

def contribution_value(owner, item: str):
    """The small value a person contributes for an item, or None when their journal cannot say yet."""
    from ownpath.sharing import profile

    if item in ("top_energizers", "top_drains"):
        content = getattr(profile, item)(owner)
        return {"activities": [a["activity"] for a in content["activities"]]} if content["episodes"] else None
    if item == "hours_vs_target":
        content = profile.hours_vs_target(owner)
        if content["mean_hours"] is None:
            return None
        return {"excess": content["mean_hours"] - content["target_hours"],
                "over": content["mean_hours"] > content["target_hours"]}
    if item == "growth_share":
        share = profile.growth_share(owner)["share"]
        return None if share is None else {"share": share}
    raise NotFound(f"item '{item}' has no aggregate")


def refresh_contributions(people: Iterable | None = None, stale_only: bool = True) -> int:
    """Recompute aggregate contributions (of these people, or of everyone sharing for aggregates).

    With ``stale_only`` a row whose journal state is unchanged is left alone. Returns how many
    rows were written. Meant for a background job; one person's refresh fits their journal once.
    """
    from django.contrib.auth import get_user_model

    from ownpath.sharing.profile import journal_state

    sharing_now = Share.objects.filter(audience=Share.AGGREGATE, revoked_at__isnull=True,
                                       item__in=AGGREGATE_ITEMS)
    if people is not None:
        sharing_now = sharing_now.filter(owner__in=[p.pk for p in people])
    wanted: dict[int, set[str]] = {}
    for owner_id, item in sharing_now.values_list("owner_id", "item"):
        wanted.setdefault(owner_id, set()).add(item)
    written = 0
    User = get_user_model()
    for owner in User.objects.filter(pk__in=list(wanted)):
        state = journal_state(owner)
        existing = {c.item: c for c in AggregateContribution.objects.filter(person=owner)}
        for item in sorted(wanted[owner.pk]):
            if stale_only and item in existing and existing[item].journal_state == state:
                continue
            AggregateContribution.objects.update_or_create(
                person=owner, item=item, defaults={"value": contribution_value(owner, item), "journal_state": state})
            written += 1
    return written


# --- candidate sets and release --------------------------------------------------------------------

def _people_by_candidate(organisation) -> dict[tuple, set[int]]:
    """Every candidate figure's population: the organisation, and each team with its sub-teams."""
    parent_of = dict(Team.objects.filter(organisation=organisation).values_list("id", "parent_id"))
    populations: dict[tuple, set[int]] = {(ORGANISATION_KEY,): set()}
    for team_id in parent_of:
        populations[("team", team_id)] = set()
    for team_id, person_id in Membership.objects.filter(team__organisation=organisation).values_list(
            "team_id", "person_id"):
        populations[(ORGANISATION_KEY,)].add(person_id)
        current = team_id
        while current is not None:
            populations[("team", current)].add(person_id)
            current = parent_of.get(current)
    return populations


def _state_key(organisation) -> str:
    shares = Share.objects.filter(audience=Share.AGGREGATE).aggregate(n=Count("id"), last=Max("id"),
                                                                      revoked=Max("revoked_at"))
    members = Membership.objects.filter(team__organisation=organisation).aggregate(
        n=Count("id"), last=Max("id"))
    tree = Team.objects.filter(organisation=organisation).aggregate(n=Count("id"), last=Max("id"))
    contributions = AggregateContribution.objects.aggregate(n=Count("id"), last=Max("computed_at"))
    return ":".join(str(v) for v in (*shares.values(), *members.values(), *tree.values(), *contributions.values()))


def _figure(item: str, values: list) -> dict:
    n = len(values)
    if item in ("top_energizers", "top_drains"):
        counts = Counter(slug for v in values for slug in v["activities"])
        return {"n": n, "activities": [{"activity": slug, "people": count} for slug, count in counts.most_common()]}
    if item == "hours_vs_target":
        mean = mean_with_interval([v["excess"] for v in values])
        return {"n": n, "mean": mean.mean, "low": mean.low, "high": mean.high,
                "people_over": sum(1 for v in values if v["over"])}
    mean = mean_with_interval([v["share"] for v in values])
    return {"n": n, "mean": mean.mean, "low": mean.low, "high": mean.high}


def organisation_aggregates(organisation) -> dict[tuple, dict[str, dict]]:
    """Every candidate's figures: {candidate key: {item: {"figure": ..., "withheld": reason or None}}}.

    Cached until a share, a membership, the team tree or a contribution changes.
    """
    state = hashlib.sha256(_state_key(organisation).encode()).hexdigest()[:32]
    key = f"ownpath:aggregates:{organisation.pk}:{state}"
    # This process's last result first (no unpickling of a thousand teams' figures), then the cache.
    found = _LAST.get(organisation.pk)
    if found is not None and found[0] == key:
        return found[1]
    found = cache.get(key)
    if found is not None:
        _LAST[organisation.pk] = (key, found)
        return found
    populations = _people_by_candidate(organisation)
    everyone = populations[(ORGANISATION_KEY,)]
    live = set(Share.objects.filter(audience=Share.AGGREGATE, revoked_at__isnull=True, item__in=AGGREGATE_ITEMS,
                                    owner_id__in=everyone).values_list("owner_id", "item"))
    values: dict[str, dict[int, object]] = {item: {} for item in AGGREGATE_ITEMS}
    for person_id, item, value in AggregateContribution.objects.filter(
            person_id__in=everyone, item__in=AGGREGATE_ITEMS, value__isnull=False).values_list(
            "person_id", "item", "value"):
        if (person_id, item) in live and value is not None:
            values[item][person_id] = value
    result: dict[tuple, dict[str, dict]] = {candidate: {} for candidate in populations}
    for item in AGGREGATE_ITEMS:
        contributors = {candidate: people & values[item].keys() for candidate, people in populations.items()}
        decision = release_figures(contributors.items(), K_MIN_CONTRIBUTORS)
        for candidate, people in contributors.items():
            reason = decision[candidate]
            figure = None if reason else _figure(item, [values[item][p] for p in sorted(people)])
            result[candidate][item] = {"figure": figure, "withheld": reason,
                                       "contributors": frozenset(people) if figure else frozenset()}
    cache.set(key, result, 60 * 60)
    _LAST[organisation.pk] = (key, result)
    return result


def _known_to(viewer) -> dict[str, set[int]]:
    """Per aggregate item, whose value the viewer may read individually (shared with them by relation or name).

    A share by name counts even if the two no longer share an organisation: counting too many
    as known only withholds more.
    """
    from django.db.models import Q

    reaching = (Q(audience=Share.MANAGER, owner__in=teams.reports_of(viewer).values("pk"))
                | Q(audience=Share.TEAM, owner__in=teams.teammates_of(viewer).values("pk"))
                | Q(audience=Share.PERSON, audience_person=viewer))
    known: dict[str, set[int]] = {item: set() for item in AGGREGATE_ITEMS}
    for owner_id, item in Share.objects.filter(reaching, revoked_at__isnull=True,
                                               item__in=AGGREGATE_ITEMS).values_list("owner_id", "item"):
        known[item].add(owner_id)
    return known


def _for_viewer(figures: dict[str, dict], known: dict[str, set[int]]) -> dict[str, dict]:
    """Withhold a figure whose contributors the viewer does not know individually number 1 to 4.

    A manager who reads four reports' hours individually could otherwise subtract them from a
    five-person figure and learn the fifth person's.
    """
    shown = {}
    for item, entry in figures.items():
        unknown = len(entry["contributors"] - known.get(item, set()))
        if entry["figure"] is not None and 0 < unknown < K_MIN_CONTRIBUTORS:
            entry = {"figure": None, "withheld": DIFFERENCING, "contributors": frozenset()}
        shown[item] = {"figure": entry["figure"], "withheld": entry["withheld"]}
    return shown


def team_figures(viewer, team: Team) -> dict[str, dict]:
    """A team's figures (its sub-teams included) for its manager; anyone else gets NotFound."""
    if not teams.managed_teams(viewer).filter(pk=team.pk).exists():
        raise NotFound(f"no team {team.pk} that you manage")
    return _for_viewer(organisation_aggregates(team.organisation)[("team", team.pk)], _known_to(viewer))


def organisation_figures(viewer, organisation) -> dict:
    """The organisation's figures and every team's, for a people lead of it; anyone else gets NotFound."""
    if not teams.people_lead_orgs(viewer).filter(pk=organisation.pk).exists():
        raise NotFound(f"no organisation {organisation.pk} where you are a people lead")
    found = organisation_aggregates(organisation)
    known = _known_to(viewer)
    names = dict(Team.objects.filter(organisation=organisation).values_list("id", "name"))
    return {"organisation": _for_viewer(found[(ORGANISATION_KEY,)], known),
            "teams": sorted(({"team_id": key[1], "name": names.get(key[1], "?"), "items": _for_viewer(figures, known)}
                             for key, figures in found.items() if key[0] == "team"), key=lambda t: t["name"])}
