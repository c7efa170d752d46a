"""Directory use cases: provisioning tokens, the audit log, and the provisioning steps SCIM and the org chart share.

Permission checks live here: only an organisation's admins create tokens, import org charts and
read its audit log; each person reads the events about themself. Provisioning shares nothing: it
makes someone part of an organisation and its teams, and ending it ends every share the person
made there (through ``teams.person_left_organisation``), while the journal stays theirs.
"""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ownpath.accounts.services import hash_key, new_key
from ownpath.directory.models import AuditEvent, EmployeeLink, ProvisioningToken
from ownpath.errors import NotFound, UserInputError
from ownpath.teams import changes
from ownpath.teams import services as teams
from ownpath.teams.models import Membership, Organisation, OrganisationRole, Team

DIRECTORY_ACTOR = "the company directory (SCIM)"
PROVISIONING_TOKEN_PREFIX = "opscim_"


# --- the audit log -----------------------------------------------------------------------------

def record_event(organisation, actor, action: str, description: str, subject=None, actor_label: str = "") -> AuditEvent:
    """Write one line of the audit log (inside the caller's transaction: a rolled-back change logs nothing)."""
    label = actor_label or (actor.username if actor is not None else "ownpath")
    return AuditEvent.objects.create(organisation=organisation, actor=actor, actor_label=label[:160],
                                     subject=subject, action=action, description=description[:500])


def audit_log(admin, organisation, limit: int = 200) -> QuerySet[AuditEvent]:
    """The organisation's audit log, newest first; its admins only."""
    organisation = teams.administered_organisation(admin, organisation.pk)
    return AuditEvent.objects.filter(organisation=organisation).select_related("subject")[:max(1, min(limit, 1000))]


def events_about(person, limit: int = 200) -> QuerySet[AuditEvent]:
    """What admins and directories did that concerns this person, in every organisation, newest first."""
    return AuditEvent.objects.filter(subject=person).select_related("organisation")[:max(1, min(limit, 1000))]


# --- provisioning tokens -----------------------------------------------------------------------

def create_provisioning_token(admin, organisation, name: str) -> tuple[ProvisioningToken, str]:
    """A new SCIM bearer token for the organisation; returns the row and the key (shown this once)."""
    organisation = teams.administered_organisation(admin, organisation.pk)
    name = (name or "").strip()
    if not name or len(name) > 120:
        raise UserInputError("name: give the token a name of 1 to 120 characters (e.g. the directory it is for)")
    key = new_key(PROVISIONING_TOKEN_PREFIX)
    with transaction.atomic():
        token = ProvisioningToken.objects.create(organisation=organisation, name=name, key_hash=hash_key(key),
                                                 created_by=admin)
        record_event(organisation, admin, "provisioning_token_created", f"created the provisioning token '{name}'")
    return token, key


def provisioning_tokens(admin, organisation) -> QuerySet[ProvisioningToken]:
    """The organisation's provisioning tokens not revoked; admins only."""
    organisation = teams.administered_organisation(admin, organisation.pk)
    return ProvisioningToken.objects.filter(organisation=organisation, revoked_at__isnull=True)


def revoke_provisioning_token(admin, token_id: int) -> None:
    """Revoke a provisioning token: the directory holding it is refused from the next request on."""
    token = ProvisioningToken.objects.select_related("organisation").filter(pk=token_id).first()
    if token is None or not teams.is_admin(admin, token.organisation):
        raise NotFound(f"no provisioning token {token_id} that you administer")
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record_event(token.organisation, admin, "provisioning_token_revoked",
                         f"revoked the provisioning token '{token.name}'")


def organisation_for_token(key: str) -> Organisation | None:
    """The organisation a presented bearer token provisions, or None when it is unknown or revoked."""
    if not key or not key.startswith(PROVISIONING_TOKEN_PREFIX):
        return None
    token = (ProvisioningToken.objects.select_related("organisation")
             .filter(key_hash=hash_key(key), revoked_at__isnull=True).first())
    if token is None:
        return None
    ProvisioningToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.organisation


# --- provisioning steps (SCIM and the org chart) -----------------------------------------------

def _username_from(text: str) -> str:
    base = re.sub(r"[^\w.@+-]", "", (text or "").split("@")[0]).lower()[:120] or "person"
    User = get_user_model()
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base[:140]}{n}"
    return candidate


def account_for(email: str, username_hint: str = "", full_name: str = ""):
    """The account with this e-mail address (case-insensitive), or a new one without a password.

    A new account signs in through the company's identity provider (its e-mail, verified there,
    links the two); it can set a password later only if local accounts are on.
    """
    User = get_user_model()
    email = (email or "").strip()
    person = User.objects.filter(email__iexact=email).order_by("id").first() if email else None
    if person is None and username_hint:
        person = User.objects.filter(username__iexact=username_hint.strip()).first()
        if person is not None and person.email and email and person.email.lower() != email.lower():
            person = None  # a namesake with another address is somebody else
    if person is not None:
        return person, False
    first, _, last = (full_name or "").strip().partition(" ")
    person = User(username=_username_from(username_hint or email), email=email, first_name=first[:150],
                  last_name=last[:150])
    person.set_unusable_password()
    person.save()
    return person, True


def make_part_of(organisation, person, actor=None, actor_label: str = DIRECTORY_ACTOR) -> bool:
    """Make the person part of the organisation (before any team holds them); True when they were not yet."""
    if teams.belongs_to(person, organisation):
        return False
    OrganisationRole.objects.get_or_create(organisation=organisation, person=person, role=OrganisationRole.PERSON)
    record_event(organisation, actor, "person_joined", f"{person.username} joined {organisation.name}",
                 subject=person, actor_label=actor_label)
    return True


def end_belonging(organisation, person, actor=None, actor_label: str = DIRECTORY_ACTOR) -> bool:
    """Take the person out of the organisation as if they left: every share they made ends, the journal stays theirs.

    They are told (audit event, and an e-mail when they have an address) that their journal is
    still theirs and how to export it. True when they belonged.
    """
    if not teams.belongs_to(person, organisation):
        return False
    left_teams = list(Membership.objects.filter(person=person, team__organisation=organisation)
                      .values_list("team_id", flat=True))
    # The people beside them are told who left (teams.changes), as when an admin takes someone out.
    with changes.noticing(actor, left_teams, [person.pk], team_name=organisation.name):
        Membership.objects.filter(person=person, team__organisation=organisation).delete()
    OrganisationRole.objects.filter(person=person, organisation=organisation).delete()
    EmployeeLink.objects.filter(organisation=organisation, person=person).delete()
    teams.person_left_organisation.send(sender=Organisation, person=person, organisation=organisation)
    record_event(organisation, actor, "person_left",
                 f"{person.username} left {organisation.name}: every share ended; the journal stays theirs",
                 subject=person, actor_label=actor_label)
    if person.email:
        from ownpath.mail.services import queue_email

        queue_email(person.email, f"You are no longer part of {organisation.name} on ownpath",
                    f"{organisation.name}'s directory has taken you out of the organisation on ownpath.\n\n"
                    "Everything you shared with people there has stopped. Your journal is still yours: "
                    "export it from the Account page (JSON or CSV), or with `ownpath export`.\n")
    return True


def place_in_team(team: Team, person, role: str = Membership.MEMBER, actor=None,
                  actor_label: str = DIRECTORY_ACTOR) -> bool:
    """Put the person in the team with this role (member or manager); True when something changed."""
    membership = Membership.objects.filter(team=team, person=person).first()
    if membership is not None and membership.role == role:
        return False
    # A new manager reaches "my manager" shares only once each person has seen the change and kept
    # sharing (teams.changes): the directory and the org chart follow the same rule as an admin.
    with changes.noticing(actor, [team.pk], [person.pk], team):
        if membership is None:
            Membership.objects.create(team=team, person=person, role=role)
        else:
            membership.role = role
            membership.save(update_fields=["role"])
    if membership is None:
        record_event(team.organisation, actor, "team_joined", f"{person.username} joined team {team.name} as {role}",
                     subject=person, actor_label=actor_label)
    else:
        record_event(team.organisation, actor, "team_role_changed",
                     f"{person.username} is now {role} of team {team.name}", subject=person, actor_label=actor_label)
    if role == Membership.MANAGER:
        for report in Membership.objects.filter(team=team, role=Membership.MEMBER).select_related("person"):
            record_event(team.organisation, actor, "manager_changed",
                         f"{person.username} now manages team {team.name}, which {report.person.username} is in",
                         subject=report.person, actor_label=actor_label)
    else:
        managers = [m.person.username for m in Membership.objects.filter(team=team, role=Membership.MANAGER)
                    .exclude(person=person).select_related("person")]
        if managers:
            record_event(team.organisation, actor, "manager_changed",
                         f"{person.username}'s manager in team {team.name} is now {', '.join(managers)}",
                         subject=person, actor_label=actor_label)
    return True


def take_out_of_team(team: Team, person, actor=None, actor_label: str = DIRECTORY_ACTOR) -> bool:
    """Take the person out of the team (they stay in the organisation); True when they were in it."""
    with changes.noticing(actor, [team.pk], [person.pk], team):
        deleted, _ = Membership.objects.filter(team=team, person=person).delete()
    if deleted:
        record_event(team.organisation, actor, "team_left", f"{person.username} left team {team.name}",
                     subject=person, actor_label=actor_label)
    return bool(deleted)


# --- the org chart -----------------------------------------------------------------------------

def _current_people(organisation) -> list:
    from ownpath.directory.org_chart import CurrentPerson

    links = {link.person_id: link for link in EmployeeLink.objects.filter(organisation=organisation)
             .select_related("person")}
    current = {pk: CurrentPerson(employee_id=link.employee_id, email=(link.person.email or "").lower())
               for pk, link in links.items()}
    for membership in Membership.objects.filter(team__organisation=organisation, person_id__in=links) \
            .select_related("team"):
        current[membership.person_id].teams[membership.team.name] = membership.role
    return list(current.values())


def plan_org_chart_import(admin, organisation, data: bytes, create_teams: bool = False):
    """Read an org chart export and say what importing it would change; admins only (changes nothing)."""
    from ownpath.directory.org_chart import plan_org_chart, read_org_chart

    organisation = teams.administered_organisation(admin, organisation.pk)
    rows, problems = read_org_chart(data)
    existing = set(Team.objects.filter(organisation=organisation).values_list("name", flat=True))
    return plan_org_chart(rows, problems, _current_people(organisation), existing, create_teams=create_teams)


def import_org_chart(admin, organisation, data: bytes, create_teams: bool = False):
    """Apply an org chart: all or nothing, only the changes (joins, moves, leaves, managers); admins only.

    Refused whole, with every problem's line and field, when anything in the file is wrong.
    Returns the plan that was applied (``plan.has_changes`` is False for a re-import of the same file).
    """
    from ownpath.errors import ImportRejected

    organisation = teams.administered_organisation(admin, organisation.pk)
    with transaction.atomic():
        plan = plan_org_chart_import(admin, organisation, data, create_teams=create_teams)
        if plan.problems:
            raise ImportRejected(plan.problems, source="org chart")
        if not plan.has_changes:
            return plan
        label = f"{admin.username} (org chart import)"
        links = {link.employee_id: link for link in EmployeeLink.objects.filter(organisation=organisation)
                 .select_related("person")}
        team_by_name = {t.name: t for t in Team.objects.filter(organisation=organisation)}
        for name in plan.new_teams:
            team_by_name[name] = Team.objects.create(organisation=organisation, name=name)
            record_event(organisation, admin, "team_created", f"team {name} created from the org chart",
                         actor_label=label)
        people = {}
        for row in plan.rows:
            link = links.get(row.employee_id)
            if link is None:
                person, _ = account_for(row.email, row.email, row.name)
                EmployeeLink.objects.filter(organisation=organisation, person=person).delete()
                link = EmployeeLink.objects.create(organisation=organisation, person=person,
                                                   employee_id=row.employee_id)
            people[row.employee_id] = link.person
            make_part_of(organisation, link.person, actor=admin, actor_label=label)
        for employee_id, wanted in plan.desired.items():
            person = people[employee_id]
            for team_name, role in sorted(wanted.items(), key=lambda item: item[1] != "manager"):
                place_in_team(team_by_name[team_name], person, role, actor=admin, actor_label=label)
            for membership in Membership.objects.filter(person=person, team__organisation=organisation) \
                    .select_related("team"):
                if membership.team.name not in wanted:
                    take_out_of_team(membership.team, person, actor=admin, actor_label=label)
        for employee_id in plan.leaves:
            end_belonging(organisation, links[employee_id].person, actor=admin, actor_label=label)
        record_event(organisation, admin, "org_chart_imported",
                     f"org chart imported: {len(plan.joins)} joined, {len(plan.moves)} moved, {len(plan.leaves)} "
                     f"left, {len(plan.manager_changes)} manager changes", actor_label=label)
    return plan
