"""The one read gate: the only code that reads another person's data and the only writer of the access log.

Every read of someone else's rows goes through a function here, which checks the consent that
allows it *now* and writes one ``AccessLog`` row per read, as the requester's read:

- ``read_shared(viewer, owner, item)`` / ``shared_profiles``: a live share of a profile item whose
  audience reaches the viewer through a current relation (teams.relations_among);
- ``conversation_answers`` and ``agreement_journals``: a conversation's answers and the journal
  behind its agreements' reviews, for the person's current manager, only where the person set the
  answer's or review's share flag (those flags are the consent);
- ``read_team_planning(requester, person, purpose)``: the person's ``team_planning`` item (energy
  and skill estimates, recent hours a week, weekly target and available hours: see
  ``sharing.profile.team_planning`` for the payload's shape) while they have a live
  ``team_planning`` share, for someone in one of their organisations.

A manager reaches "my manager" shares only once the person has seen that they became their
manager and chose to keep sharing (``teams.changes``).

Anything not allowed raises ``NotFound`` (or returns None for team planning: "left out"), the same
as a missing object. ``tests/sharing/test_one_gate.py`` fails when any other module writes the
access log or reads another person's rows; its allow-list names the few modules that may.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from ownpath.errors import NotFound
from ownpath.sharing.items import ITEMS
from ownpath.sharing.models import AccessLog, Share
from ownpath.teams import changes
from ownpath.teams import services as teams

# Which relation of the viewer to the owner each personal audience needs (teams.relations_among).
RELATION_OF = {Share.MANAGER: "reports", Share.TEAM: "teammates", Share.PERSON: "colleagues"}
TEAM_PLANNING = "team_planning"
ANSWER_READ = "conversation_answer"
REVIEW_READ = "agreement_review"
# Why team planning read someone's item (AccessLog.purpose); the person reads these words.
PLANNING_PURPOSES = {"mentorship": "mentorship matching", "allocation": "work allocation",
                     "pooled_prior": "the organisation's pooled prior"}


def _not_shared(owner_label: str, item: str) -> NotFound:
    return NotFound(f"nothing called '{item}' of {owner_label} to show")


def _log(viewer, owner, item: str, share: Share | None = None, purpose: str = "", detail: dict | None = None) -> None:
    """Write one read to the owner's access log (the only place that does)."""
    AccessLog.objects.create(viewer=viewer, owner=owner, item=item, share=share, purpose=purpose,
                             detail=detail or {})


def _reaching_each(viewer, owner_ids: list[int], audiences) -> dict[int, dict[str, Any]]:
    """For each owner, which of the asked personal audiences reach the viewer right now (a query per audience)."""
    asked = [audience for audience in RELATION_OF if audience in audiences]
    related = teams.relations_among(viewer, owner_ids, wanted=[RELATION_OF[a] for a in asked])
    reaching: dict[int, dict[str, Any]] = {
        pk: {audience: pk in related[RELATION_OF[audience]] for audience in asked} for pk in owner_ids}
    if related["reports"]:
        # A new manager reads "my manager" shares only once the person has seen the change and kept
        # sharing; until then only the shares made after the change (with the new manager in place).
        for pk, since in changes.pending_managers_since(viewer, related["reports"]).items():
            if reaching[pk].get(Share.MANAGER):
                reaching[pk][Share.MANAGER] = since
    return reaching


def _reaching(viewer, owner, audiences: set[str] | None = None) -> dict[str, Any]:
    """Which audiences of the owner's reach the viewer right now (only the ``audiences`` asked about)."""
    return _reaching_each(viewer, [owner.pk], RELATION_OF if audiences is None else audiences)[owner.pk]


def _share_reaches(found: Share, viewer, reaching: dict[str, Any]) -> bool:
    reach = reaching.get(found.audience, False)
    if found.revoked_at is not None or not reach:
        return False
    if reach is not True and found.created_at < reach:  # a manager still waiting for "keep sharing"
        return False
    return found.audience != Share.PERSON or found.audience_person_id == viewer.pk


def viewer_may_use(viewer, owner, found: Share) -> bool:
    """True when this live share reaches this viewer through a relation that holds right now."""
    if found.audience == Share.AGGREGATE:
        return False  # anonymous aggregates never open an individual read
    return _share_reaches(found, viewer, _reaching(viewer, owner))


def _live_personal_shares(owner, item: str | None = None) -> list[Share]:
    found = Share.objects.filter(owner=owner, revoked_at__isnull=True).exclude(audience=Share.AGGREGATE)
    if item is not None:
        found = found.filter(item=item)
    return list(found.order_by("-created_at", "-id"))


def _open(share_item, found: Share, owner) -> dict:
    content = found.snapshot if found.mode == Share.SNAPSHOT else share_item.assemble(owner)
    return {"item": found.item, "label": share_item.label, "mode": found.mode, "owner_id": owner.pk,
            "shared_at": found.created_at.isoformat(),
            "taken_at": (found.created_at if found.mode == Share.SNAPSHOT else timezone.now()).isoformat(),
            "content": content}


def _usable(viewer, owner, shares: list[Share]) -> dict[str, Share]:
    """The newest share per item that reaches the viewer (relations checked once)."""
    if not shares:
        return {}
    return _usable_given(viewer, shares, _reaching(viewer, owner, {found.audience for found in shares}))


def _usable_given(viewer, shares: list[Share], reaching: dict[str, Any]) -> dict[str, Share]:
    """The newest share per item that reaches the viewer, given which audiences reach them."""
    usable: dict[str, Share] = {}
    for found in shares:  # newest first
        if found.item in ITEMS and found.item not in usable and _share_reaches(found, viewer, reaching):
            usable[found.item] = found
    return usable


def read_shared(viewer, owner, item: str) -> dict:
    """What ``owner`` shared of ``item`` with ``viewer``, logged; NotFound unless a live share reaches them.

    Returns {item, label, mode, owner_id, shared_at, taken_at, content}. The owner reading
    their own item gets it live, unlogged.
    """
    share_item = ITEMS.get(item)
    if share_item is None or not getattr(viewer, "is_authenticated", False):
        raise _not_shared("this person", item)
    if viewer.pk == owner.pk:
        return {"item": item, "label": share_item.label, "mode": Share.LIVE, "owner_id": owner.pk,
                "shared_at": None, "taken_at": timezone.now().isoformat(), "content": share_item.assemble(owner)}
    found = _usable(viewer, owner, _live_personal_shares(owner, item)).get(item)
    if found is None:
        raise _not_shared("this person", item)
    shown = _open(share_item, found, owner)
    _log(viewer, owner, item, found)
    return shown


def readable_items(viewer, owner) -> list[str]:
    """The items of ``owner`` a live share lets ``viewer`` read right now (nothing is read or logged)."""
    if not getattr(viewer, "is_authenticated", False) or viewer.pk == owner.pk:
        return []
    usable = _usable(viewer, owner, _live_personal_shares(owner))
    return [slug for slug in ITEMS if slug in usable]


def people_sharing_with(viewer) -> list:
    """The people with at least one item shared with ``viewer`` right now (nothing is read or logged)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    if not getattr(viewer, "is_authenticated", False):
        return []
    from django.db.models import F, OuterRef, Subquery

    pending_since = (changes.pending_for_viewer(viewer).filter(person_id=OuterRef("owner_id"))
                     .order_by("-created_at").values("created_at")[:1])
    managers_shares = (Share.objects.filter(audience=Share.MANAGER, revoked_at__isnull=True,
                                            owner__in=teams.reports_of(viewer).values("pk"))
                       .annotate(pending_since=Subquery(pending_since))
                       .filter(Q(pending_since__isnull=True) | Q(created_at__gte=F("pending_since"))))
    reaching = (Q(pk__in=managers_shares.values("pk"))
                | Q(audience=Share.TEAM, owner__in=teams.teammates_of(viewer).values("pk"))
                | Q(audience=Share.PERSON, audience_person=viewer, owner__in=teams.colleagues_of(viewer).values("pk")))
    owners = Share.objects.filter(reaching, revoked_at__isnull=True, item__in=list(ITEMS)).values("owner_id")
    return list(get_user_model().objects.filter(pk__in=owners).order_by("username"))


def shared_profile(viewer, owner) -> list[dict]:
    """Every item ``owner`` shares with ``viewer`` right now, in the item list's order, each read logged.

    The same gate as ``read_shared`` (relations checked once for all items).
    """
    return shared_profiles(viewer, [owner]).get(owner.pk, [])


def shared_profiles(viewer, owners) -> dict[int, list[dict]]:
    """``shared_profile`` for several owners at once (a manager's reports): {owner id: items}, reads logged.

    The same gate, in a fixed number of queries: every owner's live shares in one, the viewer's
    relation to all of them in three, their journal states and cached insights together.
    """
    owners = [o for o in owners if getattr(viewer, "is_authenticated", False) and o.pk != viewer.pk]
    if not owners:
        return {}
    from ownpath.sharing.profile import one_reading, prefetch

    shares_by_owner: dict[int, list[Share]] = {o.pk: [] for o in owners}
    for found in (Share.objects.filter(owner_id__in=list(shares_by_owner), revoked_at__isnull=True)
                  .exclude(audience=Share.AGGREGATE).order_by("-created_at", "-id")):
        shares_by_owner[found.owner_id].append(found)
    audiences = {found.audience for shares in shares_by_owner.values() for found in shares}
    reaching = _reaching_each(viewer, [pk for pk, found in shares_by_owner.items() if found], audiences)
    usable = {o.pk: _usable_given(viewer, shares_by_owner[o.pk], reaching.get(o.pk, {})) for o in owners}
    shown: dict[int, list[dict]] = {}
    with one_reading():
        prefetch([o for o in owners if usable[o.pk]])
        for owner in owners:
            shown[owner.pk] = [_open(ITEMS[slug], usable[owner.pk][slug], owner)
                               for slug in ITEMS if slug in usable[owner.pk]]
    AccessLog.objects.bulk_create([AccessLog(viewer=viewer, owner=owner, item=slug, share=usable[owner.pk][slug])
                                   for owner in owners for slug in ITEMS if slug in usable[owner.pk]])
    return shown


def consented(owner, item: str, audiences: tuple[str, ...] = (Share.AGGREGATE,)) -> bool:
    """True when the owner has a live share of ``item`` with any of these audiences (nothing is read)."""
    return Share.objects.filter(owner=owner, item=item, audience__in=audiences, revoked_at__isnull=True).exists()


# --- team planning ------------------------------------------------------------------------------

def read_team_planning(requester, person, purpose: str) -> dict | None:
    """The person's ``team_planning`` payload for ``purpose``, logged as ``requester``'s read; None without consent.

    Consent is a live ``team_planning`` share (any audience); the requester must be in one of
    the person's organisations. ``requester`` None is the anonymous pooled prior: logged with
    no viewer (the contributors are not told who asked). See ``sharing.profile.team_planning``.
    """
    if purpose not in PLANNING_PURPOSES:
        raise ValueError(f"unknown team-planning purpose {purpose!r}")
    found = (Share.objects.filter(owner=person, item=TEAM_PLANNING, revoked_at__isnull=True)
             .order_by("-created_at", "-id").first())
    if found is None:
        return None
    if requester is not None and requester.pk != person.pk and not teams.share_an_organisation(requester, person):
        return None
    content = ITEMS[TEAM_PLANNING].assemble(person)
    weeks = content["recent_weeks"]["weeks"]
    _log(requester, person, TEAM_PLANNING, found, purpose,
         {"activities": sorted(content["activities"]), "entries": content["episodes"], "weeks": weeks,
          "estimates": f"energy and skill estimates, hours a week over your last {weeks} weeks with entries, "
                       "weekly target and available hours"})
    return content


def planning_reads_of(person, limit: int = 50) -> list[AccessLog]:
    """The person's own log of team-planning reads of their item, newest first (for the person only)."""
    return list(AccessLog.objects.filter(owner=person, item=TEAM_PLANNING).exclude(purpose="")
                .select_related("viewer")[:limit])


# --- conversations ------------------------------------------------------------------------------

def _conversation_side(viewer, conversation) -> str:
    """'person', 'manager' (their current manager) or NotFound: who may read this conversation's answers."""
    if getattr(viewer, "pk", None) == conversation.person_id:
        return "person"
    if getattr(viewer, "pk", None) == conversation.manager_id and teams.is_manager_of(viewer, conversation.person):
        return "manager"
    raise NotFound(f"no conversation {conversation.pk}")


def conversation_answers(viewer, conversation) -> dict[int, Any]:
    """{agenda item id: Answer, or None for one answered privately} as the viewer may see them.

    The person sees all their answers. Their current manager sees the text of the answers whose
    ``shared_with_manager`` flag (the person's consent) is set, and only that the others exist;
    the manager's read is one access-log row for the conversation, written when an answer is shown.
    """
    from ownpath.conversations.models import Answer

    side = _conversation_side(viewer, conversation)
    found = {a.item_id: a if side == "person" or a.shared_with_manager else None
             for a in Answer.objects.filter(item__conversation=conversation)}
    shown = sum(1 for a in found.values() if a is not None)
    if side == "manager" and shown:
        _log(viewer, conversation.person, ANSWER_READ, detail={"conversation": conversation.pk, "answers": shown})
    return found


def conversation_activity_labels(viewer, conversation) -> dict[str, str]:
    """Slug → label of the activities an agreement in this conversation may name, as the viewer may know them.

    The person: every activity they can log. Their current manager: the built-in ones only (the
    person's own activity names are part of their journal, which they have not shared).
    """
    from ownpath.journal.models import Activity

    side = _conversation_side(viewer, conversation)
    owners = [conversation.person_id] if side == "person" else []
    found = Activity.objects.filter(Q(owner__isnull=True) | Q(owner_id__in=owners))
    return dict(found.order_by("slug").values_list("slug", "label"))


def agreement_journals(viewer, conversation, agreements, since_weeks: int, until) -> dict[int, list]:
    """{agreement id: the person's episodes from ``since_weeks`` before it to ``until``}, for the reviews the
    viewer may read.

    The person reads every review; their current manager only those whose
    ``review_shared_with_manager`` is set, logged once. Agreements without hour changes need no journal.
    """
    import datetime as dt

    from ownpath.journal.models import Episode

    from ownpath.inputs import in_window

    side = _conversation_side(viewer, conversation)
    # A row stored before dates were checked (year 1, say) has no review rather than an overflow.
    allowed = [a for a in agreements if (side == "person" or a.review_shared_with_manager)
               and in_window(a.conversation.date)]
    if not allowed:
        return {}
    first = min(a.conversation.date for a in allowed) - dt.timedelta(weeks=since_weeks)
    episodes = list(Episode.objects.filter(user_id=conversation.person_id, date__gte=first, date__lte=until)
                    .select_related("activity").order_by("date", "start_time", "id"))
    found = {a.pk: [e for e in episodes if e.date >= a.conversation.date - dt.timedelta(weeks=since_weeks)]
             for a in allowed}
    if side == "manager":
        _log(viewer, conversation.person, REVIEW_READ, detail={"conversation": conversation.pk,
                                                              "agreements": sorted(found)})
    return found
