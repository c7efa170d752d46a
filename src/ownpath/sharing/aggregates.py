"""Anonymous team and organisation figures, from what people shared for aggregates only.

Figures: how many people name each activity among their top energizers / drains, mean hours a
week over their own target (and how many are over), and mean growth share. A figure is computed
only when its contributors pass ``analytics.k_anonymity``: at least 5 people, no combination of
figures in the organisation narrowing below 5 people (``release_figures``), and no change of
fewer than 5 people since the figure was last shown (``contributors_over_time``).

Those rules stop the obvious subtraction but not a determined insider (sibling teams over time,
a team made for the purpose, a second organisation). What protects each person is
differential privacy (``analytics.private_release``): every figure is a noised sum of clamped
contributions, stored as a ``PrivateRelease`` of that item over that exact set of people — the
same people in another team or organisation get the same stored figure, not fresh noise — and
each new release charges every contributor's own privacy budget (``PrivacyCharge``, across all
organisations, never reset). Once a person's budget for an item is spent their data stops
entering new figures. So however figures are combined, no one's value is estimated more
precisely than ``private_release.error_sd_floor`` states.

Contributions (one small row per person and item) are computed when a person shares an item
for aggregates and refreshed by a periodic job. The figures themselves are computed into an
``AggregateRelease`` (``publish_figures``): inline for a small organisation, by the background
worker for a large one, where it takes seconds. Pages read the latest release and withhold any
figure that counts someone who stopped sharing since, so a revoke counts on the next request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone
from django_tasks import task

from ownpath.analytics import private_release
from ownpath.analytics.k_anonymity import (
    CHANGED_BY_FEW,
    DIFFERENCING,
    K_MIN_CONTRIBUTORS,
    TOO_FEW,
    contributors_over_time,
    release_figures,
)
from ownpath.errors import NotFound
from ownpath.sharing.models import AggregateContribution, AggregateRelease, PrivacyCharge, PrivateRelease, Share
from ownpath.teams import services as teams
from ownpath.teams.models import Membership, Organisation, Team

AGGREGATE_ITEMS = ("top_energizers", "top_drains", "hours_vs_target", "growth_share")
ORGANISATION_KEY = "organisation"
UPDATING = ("not shown for now: someone counted in it has stopped sharing since it was computed; "
            "it is being worked out again")
NOT_RECORDED = "not shown for now: its privacy cost could not be recorded; it is being worked out again"
# Per process: each organisation's latest release, loaded (a thousand teams' figures are parsed once).
_LAST: dict[int, tuple[tuple, dict]] = {}


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


def _inputs_state(organisation) -> tuple[str, int]:
    """A key that changes whenever an input of the organisation's figures changes, and how many memberships it has."""
    shares = Share.objects.filter(audience=Share.AGGREGATE).aggregate(n=Count("id"), last=Max("id"),
                                                                      revoked=Max("revoked_at"))
    # The sums catch a membership moved to another team or a team moved under another parent in place.
    members = Membership.objects.filter(team__organisation=organisation).aggregate(
        n=Count("id"), last=Max("id"), teams=Sum("team_id"))
    tree = Team.objects.filter(organisation=organisation).aggregate(n=Count("id"), last=Max("id"),
                                                                    parents=Sum("parent_id"))
    contributions = AggregateContribution.objects.aggregate(n=Count("id"), last=Max("computed_at"))
    key = "|".join(str(v) for v in (*members.values(), *shares.values(), *tree.values(), *contributions.values()))
    return key, members["n"]


def _release_key(item: str, people: Iterable[int]) -> str:
    return hashlib.sha256(f"{item}:{','.join(str(p) for p in sorted(people))}".encode()).hexdigest()


class _Releases:
    """The stored noised figures of one computation: reused over the same people, new ones charged.

    Budgets are per person and item, across every organisation (``PrivacyCharge``); ``spent``
    holds what was charged before plus what this computation charged, so nobody is charged past
    their budget however many of this organisation's figures they are in.
    """

    def __init__(self, people: set[int], record: bool):
        self.record = record
        self.spent: dict[tuple[int, str], float] = {}
        if record and people:
            # Budgets are shared across organisations: publishing two at once must not both spend them.
            from django.contrib.auth import get_user_model

            list(get_user_model().objects.select_for_update().filter(pk__in=sorted(people)).order_by("pk")
                 .values_list("pk", flat=True))
        for person_id, item, total in (PrivacyCharge.objects.filter(person_id__in=people).values("person_id", "item")
                                       .annotate(total=Sum("rho")).values_list("person_id", "item", "total")):
            self.spent[(person_id, item)] = total
        self.cutoff = timezone.now() - dt.timedelta(days=private_release.RELEASE_REFRESH_DAYS)
        self.fresh: dict[str, dict] = {}
        self.looked_up: set[str] = set()
        self.new: list[tuple[PrivateRelease, list[int]]] = []  # written together by ``save``

    def can_pay(self, person_id: int, item: str) -> bool:
        cost = private_release.rho_of(item)
        return self.spent.get((person_id, item), 0.0) + cost <= private_release.LIFETIME_BUDGET + 1e-9

    def prefetch(self, keys: Iterable[str]) -> None:
        keys = [key for key in keys if key not in self.looked_up]
        if not keys:
            return
        self.looked_up.update(keys)
        for key, figure in (PrivateRelease.objects.filter(contributors_key__in=keys, created_at__gte=self.cutoff)
                            .order_by("created_at", "id").values_list("contributors_key", "figure")):
            self.fresh[key] = figure  # the newest wins

    def save(self) -> None:
        """Write this computation's new releases and what each cost each contributor (two queries)."""
        if not self.new:
            return
        made = PrivateRelease.objects.bulk_create([release for release, _ in self.new])
        PrivacyCharge.objects.bulk_create([PrivacyCharge(person_id=p, item=release.item, release=release,
                                                         rho=release.rho)
                                           for release, (_, people) in zip(made, self.new, strict=True)
                                           for p in people], batch_size=5000)
        self.new = []

    def figure(self, item: str, people: frozenset, values: dict[int, object]) -> tuple[dict | None, str | None,
                                                                                       frozenset]:
        """(figure, None, its people): the stored one over exactly these people, or a new one charged to each.

        (None, reason, people) when neither can be shown.
        """
        key = _release_key(item, people)
        self.prefetch([key])
        if key in self.fresh:
            return self.fresh[key], None, people
        payers = frozenset(p for p in people if self.can_pay(p, item))
        if payers != people:
            # Someone's budget ran out in this very computation: the figure goes on without them.
            if len(payers) < K_MIN_CONTRIBUTORS:
                return None, TOO_FEW, people
            return self.figure(item, payers, values)
        if not self.record:
            return None, NOT_RECORDED, people
        figure = private_release.release(item, [values[p] for p in sorted(people)])
        cost = private_release.rho_of(item)
        self.new.append((PrivateRelease(item=item, contributors_key=key, contributors=sorted(people), figure=figure,
                                        rho=cost, created_at=timezone.now()), sorted(people)))
        for p in people:
            self.spent[(p, item)] = self.spent.get((p, item), 0.0) + cost
        self.fresh[key] = figure
        return figure, None, people


def _candidate_name(candidate: tuple) -> str:
    return ":".join(str(part) for part in candidate)


def _candidate_key(name: str) -> tuple:
    kind, _, team_id = name.partition(":")
    return (kind, int(team_id)) if team_id else (kind,)


def compute_figures(organisation, previous: dict | None = None, record: bool = True) -> dict:
    """Every candidate figure of the organisation, as stored in a release (plain JSON).

    {candidate name: {item: {"figure", "withheld", "shown_with"}}}; ``shown_with`` lists the
    people a figure was last shown with (now or in ``previous``), so that no release differs
    from the last shown one by fewer than k people (``contributors_over_time``). Each figure is
    a stored private release (``_Releases``); people whose privacy budget for the item is spent
    are left out of new figures. ``record`` False (a database that cannot be written) shows only
    figures already released.
    """
    previous = previous or {}
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
    releases = _Releases({p for found in values.values() for p in found}, record)
    for item in AGGREGATE_ITEMS:  # a spent budget: their data no longer enters new figures
        values[item] = {p: v for p, v in values[item].items() if releases.can_pay(p, item)}
    names = {candidate: _candidate_name(candidate) for candidate in populations}
    result: dict[str, dict[str, dict]] = {name: {} for name in names.values()}
    for item in AGGREGATE_ITEMS:
        chosen, held, last_shown = {}, {}, {}
        for candidate, people in populations.items():
            before = previous.get(names[candidate], {}).get(item, {}).get("shown_with")
            last_shown[candidate] = None if before is None else frozenset(before)
            use, reason = contributors_over_time(frozenset(people & values[item].keys()), last_shown[candidate])
            if use is None:
                held[candidate] = reason
            else:
                chosen[candidate] = use
        decision = release_figures(chosen.items(), K_MIN_CONTRIBUTORS)
        releases.prefetch(_release_key(item, chosen[c]) for c in populations if not held.get(c) and not decision[c])
        for candidate in populations:
            reason = held.get(candidate) or decision[candidate]
            people = None if reason else chosen[candidate]
            figure = None
            if people is not None:
                figure, reason, people = releases.figure(item, people, values[item])
                if figure is None:
                    people = None
            shown_with = last_shown[candidate] if people is None else people
            result[names[candidate]][item] = {
                "figure": figure, "withheld": reason, "shown_with": None if shown_with is None else sorted(shown_with)}
    releases.save()
    return result


def publish_figures(organisation, *, force: bool = False) -> AggregateRelease:
    """Compute and store the organisation's figures when an input changed since the latest release.

    The latest release is returned as it is when nothing changed (unless ``force``). Releases
    are written one at a time per organisation (its row is locked), so each is compared with
    the one before it; only the two newest are kept.
    """
    with transaction.atomic():
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        previous = AggregateRelease.objects.filter(organisation=organisation).order_by("-id").first()
        inputs_read_at = timezone.now()
        state, _members = _inputs_state(organisation)
        if previous is not None and previous.state_key == state and not force:
            return previous
        release = AggregateRelease.objects.create(
            organisation=organisation, state_key=state, inputs_read_at=inputs_read_at,
            figures=compute_figures(organisation, previous.figures if previous else None))
        kept = [release.pk] + ([previous.pk] if previous else [])
        AggregateRelease.objects.filter(organisation=organisation).exclude(pk__in=kept).delete()
    return release


def refresh_figures(stale_only: bool = True) -> tuple[int, int]:
    """Recompute contributions (the stale ones, or all), then publish every organisation's changed figures.

    What the periodic job and ``ownpath share refresh`` do; returns (contributions written,
    releases published).
    """
    written = refresh_contributions(stale_only=stale_only)
    published = 0
    for organisation in Organisation.objects.all():
        latest = AggregateRelease.objects.filter(organisation=organisation).order_by("-id").values_list(
            "id", flat=True).first()
        published += publish_figures(organisation).pk != latest
    return written, published


@task()
def publish_organisation_figures(organisation_id: int) -> int | None:
    """The background job: publish a new release of one organisation's figures if an input changed; its id."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    return None if organisation is None else publish_figures(organisation).pk


def schedule_publish(organisation) -> None:
    """Ask the background worker for a new release of the organisation's figures (once, however often asked)."""
    from ownpath.jobs.services import enqueue_once

    enqueue_once(publish_organisation_figures, organisation.pk)


def _loaded(release: AggregateRelease) -> dict[tuple, dict[str, dict]]:
    """A release's figures keyed by candidate, each with the frozenset of people it is shown over."""
    # Ids come back after a rollback (tests, SQLite): the moment it read its inputs tells releases apart.
    identity = (release.pk, release.inputs_read_at)
    found = _LAST.get(release.organisation_id)
    if found is not None and found[0] == identity:
        return found[1]
    if release.pk is None or "figures" not in release.get_deferred_fields():
        figures = release.figures
    else:
        figures = AggregateRelease.objects.values_list("figures", flat=True).get(pk=release.pk)
    loaded = {_candidate_key(name): {item: {
        "figure": None if entry["figure"] is None else dict(entry["figure"], as_of=release.inputs_read_at.isoformat()),
        "withheld": entry["withheld"],
        "contributors": frozenset(entry["shown_with"]) if entry["figure"] is not None else frozenset()}
        for item, entry in items.items()} for name, items in figures.items()}
    _LAST[release.organisation_id] = (identity, loaded)
    return loaded


def organisation_aggregates(organisation) -> dict[tuple, dict[str, dict]]:
    """Every candidate's figures: {candidate key: {item: {"figure": ..., "withheld": reason or None}}}.

    Read from the latest release. When an input changed since, a small organisation (up to
    ``OWNPATH_FIGURES_INLINE_UP_TO`` members) gets a new release now, a larger one from the
    background worker; meanwhile a figure counting anyone who has since stopped sharing is
    withheld, so a revoke takes effect on the next request either way.
    """
    release = AggregateRelease.objects.filter(organisation=organisation).order_by("-id").defer("figures").first()
    state, members = _inputs_state(organisation)
    if release is None or release.state_key != state:
        if members <= settings.OWNPATH_FIGURES_INLINE_UP_TO or release is None:
            release = _publish_or_compute(organisation, release)
        else:
            schedule_publish(organisation)
    figures = _loaded(release)
    withdrawn = _withdrawn_since(release)
    if not withdrawn:
        return figures
    return {candidate: {item: (_UPDATING if entry["contributors"] & withdrawn.get(item, set()) else entry)
                        for item, entry in items.items()} for candidate, items in figures.items()}


def _publish_or_compute(organisation, latest: AggregateRelease | None) -> AggregateRelease:
    """A new release, or where the database cannot be written (read-only) the latest one or an unsaved one."""
    try:
        return publish_figures(organisation)
    except DatabaseError:
        if latest is not None:
            return latest
        return AggregateRelease(organisation=organisation, state_key="", inputs_read_at=timezone.now(),
                                figures=compute_figures(organisation, record=False))


_UPDATING = {"figure": None, "withheld": UPDATING, "contributors": frozenset()}
# A few words for each reason a figure is withheld, where a table cell has no room for the sentence.
WITHHELD_SHORT = {TOO_FEW: "too few people", DIFFERENCING: "would single out", CHANGED_BY_FEW: "changed by few",
                  UPDATING: "being updated", NOT_RECORDED: "being updated"}


def _withdrawn_since(release: AggregateRelease) -> dict[str, set[int]]:
    """Per item, the people whose aggregate share ended after the release read its inputs."""
    withdrawn: dict[str, set[int]] = {}
    for owner_id, item in Share.objects.filter(audience=Share.AGGREGATE, item__in=AGGREGATE_ITEMS,
                                               revoked_at__gte=release.inputs_read_at).values_list("owner_id", "item"):
        withdrawn.setdefault(item, set()).add(owner_id)
    return withdrawn


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


def organisation_figures(viewer, organisation, team_ids=None) -> dict:
    """The organisation's figures and its teams' (all, or those in ``team_ids``), for a people lead of it.

    Anyone else gets NotFound.
    """
    if not teams.people_lead_orgs(viewer).filter(pk=organisation.pk).exists():
        raise NotFound(f"no organisation {organisation.pk} where you are a people lead")
    found = organisation_aggregates(organisation)
    known = _known_to(viewer)
    wanted = None if team_ids is None else set(team_ids)
    names = dict(Team.objects.filter(organisation=organisation).values_list("id", "name"))
    return {"organisation": _for_viewer(found[(ORGANISATION_KEY,)], known),
            "teams": sorted(({"team_id": key[1], "name": names.get(key[1], "?"), "items": _for_viewer(figures, known)}
                             for key, figures in found.items()
                             if key[0] == "team" and (wanted is None or key[1] in wanted)), key=lambda t: t["name"])}
