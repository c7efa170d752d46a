"""SCIM 2.0 provisioning (RFC 7643/7644): the company's directory creates, changes and removes people and teams.

The protocol (filters, PATCH, ETags, bulk, paging, errors) is scim2-server's; this module is the
storage under it. Each request works on one organisation, the one its bearer token provisions:
its Users and Groups are loaded from ``DirectoryResource`` rows, and every write is saved back and
applied to ownpath in the same savepoint:

- an active User is part of the organisation (an account found by its e-mail, or a new one that
  signs in through the identity provider); an inactive or deleted User leaves it — every share
  ends, the journal stays theirs and they are told how to export it;
- a Group is a team of the organisation (found by its name, or created); its members are the
  team's members. Managers are not the directory's to set (the org chart import sets them).

Provisioning shares nothing, and passwords sent by a directory are never stored.
"""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from scim2_models import (InvalidValueException, Resource, ResourceType, SCIMException, ScimProvider,
                          UnauthorizedException, UniquenessException)
from scim2_server.applications.base import VERSION_PREFIX
from scim2_server.applications.wsgi import WSGIApplication
from scim2_server.memory import InMemoryStorage
from scim2_server.requests import ScimRequest
from scim2_server.responses import ScimResponse
from scim2_server.service import ScimService
from scim2_server.testserver.application import BEARER_TOKEN_SCHEME
from scim2_server.utils import (load_default_resource_types, load_default_schemas,
                                load_default_service_provider_config)

from ownpath.directory import services as directory
from ownpath.directory.models import DirectoryResource
from ownpath.teams.models import Membership, Team

ACTOR = directory.DIRECTORY_ACTOR


@lru_cache(maxsize=1)
def scim_provider() -> ScimProvider:
    """What this server announces: the core User (with the enterprise extension) and Group schemas.

    Password changes are not supported: people sign in through the identity provider.
    """
    config = load_default_service_provider_config()
    config.change_password.supported = False
    config.authentication_schemes = [BEARER_TOKEN_SCHEME]
    return ScimProvider.from_discovery(load_default_schemas().values(), load_default_resource_types().values(),
                                       config=config)


def scim_service() -> ScimService:
    """The protocol service; its paging cursors are signed with the server's secret key."""
    return ScimService(scim_provider(), secret=settings.SECRET_KEY)


def _primary_email(user: Resource) -> str:
    emails = getattr(user, "emails", None) or []
    chosen = next((e for e in emails if getattr(e, "primary", False)), emails[0] if emails else None)
    return (getattr(chosen, "value", "") or "").strip()


def _full_name(user: Resource) -> str:
    name = getattr(user, "name", None)
    if name is not None and (name.given_name or name.family_name):
        return " ".join(part for part in (name.given_name, name.family_name) if part)
    return getattr(user, "display_name", None) or ""


class OrganisationDirectory(InMemoryStorage):
    """The organisation's SCIM resources, read from the database for one request and written back on change."""

    def __init__(self, organisation, service: ScimService):
        super().__init__()
        self.organisation = organisation
        self.service = service
        rows = DirectoryResource.objects.filter(organisation=organisation)
        self.rows = {row.scim_id: row for row in rows}
        self.resources = [self._model(row.resource_type).model_validate(row.data) for row in self.rows.values()]

    def _model(self, type_name: str) -> type[Resource]:
        return self.service.get_model(self.service.get_resource_type(type_name))

    def next_version(self) -> str:
        """Versions unique across requests (the in-memory counter restarts with each one)."""
        return f'W/"{uuid.uuid4().hex[:16]}"'

    @contextmanager
    def operation(self):
        """Each SCIM operation in its own savepoint: a failed one changes nothing, in ownpath or here."""
        with self.lock, transaction.atomic():
            yield

    # --- writes: stored resource, then what it means in ownpath ---------------------------------

    def create(self, resource_type: ResourceType, resource: Resource) -> Resource:
        resource = self._without_password(resource)
        created = super().create(resource_type, resource)
        row = DirectoryResource(organisation=self.organisation, resource_type=resource_type.name, scim_id=created.id)
        self._apply(row, created)
        return created

    def update(self, resource_type: ResourceType, resource: Resource, *, expected_version: str | None = None):
        resource = self._without_password(resource)
        updated = super().update(resource_type, resource, expected_version=expected_version)
        self._apply(self.rows[updated.id], updated)
        return updated

    def delete(self, resource_type: ResourceType, resource_id: str, *, expected_version: str | None = None) -> None:
        super().delete(resource_type, resource_id, expected_version=expected_version)
        row = self.rows.pop(resource_id, None)
        if row is None:
            return
        if row.resource_type == DirectoryResource.USER and row.person is not None:
            directory.end_belonging(self.organisation, row.person, actor_label=ACTOR)
        elif row.resource_type == DirectoryResource.GROUP and row.team is not None:
            for membership in Membership.objects.filter(team=row.team, role=Membership.MEMBER).select_related("person"):
                directory.take_out_of_team(row.team, membership.person, actor_label=ACTOR)
        row.delete()

    @staticmethod
    def _without_password(resource: Resource) -> Resource:
        if getattr(resource, "password", None) is not None:
            resource = resource.model_copy(deep=True)
            resource.password = None
        return resource

    def _apply(self, row: DirectoryResource, resource: Resource) -> None:
        row.data = resource.model_dump(mode="json")
        if row.resource_type == DirectoryResource.USER:
            self._apply_user(row, resource)
        else:
            self._apply_group(row, resource)
        row.save()
        self.rows[row.scim_id] = row

    def _apply_user(self, row: DirectoryResource, user: Resource) -> None:
        if row.person is None:
            email = _primary_email(user)
            if email:
                from django.core.exceptions import ValidationError
                from django.core.validators import validate_email

                try:
                    validate_email(email)
                except ValidationError:
                    raise InvalidValueException(detail=f"emails: '{email}' is not an e-mail address") from None
            person, _ = directory.account_for(email, user.user_name or "", _full_name(user))
            if DirectoryResource.objects.filter(organisation=self.organisation, person=person).exclude(
                    pk=row.pk).exists():
                raise UniquenessException(detail=f"userName: {person.username} is already provisioned here")
            row.person = person
        active = getattr(user, "active", None) is not False
        if active:
            directory.make_part_of(self.organisation, row.person, actor_label=ACTOR)
            for group in self._groups_holding(user.id):
                directory.place_in_team(group.team, row.person, self._role_in(group.team, row.person),
                                        actor_label=ACTOR)
        else:
            directory.end_belonging(self.organisation, row.person, actor_label=ACTOR)

    def _groups_holding(self, user_id: str) -> list[DirectoryResource]:
        return [g for g in self.rows.values() if g.resource_type == DirectoryResource.GROUP and g.team is not None
                and any(m.get("value") == user_id for m in g.data.get("members") or [])]

    @staticmethod
    def _role_in(team: Team, person) -> str:
        current = Membership.objects.filter(team=team, person=person).values_list("role", flat=True).first()
        return current or Membership.MEMBER

    def _apply_group(self, row: DirectoryResource, group: Resource) -> None:
        name = (group.display_name or "").strip()[:120]
        if not name:
            raise InvalidValueException(detail="displayName: a group needs a name (it becomes a team)")
        if row.team is None:
            row.team = (Team.objects.filter(organisation=self.organisation, name=name).first()
                        or Team.objects.create(organisation=self.organisation, name=name))
            directory.record_event(self.organisation, None, "team_provisioned",
                                   f"team {name} is provisioned from the directory", actor_label=ACTOR)
        elif row.team.name != name:
            if Team.objects.filter(organisation=self.organisation, name=name).exclude(pk=row.team.pk).exists():
                raise InvalidValueException(detail=f"displayName: the organisation already has a team named '{name}'")
            directory.record_event(self.organisation, None, "team_renamed",
                                   f"team {row.team.name} is renamed {name}", actor_label=ACTOR)
            row.team.name = name
            row.team.save(update_fields=["name"])
        wanted = {}
        for member in group.members or []:
            user_row = self.rows.get(member.value or "")
            if user_row is None or user_row.resource_type != DirectoryResource.USER:
                raise InvalidValueException(detail=f"members: no User {member.value!r} in this directory")
            if user_row.person is not None and user_row.data.get("active", True) is not False:
                wanted[user_row.person.pk] = user_row.person
        present = {m.person_id: m for m in Membership.objects.filter(team=row.team).select_related("person")}
        for pk, person in wanted.items():
            if pk not in present:
                directory.place_in_team(row.team, person, Membership.MEMBER, actor_label=ACTOR)
        for pk, membership in present.items():
            if pk not in wanted and membership.role == Membership.MEMBER:
                directory.take_out_of_team(row.team, membership.person, actor_label=ACTOR)


def handle_scim_request(*, method: str, base_url: str, path: str, query: dict[str, str],
                        headers: dict[str, str], body: bytes) -> ScimResponse:
    """Serve one SCIM request: the bearer token picks the organisation; unknown or revoked tokens get 401.

    The token is checked here, before the application is built for its organisation, so the
    application's own check (which accepts every request) has nothing left to do.
    """
    service = scim_service()
    path = WSGIApplication.split_path(path)
    request = ScimRequest(method=method, base_url=base_url.rstrip("/") + VERSION_PREFIX, path=path, query=query,
                          headers=headers, body=body)
    scheme, _, key = (request.header("Authorization") or "").partition(" ")
    organisation = directory.organisation_for_token(key.strip()) if scheme.lower() == "bearer" else None
    if organisation is None:
        probe = WSGIApplication(InMemoryStorage(), scim_provider(), service)
        try:
            public = not probe.needs_auth(request)  # the service provider configuration (RFC 7643 §5)
        except SCIMException:  # an unknown route or method: still nothing without a token
            public = False
        if public:
            return probe.serve(request)
        return probe.finalize_response(request, probe.handle_exception(request, UnauthorizedException(
            detail="a provisioning token of the organisation is needed (Authorization: Bearer …)")))
    storage = OrganisationDirectory(organisation, service)
    return WSGIApplication(storage, scim_provider(), service).serve(request)

