"""What imports keep besides episodes: events awaiting a rating, remembered choices, settings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class PendingEvent(models.Model):
    """An imported stretch of work not yet in the journal: it lacks an energy rating or an activity.

    Calendar events arrive this way; the 'rate' flow turns them into episodes (same source and
    external id, so a re-import recognises them) and deletes the pending row.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_events")
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    hours = models.FloatField()
    title = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True)
    with_whom = models.CharField(max_length=200, blank=True)
    place = models.CharField(max_length=80, blank=True)  # a calendar event's location
    activity = models.ForeignKey("journal.Activity", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    activity_source = models.CharField(max_length=20, blank=True)
    energy = models.SmallIntegerField(null=True, blank=True)
    skill = models.SmallIntegerField(null=True, blank=True)
    engagement = models.SmallIntegerField(null=True, blank=True)
    growth = models.BooleanField(null=True, blank=True)
    source = models.CharField(max_length=40)
    external_id = models.CharField(max_length=200)
    # Occurrences of one recurring calendar event share this; ratings are remembered by it.
    series_id = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "start_time", "id"]
        indexes = [models.Index(fields=["user", "date"])]
        constraints = [
            models.UniqueConstraint(fields=["user", "source", "external_id"], name="unique_user_pending_external_id"),
            models.CheckConstraint(condition=Q(hours__gt=0, hours__lte=24), name="pending_hours_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.title} ({self.hours:g} h, pending)"


class RememberedChoice(models.Model):
    """What the person said once about a recurring event or a title: its activity, its energy."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="remembered_choices")
    key = models.CharField(max_length=300)  # "ics:<UID>" for a series, "title:<normalised title>"
    activity = models.ForeignKey("journal.Activity", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+")
    energy = models.SmallIntegerField(null=True, blank=True)
    skill = models.SmallIntegerField(null=True, blank=True)
    not_work = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="unique_user_remembered_key")]

    def __str__(self) -> str:
        return f"{self.key}: {self.activity_id} {self.energy}"


class ImportSettings(models.Model):
    """A person's import settings: classification rules, Daylio mapping and mood scale."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_settings")
    rules = models.JSONField(null=True, blank=True)  # None: the shipped default rules
    daylio_mapping = models.JSONField(default=dict, blank=True)  # Daylio name -> slug, or None for "not work"
    mood_scale = models.JSONField(null=True, blank=True)  # None: rad=2 … awful=-2

    def __str__(self) -> str:
        return f"import settings of {self.user}"


class PendingUpload(models.Model):
    """A file uploaded on the web page, kept on the server between its preview and the confirm.

    One per person: a new upload replaces the previous one. The confirm step re-reads these
    bytes, never a copy the browser sends back.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_upload")
    filename = models.CharField(max_length=255, blank=True)
    data = models.BinaryField()
    options = models.JSONField(default=dict, blank=True)  # ImportOptions fields as plain data
    created_at = models.DateTimeField(auto_now=True)
    # How many entries the plan has, and the digest of the inputs it was planned from (see services).
    planned_entries = models.PositiveIntegerField(default=0)
    planned_for = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"upload {self.filename} of {self.user} ({len(self.data)} bytes)"


class ImportRun(models.Model):
    """A confirmed web upload too big to import inside the request: the worker imports it.

    The run holds the file until the worker has imported it (all or nothing, as inline) and then
    forgets it, keeping only what the import page shows: the summary, or the problems found.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_runs")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    filename = models.CharField(max_length=255, blank=True)
    data = models.BinaryField(blank=True)  # emptied once the run is done or failed
    options = models.JSONField(default=dict, blank=True)  # the upload's ImportOptions fields as plain data
    entries = models.PositiveIntegerField(default=0)  # planned entries when confirmed
    summary = models.JSONField(null=True, blank=True)  # what apply_import returned
    problems = models.JSONField(default=list, blank=True)  # [{"line", "field", "message"}] when it failed
    error = models.CharField(max_length=300, blank=True)  # one line for the person when it failed
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The lease of the worker running it: where it runs and when it last said it is alive. A run
    # whose worker stopped renewing it (and, on this machine, whose process is gone) is retried once.
    worker = models.CharField(max_length=200, blank=True)  # "host pid"
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "status"])]

    @property
    def finished(self) -> bool:
        """Done or failed: nothing more will happen to this run."""
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def __str__(self) -> str:
        return f"import run {self.pk} of {self.filename} for {self.user} ({self.status})"
