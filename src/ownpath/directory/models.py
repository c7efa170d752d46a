"""What the company's directory knows of people, and the log of every admin action of these kinds.

Provisioning shares nothing: these rows link an account to an organisation's directory (a SCIM
resource, an employee id from the org chart) and record what admins did; no journal data is here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ProvisioningToken(models.Model):
    """A bearer token an admin creates so the company's directory can provision one organisation by SCIM."""

    organisation = models.ForeignKey("teams.Organisation", on_delete=models.CASCADE,
                                     related_name="provisioning_tokens")
    name = models.CharField(max_length=120)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"provisioning token {self.name} of {self.organisation}"


class DirectoryResource(models.Model):
    """One SCIM resource (a User or a Group) as the directory sent it, and what it maps to in ownpath.

    A User maps to an account that belongs to the organisation while the resource is active; a
    Group maps to a team of the organisation.
    """

    USER = "User"
    GROUP = "Group"
    TYPES = [(USER, "User"), (GROUP, "Group")]

    organisation = models.ForeignKey("teams.Organisation", on_delete=models.CASCADE,
                                     related_name="directory_resources")
    resource_type = models.CharField(max_length=10, choices=TYPES)
    scim_id = models.CharField(max_length=64)
    data = models.JSONField()
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="directory_resources")
    team = models.ForeignKey("teams.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["organisation", "resource_type", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "scim_id"], name="one_directory_resource_per_id"),
        ]


class EmployeeLink(models.Model):
    """An organisation's employee id for one of its people, as the org chart names them.

    A re-import of the org chart applies only the changes: people linked here but missing from
    the new file leave the organisation; people who joined by invitation are never touched.
    """

    organisation = models.ForeignKey("teams.Organisation", on_delete=models.CASCADE, related_name="employee_links")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employee_links")
    employee_id = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "employee_id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "employee_id"], name="one_person_per_employee_id"),
            models.UniqueConstraint(fields=["organisation", "person"], name="one_employee_id_per_person"),
        ]


class AuditEvent(models.Model):
    """One admin or directory action on an organisation: who did what to whom, when.

    Admins of the organisation read all of its events; each person reads the events about them.
    """

    organisation = models.ForeignKey("teams.Organisation", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="audit_events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_label = models.CharField(max_length=160)
    subject = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="audit_events_about")
    action = models.CharField(max_length=60)
    description = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"]),
                   models.Index(fields=["subject", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label}: {self.description}"
