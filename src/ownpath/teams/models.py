"""Organisations, their (nesting) teams, and the relations between people and them.

Roles are relations, never flags on a user: a Membership says "this person is a member (or the
manager) of this team", an OrganisationRole says "this person is a people lead (or an admin) of
this organisation". Belonging to an organisation means holding either.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q


class Organisation(models.Model):
    """A workplace: its teams, its people, its admins and people leads."""

    name = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A team in an organisation; teams nest (a sub-team names its parent, in the same organisation)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    name = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_team_name_per_organisation"),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person in a team, as a member or as its manager (a person may manage several teams)."""

    MEMBER = "member"
    MANAGER = "manager"
    ROLES = [(MEMBER, "member"), (MANAGER, "manager")]

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=ROLES, default=MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["team", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["team", "person"], name="one_membership_per_team_and_person"),
            models.CheckConstraint(condition=Q(role__in=["member", "manager"]), name="membership_role_known"),
        ]
        indexes = [models.Index(fields=["person", "role"])]

    def __str__(self) -> str:
        return f"{self.person} {self.role} of {self.team}"


class OrganisationRole(models.Model):
    """An organisation-wide role: people lead (sees anonymous aggregates) or admin (administers, reads no journal).

    ``person`` is how the company's directory makes someone part of the organisation before any
    team holds them (a SCIM user in no group yet); it grants nothing beyond belonging.
    """

    PEOPLE_LEAD = "people_lead"
    ADMIN = "admin"
    PERSON = "person"
    ROLES = [(PEOPLE_LEAD, "people lead"), (ADMIN, "admin")]
    ALL_ROLES = ROLES + [(PERSON, "in the organisation")]

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_roles")
    role = models.CharField(max_length=20, choices=ALL_ROLES)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "person", "role"], name="one_organisation_role_each"),
            models.CheckConstraint(condition=Q(role__in=["people_lead", "admin", "person"]),
                                   name="organisation_role_known"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.role} of {self.organisation}"


def new_invitation_token() -> str:
    """An unguessable token for an invitation link (256 random bits)."""
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An invitation to join an organisation (and a team, as member or manager, or an organisation role).

    Sent by e-mail (``email`` set) or handed over as a link; either way it is used once, by
    whoever holds the token, before ``expires_at``.
    """

    ROLES = Membership.ROLES + OrganisationRole.ROLES

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=20, choices=ROLES, default=Membership.MEMBER)
    email = models.EmailField(blank=True)
    # Who the link is for, in the admin's words ("Raj, new in sales"): tells five links apart.
    label = models.CharField(max_length=120, blank=True)
    # A line from the admin to the person, shown on the join, log-in and sign-up pages.
    note = models.CharField(max_length=500, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="accepted_invitations")
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Team roles need a team; organisation roles have none.
            models.CheckConstraint(
                condition=(Q(role__in=["member", "manager"], team__isnull=False)
                           | Q(role__in=["people_lead", "admin"], team__isnull=True)),
                name="invitation_role_matches_team"),
        ]

    def __str__(self) -> str:
        return f"invitation to {self.organisation} ({self.role})"


class RelationChange(models.Model):
    """A change of who manages a person or works beside them, shown to the person when it happens.

    Made by the team services (an admin putting someone into a team, making someone its manager,
    taking them out; an accepted invitation). For a new manager the person also answers whether
    their "my manager" shares reach them: until ``keep_sharing`` is True those shares do not
    (``sharing.gate``), so an admin who makes themself manager reads nothing the person has not
    seen and agreed to.
    """

    MANAGER = "manager"
    TEAMMATE = "teammate"
    KINDS = [(MANAGER, "manager"), (TEAMMATE, "teammate")]
    ADDED = "added"
    REMOVED = "removed"
    CHANGES = [(ADDED, "added"), (REMOVED, "removed")]

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="relation_changes")
    other = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=KINDS)
    change = models.CharField(max_length=10, choices=CHANGES)
    team = models.ForeignKey(Team, null=True, on_delete=models.SET_NULL, related_name="+")
    team_name = models.CharField(max_length=120)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(null=True, blank=True)
    # For a new manager: the person's answer (None until answered; False: "my manager" shares stay away).
    keep_sharing = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "seen_at"], name="relation_change_person_seen"),
                   models.Index(fields=["other", "kind"], name="relation_change_other_kind")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["manager", "teammate"]), name="relation_change_kind_known"),
            models.CheckConstraint(condition=Q(change__in=["added", "removed"]), name="relation_change_known"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.other} {self.change} as {self.kind} ({self.team_name})"
