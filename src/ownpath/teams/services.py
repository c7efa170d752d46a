"""Teams use cases: organisations, teams, invitations, joining and leaving, and the relation queries.

Permission checks live here. An organisation, team or invitation the acting person may not see
raises ``NotFound`` (entry points answer 404), exactly like a missing one, so nobody learns what
exists elsewhere. Roles are relations (Membership, OrganisationRole), never flags on a user.

Who counts as whose manager (decided here, used everywhere): a person's managers are the
managers of the *nearest* team, from their own team up the tree, that has a manager. So a
manager's *reports* are the members of the teams they manage, and the members of the sub-teams
below those that have no manager of their own (down to the next team that has one). A sub-team
with its own manager is that manager's alone: its people are not the reports of the manager
above (no skip-level reading), who sees them only in anonymous aggregates (at least 5
contributors, see ``sharing.aggregates``). The audience "my manager" means exactly these managers.
Only ``member`` memberships make reports (a sub-team's manager is not thereby a report).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.dispatch import Signal
from django.utils import timezone

from ownpath.errors import NotFound, UserInputError
from ownpath.inputs import as_id, visible_name
from ownpath.teams import changes
from ownpath.teams.models import Invitation, Membership, Organisation, OrganisationRole, Team

# Sent after a person left an organisation (kwargs: person, organisation). Sharing ends the
# person's shares; other areas (conversations) end what they keep for that organisation.
person_left_organisation = Signal()

INVITATION_DAYS = 14
TEAM_ROLES = {Membership.MEMBER, Membership.MANAGER}
ORGANISATION_ROLES = {OrganisationRole.PEOPLE_LEAD, OrganisationRole.ADMIN}


def _name(text: str, what: str) -> str:
    return visible_name(text, what)


# --- relation queries (used by every area) -----------------------------------------------------

def organisations_of(person) -> QuerySet[Organisation]:
    """The organisations a person belongs to (through a team membership or an organisation role)."""
    return Organisation.objects.filter(
        Q(teams__memberships__person=person) | Q(roles__person=person)).distinct()


def belongs_to(person, organisation) -> bool:
    """True when the person is in one of the organisation's teams or holds a role in it."""
    if not getattr(person, "is_authenticated", False):
        return False
    return (Membership.objects.filter(person=person, team__organisation=organisation).exists()
            or OrganisationRole.objects.filter(person=person, organisation=organisation).exists())


def is_admin(person, organisation) -> bool:
    """True when the person administers the organisation (which lets them read no journal)."""
    return bool(getattr(person, "is_authenticated", False)) and OrganisationRole.objects.filter(
        person=person, organisation=organisation, role=OrganisationRole.ADMIN).exists()


def people_lead_orgs(person) -> QuerySet[Organisation]:
    """The organisations in which the person is a people lead (organisation-wide aggregates only)."""
    return Organisation.objects.filter(roles__person=person, roles__role=OrganisationRole.PEOPLE_LEAD).distinct()


def managed_teams(manager) -> QuerySet[Team]:
    """The teams the person manages directly."""
    return Team.objects.filter(memberships__person=manager, memberships__role=Membership.MANAGER).distinct()


def _tree(organisations, people: Iterable[int] = ()) -> tuple[dict[int, int | None], dict[int, set[int]],
                                                             dict[int, set[int]]]:
    """In one query: {team: parent}, {team: its managers} and {team: which of ``people`` are its members}."""
    from django.db.models import FilteredRelation

    people = list(people)
    wanted = Q(memberships__role=Membership.MANAGER)
    if people:
        wanted |= Q(memberships__role=Membership.MEMBER, memberships__person_id__in=people)
    parents: dict[int, int | None] = {}
    managers: dict[int, set[int]] = {}
    members: dict[int, set[int]] = {}
    for team_id, parent_id, person_id, role in (
            Team.objects.filter(organisation__in=organisations).annotate(m=FilteredRelation("memberships",
                                                                                           condition=wanted))
            .values_list("id", "parent_id", "m__person_id", "m__role")):
        parents[team_id] = parent_id
        if person_id is not None:
            (managers if role == Membership.MANAGER else members).setdefault(team_id, set()).add(person_id)
    return parents, managers, members


def _managed_below(manager_pk: int, parents: dict[int, int | None], managers: dict[int, set[int]]) -> set[int]:
    """The teams ``manager_pk`` manages directly, and the sub-teams below them without a manager of their own."""
    children: dict[int | None, list[int]] = {}
    for team_id, parent_id in parents.items():
        children.setdefault(parent_id, []).append(team_id)
    direct = [t for t, people in managers.items() if manager_pk in people]
    found, stack = set(direct), list(direct)
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found and not managers.get(child):
                found.add(child)
                stack.append(child)
    return found


def _managed_organisations(manager):
    return Membership.objects.filter(person=manager, role=Membership.MANAGER).values("team__organisation_id")


def managed_team_ids(manager) -> list[int]:
    """The teams whose members the person manages: theirs, and the sub-teams below without a manager of their own."""
    if not getattr(manager, "is_authenticated", False):
        return []
    parents, managers, _ = _tree(_managed_organisations(manager))
    return sorted(_managed_below(manager.pk, parents, managers))


def reports_of(manager) -> QuerySet:
    """The manager's reports: members of the teams they manage, and of sub-teams without a manager (module doc)."""
    User = get_user_model()
    if not getattr(manager, "is_authenticated", False):
        return User.objects.none()
    return (User.objects.filter(memberships__team_id__in=managed_team_ids(manager), memberships__role=Membership.MEMBER)
            .exclude(pk=manager.pk).distinct().order_by("username"))


def reports_in_team(manager, team) -> QuerySet:
    """The members of one team the manager manages, with its sub-teams' members that have no manager of their own."""
    User = get_user_model()
    if not Membership.objects.filter(person=manager, team=team, role=Membership.MANAGER).exists():
        return User.objects.none()
    mine = set(managed_team_ids(manager))
    below = [t for t in subtree_team_ids(team) if t in mine]
    return (User.objects.filter(memberships__team_id__in=below, memberships__role=Membership.MEMBER)
            .exclude(pk=manager.pk).distinct().order_by("username"))


def teams_of(person, organisation=None) -> list[Membership]:
    """The person's memberships (team and role), optionally in one organisation."""
    memberships = Membership.objects.filter(person=person).select_related("team", "team__organisation")
    if organisation is not None:
        memberships = memberships.filter(team__organisation=organisation)
    return list(memberships.order_by("team__name"))


def is_manager_of(manager, person) -> bool:
    """True when ``manager`` manages ``person`` right now (their nearest team up the tree with a manager)."""
    if not getattr(manager, "is_authenticated", False) or manager.pk == person.pk:
        return False
    return Membership.objects.filter(person=person, role=Membership.MEMBER,
                                     team_id__in=managed_team_ids(manager)).exists()


def managers_of(person) -> QuerySet:
    """The people who manage the person ("my manager"): of the nearest team up from each of theirs with a manager."""
    User = get_user_model()
    if not getattr(person, "pk", None):
        return User.objects.none()
    organisations = Membership.objects.filter(person=person, role=Membership.MEMBER).values("team__organisation_id")
    parents, managers, members = _tree(organisations, [person.pk])
    found: set[int] = set()
    for team_id in (t for t, people in members.items() if person.pk in people):
        current: int | None = team_id
        seen: set[int] = set()
        while current is not None and current not in seen:
            seen.add(current)
            mine = managers.get(current, set()) - {person.pk}
            if mine:
                found |= mine
                break
            current = parents.get(current)
    return User.objects.filter(pk__in=found).order_by("username")


def teammates_of(person) -> QuerySet:
    """Everyone else in the person's teams (members and managers of the same team: "my team")."""
    User = get_user_model()
    if not getattr(person, "is_authenticated", False):
        return User.objects.none()
    teams = Membership.objects.filter(person=person).values("team_id")
    return User.objects.filter(memberships__team_id__in=teams).exclude(pk=person.pk).distinct().order_by("username")


def is_teammate_of(viewer, person) -> bool:
    """True when viewer and person are in a common team right now."""
    if not getattr(viewer, "is_authenticated", False) or viewer.pk == person.pk:
        return False
    teams = Membership.objects.filter(person=person).values("team_id")
    return Membership.objects.filter(person=viewer, team_id__in=teams).exists()


def relations_among(viewer, people_ids: Iterable[int],
                    wanted: Iterable[str] = ("reports", "teammates", "colleagues")) -> dict[str, set[int]]:
    """Of these people, who the viewer manages, shares a team with, and shares an organisation with, now.

    The batch form of ``is_manager_of``, ``is_teammate_of`` and ``share_an_organisation``: one
    query per relation in ``wanted``, for any number of people ({relation: ids}; others empty).
    """
    found: dict[str, set[int]] = {"reports": set(), "teammates": set(), "colleagues": set()}
    ids = [pk for pk in people_ids if pk != getattr(viewer, "pk", None)]
    if not getattr(viewer, "is_authenticated", False) or not ids:
        return found
    wanted = set(wanted)
    if "reports" in wanted:
        # One query: the viewer's organisations' tree with its managers and these people's memberships.
        parents, managers, members = _tree(_managed_organisations(viewer), ids)
        for team_id in _managed_below(viewer.pk, parents, managers):
            found["reports"] |= members.get(team_id, set())
    if "teammates" in wanted:
        mine = Membership.objects.filter(person=viewer).values("team_id")
        found["teammates"] = set(Membership.objects.filter(person_id__in=ids, team_id__in=mine)
                                 .values_list("person_id", flat=True))
    if "colleagues" in wanted:
        found["colleagues"] = set(people_of_organisations(organisations_of(viewer).values("pk")).filter(pk__in=ids)
                                  .values_list("pk", flat=True))
    return found


def people_of_organisations(organisations) -> QuerySet:
    """Everyone who belongs to any of these organisations (team memberships and organisation roles)."""
    User = get_user_model()
    return User.objects.filter(Q(memberships__team__organisation__in=organisations)
                               | Q(organisation_roles__organisation__in=organisations)).distinct()


def share_an_organisation(a, b) -> bool:
    """True when both people belong to a common organisation right now."""
    if not getattr(a, "is_authenticated", False):
        return False
    return organisations_of(a).filter(pk__in=organisations_of(b).values("pk")).exists()


def team_tree(organisation) -> dict[int | None, list[Team]]:
    """The organisation's teams by parent id (None: top-level teams), each list by name."""
    children: dict[int | None, list[Team]] = {}
    for team in Team.objects.filter(organisation=organisation).order_by("name", "id"):
        children.setdefault(team.parent_id, []).append(team)
    return children


def subtree_team_ids(team) -> list[int]:
    """The team and all its sub-teams, at any depth (ids)."""
    by_parent: dict[int | None, list[int]] = {}
    for team_id, parent_id in Team.objects.filter(organisation_id=team.organisation_id).values_list("id", "parent_id"):
        by_parent.setdefault(parent_id, []).append(team_id)
    found, stack = [], [team.pk]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(by_parent.get(current, ()))
    return found


def people_in_teams(team_ids: Iterable[int]) -> QuerySet:
    """Everyone with a membership (member or manager) in any of these teams."""
    User = get_user_model()
    return User.objects.filter(memberships__team_id__in=list(team_ids)).distinct()


def people_of(organisation) -> QuerySet:
    """Everyone who belongs to the organisation (team memberships and organisation roles)."""
    return people_of_organisations([organisation]).order_by("username")


def colleagues_of(person) -> QuerySet:
    """Everyone else in the person's organisations (whom they may share an item with by name)."""
    return people_of_organisations(organisations_of(person).values("pk")).exclude(pk=person.pk).order_by("username")


def colleague(person, key: str | int):
    """Someone in one of the person's organisations, by id or username; anyone else is NotFound."""
    text = str(key).strip()
    people = colleagues_of(person)
    found = people.filter(pk=as_id(text)).first() if as_id(text) is not None else people.filter(username=text).first()
    if found is None:
        raise NotFound(f"person: nobody called '{text}' in your organisations")
    return found


def person_in(actor, organisation, key: str | int):
    """Someone (the actor included) in an organisation the actor belongs to, by id or username."""
    if not belongs_to(actor, organisation):
        raise NotFound(f"no organisation {organisation.pk} of yours")
    text = str(key).strip()
    people = people_of(organisation)
    found = people.filter(pk=as_id(text)).first() if as_id(text) is not None else people.filter(username=text).first()
    if found is None:
        raise NotFound(f"person: nobody called '{text}' in {organisation.name}")
    return found


# --- administration -------------------------------------------------------------------------------

def create_organisation(person, name: str) -> Organisation:
    """Create an organisation; its creator becomes its first admin."""
    with transaction.atomic():
        organisation = Organisation.objects.create(name=_name(name, "organisation"))
        OrganisationRole.objects.create(organisation=organisation, person=person, role=OrganisationRole.ADMIN)
    return organisation


def get_organisation(person, organisation_id: int) -> Organisation:
    """An organisation the person belongs to (others look missing)."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or not belongs_to(person, organisation):
        raise NotFound(f"no organisation {organisation_id} of yours")
    return organisation


def find_organisation(person, name_or_id: str | int) -> Organisation:
    """An organisation of the person's by id or exact name (for the CLI)."""
    text = str(name_or_id).strip()
    organisation_id = as_id(text)
    if organisation_id is not None:
        return get_organisation(person, organisation_id)
    matches = [o for o in organisations_of(person) if o.name == text]
    if len(matches) != 1:
        raise NotFound(f"no organisation named '{text}' of yours" if not matches
                       else f"several organisations are named '{text}'; use the id")
    return matches[0]


def administered_organisation(person, organisation_id: int) -> Organisation:
    """An organisation the person administers; anyone else gets NotFound."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or not is_admin(person, organisation):
        raise NotFound(f"no organisation {organisation_id} that you administer")
    return organisation


def _administered_team(person, team_id: int) -> Team:
    team = Team.objects.select_related("organisation").filter(pk=team_id).first()
    if team is None or not is_admin(person, team.organisation):
        raise NotFound(f"no team {team_id} that you administer")
    return team


def find_team(person, organisation, name_or_id: str | int) -> Team:
    """A team of an organisation the person belongs to, by id or name."""
    if not belongs_to(person, organisation):
        raise NotFound(f"no organisation {organisation.pk} of yours")
    text = str(name_or_id).strip()
    teams = Team.objects.filter(organisation=organisation)
    team = teams.filter(pk=as_id(text)).first() if as_id(text) is not None else teams.filter(name=text).first()
    if team is None:
        raise NotFound(f"no team '{text}' in {organisation.name}")
    return team


def create_team(person, organisation, name: str, parent: Team | None = None) -> Team:
    """Create a team (a sub-team when ``parent`` is given, which must be in the same organisation); admins only."""
    organisation = administered_organisation(person, organisation.pk)
    if parent is not None and parent.organisation_id != organisation.pk:
        raise NotFound(f"no team {parent.pk} in {organisation.name}")
    name = _name(name, "team")
    if Team.objects.filter(organisation=organisation, name=name).exists():
        raise UserInputError(f"team: {organisation.name} already has a team named '{name}'")
    return Team.objects.create(organisation=organisation, name=name, parent=parent)


def set_membership(person, team: Team, member, role: str = Membership.MEMBER) -> Membership:
    """Put someone who already belongs to the organisation into a team as member or manager; admins only.

    Nobody is added to an organisation without accepting an invitation.
    """
    team = _administered_team(person, team.pk)
    if role not in TEAM_ROLES:
        raise UserInputError(f"role: '{role}' is not one of member, manager")
    if not belongs_to(member, team.organisation):
        raise NotFound(f"{member} is not in {team.organisation.name}; invite them first")
    with transaction.atomic(), changes.noticing(person, [team.pk], [member.pk], team):
        membership, _ = Membership.objects.update_or_create(team=team, person=member, defaults={"role": role})
    return membership


def remove_membership(person, team: Team, member) -> None:
    """Take someone out of a team (they stay in the organisation); admins only."""
    team = _administered_team(person, team.pk)
    with transaction.atomic(), changes.noticing(person, [team.pk], [member.pk], team):
        Membership.objects.filter(team=team, person=member).delete()


def set_organisation_role(person, organisation, member, role: str, granted: bool = True) -> None:
    """Grant or take away people lead / admin for someone in the organisation; admins only."""
    organisation = administered_organisation(person, organisation.pk)
    if role not in ORGANISATION_ROLES:
        raise UserInputError(f"role: '{role}' is not one of people_lead, admin")
    if not belongs_to(member, organisation):
        raise NotFound(f"{member} is not in {organisation.name}; invite them first")
    if granted:
        OrganisationRole.objects.get_or_create(organisation=organisation, person=member, role=role)
        return
    if role == OrganisationRole.ADMIN and _admin_count(organisation) <= 1 and is_admin(member, organisation):
        raise UserInputError("role: the organisation needs at least one admin")
    OrganisationRole.objects.filter(organisation=organisation, person=member, role=role).delete()


def _admin_count(organisation) -> int:
    return OrganisationRole.objects.filter(organisation=organisation, role=OrganisationRole.ADMIN).count()


def members_of(person, organisation) -> list[dict]:
    """Who is in the organisation, with their teams and roles (names only: an admin reads no journal); admins only."""
    organisation = administered_organisation(person, organisation.pk)
    rows: dict[int, dict] = {}
    for membership in Membership.objects.filter(team__organisation=organisation).select_related("person", "team"):
        row = rows.setdefault(membership.person_id, {"person": membership.person, "teams": [], "roles": []})
        row["teams"].append({"team": membership.team, "role": membership.role})
    for role in OrganisationRole.objects.filter(organisation=organisation).select_related("person"):
        rows.setdefault(role.person_id, {"person": role.person, "teams": [], "roles": []})["roles"].append(role.role)
    return sorted(rows.values(), key=lambda r: r["person"].username)


# --- invitations ----------------------------------------------------------------------------------

def invite(person, organisation, *, team: Team | None = None, role: str = Membership.MEMBER, email: str = "",
           days: int = INVITATION_DAYS, label: str = "", note: str = "") -> Invitation:
    """Create an invitation (by e-mail when ``email`` is given, else a link); admins only.

    Team roles (member, manager) need a team of this organisation; organisation roles
    (people_lead, admin) take none. ``label`` tells the admin's links apart ("Raj, sales");
    ``note`` is a line to the invited person. Sending the e-mail is ``send_invitation``'s job.
    """
    organisation = administered_organisation(person, organisation.pk)
    if role not in TEAM_ROLES | ORGANISATION_ROLES:
        raise UserInputError(f"role: '{role}' is not one of member, manager, people_lead, admin")
    if role in TEAM_ROLES and team is None:
        raise UserInputError(f"team: a {role} is invited into a team; name one")
    if role in ORGANISATION_ROLES:
        team = None
    if team is not None and team.organisation_id != organisation.pk:
        raise NotFound(f"no team {team.pk} in {organisation.name}")
    email = (email or "").strip()
    if email:
        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email

        try:
            validate_email(email)
        except ValidationError:
            raise UserInputError(f"email: '{email}' is not an e-mail address") from None
    if not 1 <= int(days) <= 90:
        raise UserInputError("days: an invitation lasts 1 to 90 days")
    label = " ".join((label or "").split())
    if len(label) > 120:
        raise UserInputError("label: keep it under 120 characters")
    note = (note or "").strip()
    if len(note) > 500:
        raise UserInputError("note: keep it under 500 characters")
    return Invitation.objects.create(organisation=organisation, team=team, role=role, email=email, label=label,
                                     note=note, invited_by=person,
                                     expires_at=timezone.now() + dt.timedelta(days=int(days)))


def invitation_summary(invitation: Invitation) -> str:
    """Who invites whom to what, in one sentence (the join, log-in and sign-up pages show it)."""
    inviter = invitation.invited_by.username if invitation.invited_by else "An admin"
    role = invitation.get_role_display()
    where = f" of {invitation.team.name}" if invitation.team else ""
    return f"{inviter} invites you to {invitation.organisation.name} as {role}{where}."


def invitation_from_path(path: str) -> Invitation | None:
    """The usable invitation a ``next`` path such as ``/join/TOKEN/`` points to, else None.

    Lets the log-in and sign-up pages say who invited the person to what, and keep the way back.
    """
    prefix = "/join/"
    if not (path or "").startswith(prefix):
        return None
    token = path[len(prefix):].strip("/")
    if not token or "/" in token:
        return None
    try:
        return invitation_for_token(token)
    except NotFound:
        return None


def invitation_url(invitation: Invitation, base_url: str | None = None) -> str:
    """The link that accepts the invitation (``OWNPATH_BASE_URL`` unless given)."""
    base = (base_url or settings.OWNPATH_BASE_URL).rstrip("/")
    return f"{base}/join/{invitation.token}/"


def send_invitation(invitation: Invitation, base_url: str | None = None) -> None:
    """E-mail the invitation link to ``invitation.email`` through Django's e-mail framework.

    The one place invitations are sent from; the message is queued and the background worker
    (``ownpath worker``, started by ``ownpath serve``) delivers it.
    """
    from ownpath.mail.services import queue_email

    if not invitation.email:
        raise UserInputError("email: this invitation is a link, it has no address to send to")
    where = invitation.organisation.name + (f", team {invitation.team.name}" if invitation.team else "")
    inviter = invitation.invited_by.username if invitation.invited_by else "An admin"
    note = f"{inviter} adds: {invitation.note}\n\n" if invitation.note else ""
    body = (f"{inviter} invites you to join {where} on ownpath as {invitation.get_role_display()}.\n\n{note}"
            f"Accept here (the link works once, until {invitation.expires_at:%Y-%m-%d}):\n"
            f"{invitation_url(invitation, base_url)}\n\n"
            "Joining shares nothing: your journal stays yours, and you decide item by item what your "
            "manager or team may see.\n")
    queue_email(invitation.email, f"Invitation to {invitation.organisation.name} on ownpath", body)


def pending_invitations(person, organisation) -> QuerySet[Invitation]:
    """The organisation's invitations not yet used, revoked or expired; admins only."""
    organisation = administered_organisation(person, organisation.pk)
    return Invitation.objects.filter(organisation=organisation, accepted_at__isnull=True, revoked_at__isnull=True,
                                     expires_at__gt=timezone.now()).select_related("team")


def revoke_invitation(person, invitation_id: int) -> None:
    """Make an unused invitation unusable; admins of its organisation only."""
    invitation = Invitation.objects.select_related("organisation").filter(pk=invitation_id).first()
    if invitation is None or not is_admin(person, invitation.organisation):
        raise NotFound(f"no invitation {invitation_id} that you administer")
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def invitation_for_token(token: str) -> Invitation:
    """The usable invitation with this token; a used, revoked, expired or unknown one is NotFound."""
    invitation = (Invitation.objects.select_related("organisation", "team", "invited_by")
                  .filter(token=(token or "").strip()).first())
    if (invitation is None or invitation.accepted_at is not None or invitation.revoked_at is not None
            or invitation.expires_at <= timezone.now()):
        raise NotFound("this invitation is unknown, already used, revoked or expired; ask for a new one")
    return invitation


def accept_invitation(person, token: str) -> Invitation:
    """Join through an invitation: adds the membership or role it names. Joining shares nothing."""
    with transaction.atomic():
        invitation = invitation_for_token(token)
        # Lock the row so one token cannot be used twice by two requests at once.
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise NotFound("this invitation is unknown, already used, revoked or expired; ask for a new one")
        if invitation.team_id is not None:
            with changes.noticing(invitation.invited_by, [invitation.team_id], [person.pk], invitation.team):
                membership, created = Membership.objects.get_or_create(
                    team_id=invitation.team_id, person=person, defaults={"role": invitation.role})
                if not created and invitation.role == Membership.MANAGER and membership.role != Membership.MANAGER:
                    membership.role = Membership.MANAGER
                    membership.save(update_fields=["role"])
        else:
            OrganisationRole.objects.get_or_create(organisation_id=invitation.organisation_id, person=person,
                                                   role=invitation.role)
        invitation.accepted_by = person
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_by", "accepted_at"])
    return invitation


def remove_from_organisation(actor, organisation, person) -> None:
    """An admin takes someone out of the organisation: as if they left (relations and shares end)."""
    organisation = administered_organisation(actor, organisation.pk)
    if person.pk == actor.pk:
        raise UserInputError("person: to leave yourself, use leave")
    if not belongs_to(person, organisation):
        raise NotFound(f"person: {person} is not in {organisation.name}")
    with transaction.atomic():
        left_teams = Membership.objects.filter(person=person, team__organisation=organisation).values_list(
            "team_id", flat=True)
        with changes.noticing(actor, list(left_teams), [person.pk], team_name=organisation.name):
            Membership.objects.filter(person=person, team__organisation=organisation).delete()
        OrganisationRole.objects.filter(person=person, organisation=organisation).delete()
        person_left_organisation.send(sender=Organisation, person=person, organisation=organisation)


def leave_organisation(person, organisation) -> None:
    """Leave an organisation: every team membership and role in it ends, and every share the person made ends.

    The journal was never the organisation's; after leaving nothing of the person's is visible
    to anyone there. The last admin cannot leave while others remain (name another admin first).
    """
    organisation = get_organisation(person, organisation.pk)
    with transaction.atomic():
        if is_admin(person, organisation) and _admin_count(organisation) <= 1 \
                and people_of(organisation).exclude(pk=person.pk).exists():
            raise UserInputError("leave: you are the last admin; make someone else admin first")
        left_teams = Membership.objects.filter(person=person, team__organisation=organisation).values_list(
            "team_id", flat=True)
        with changes.noticing(None, list(left_teams), [person.pk], team_name=organisation.name):
            Membership.objects.filter(person=person, team__organisation=organisation).delete()
        OrganisationRole.objects.filter(person=person, organisation=organisation).delete()
        person_left_organisation.send(sender=Organisation, person=person, organisation=organisation)
