"""Consent as data: what a person shares, with which audience, live or as a dated snapshot.

A Share is a row from the moment it is made until it is revoked (``revoked_at``). Every read
of another person's data goes through ``sharing.gate`` (``read_shared`` and its siblings), which
checks a live consent against the viewer's *current* relation to the owner and writes an AccessLog row.
The items that can be shared are listed once, in ``sharing.items`` (no choices here, so new
items need no migration).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Share(models.Model):
    """One item of a person's profile shared with one audience, live or as a stored snapshot."""

    MANAGER = "manager"
    TEAM = "team"
    AGGREGATE = "aggregate"
    PERSON = "person"
    AUDIENCES = [(MANAGER, "my manager"), (TEAM, "my team"), (AGGREGATE, "anonymous aggregates"),
                 (PERSON, "a specific person")]
    LIVE = "live"
    SNAPSHOT = "snapshot"
    MODES = [(LIVE, "live view"), (SNAPSHOT, "dated snapshot")]

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares")
    item = models.CharField(max_length=40)
    audience = models.CharField(max_length=20, choices=AUDIENCES)
    # Only for the audience "a specific person", who must share an organisation with the owner.
    audience_person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.CASCADE, related_name="shares_received")
    mode = models.CharField(max_length=10, choices=MODES, default=LIVE)
    snapshot = models.JSONField(null=True, blank=True, help_text="What the audience sees, for snapshots")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["item", "audience", "-created_at", "id"]
        indexes = [models.Index(fields=["owner", "item", "audience"], name="share_owner_item_audience"),
                   models.Index(fields=["item", "audience"], name="share_item_audience",
                                condition=Q(revoked_at__isnull=True))]
        constraints = [
            models.CheckConstraint(
                condition=(Q(audience="person", audience_person__isnull=False)
                           | (~Q(audience="person") & Q(audience_person__isnull=True))),
                name="share_person_audience_names_person"),
            models.CheckConstraint(
                condition=Q(mode="live", snapshot__isnull=True) | Q(mode="snapshot", snapshot__isnull=False),
                name="share_snapshot_stored_for_snapshots"),
            models.CheckConstraint(condition=Q(audience__in=["manager", "team", "aggregate", "person"]),
                                   name="share_audience_known"),
        ]

    @property
    def is_live(self) -> bool:
        """True until revoked."""
        return self.revoked_at is None

    def __str__(self) -> str:
        return f"{self.owner} shares {self.item} with {self.audience} ({self.mode})"


class AccessLog(models.Model):
    """One read of a person's shared item by someone else: who, what, when (the owner sees these)."""

    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_log")
    item = models.CharField(max_length=40)
    share = models.ForeignKey(Share, null=True, on_delete=models.SET_NULL, related_name="reads")
    # Why it was read when not simply shown (team planning: mentorship, allocation, pooled_prior).
    purpose = models.CharField(max_length=20, blank=True, default="")
    # What the read used, in the owner's terms (activities, entries, weeks, conversation).
    detail = models.JSONField(default=dict, blank=True)
    viewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-viewed_at", "-id"]
        indexes = [models.Index(fields=["owner", "viewed_at"], name="accesslog_owner_when")]

    def __str__(self) -> str:
        return f"{self.viewer} read {self.owner}'s {self.item} at {self.viewed_at:%Y-%m-%d %H:%M}"


class CareerWish(models.Model):
    """A person's own words: what they want out of their role, and where they want to be in five years."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="career_wish")
    want_from_role = models.TextField(blank=True, help_text="What I want out of my role, in my own words")
    five_year_wish = models.TextField(blank=True, help_text="Where I want to be in five years")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"career wish of {self.person}"


class AggregateContribution(models.Model):
    """A person's small, precomputed contribution to anonymous aggregates for one item.

    Kept so team and organisation figures never refit thousands of journals in a request:
    it is computed when the person shares the item for aggregates and refreshed by
    ``sharing.aggregates.refresh_contributions`` (a background job). Only rows whose owner has
    a live aggregate share count, so revoking takes effect at once. ``value`` is None when the
    journal has too little data for the item (the person then contributes nothing to it).
    """

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item = models.CharField(max_length=40)
    value = models.JSONField(null=True, blank=True)
    journal_state = models.CharField(max_length=120, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "item"], name="one_contribution_per_person_item")]

    def __str__(self) -> str:
        return f"{self.person}'s {self.item} contribution"


class AggregateRelease(models.Model):
    """An organisation's anonymous figures as computed at one moment, the ones pages show.

    Computing them takes seconds for ten thousand people, so pages read the latest release
    and a background job (inline for a small organisation) writes a new one when shares,
    memberships or contributions changed. Each figure also keeps the people it was last shown
    with, so the next release can refuse a change that would single someone out over time.
    ``inputs_read_at`` is when the job began reading: a share revoked after it is withheld from
    this release's figures at once, before the next one is written.
    """

    organisation = models.ForeignKey("teams.Organisation", on_delete=models.CASCADE, related_name="+")
    state_key = models.CharField(max_length=300)
    inputs_read_at = models.DateTimeField()
    figures = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "-id"], name="release_org_latest")]

    def __str__(self) -> str:
        return f"figures of organisation {self.organisation_id} as of {self.inputs_read_at:%Y-%m-%d %H:%M}"


class StoredInsights(models.Model):
    """A person's insights as of one journal state, kept so their shared items open without a refit.

    Written whenever they are computed for a shared item (a page, or the background job that
    keeps sharers' insights current), read by every server process: a manager's first view
    after a restart reads rows instead of fitting each report's journal.
    """

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    journal_state = models.CharField(max_length=120)
    insights = models.JSONField()
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"insights of {self.person} as of {self.computed_at:%Y-%m-%d %H:%M}"
