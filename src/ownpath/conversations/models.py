"""A career conversation, its agenda, the person's answers, the agreements made and the notes taken.

Who may read what is decided in ``conversations.services`` (never here, never in a template):
the person and their current manager see the conversation, its agenda, agreements and notes;
the manager sees an answer, and the journal review of an agreement, only while the person
shares it, and each such read is written to the person's access log.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Conversation(models.Model):
    """A career conversation a manager opened with one of their reports, on a date."""

    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"
    STATUSES = [(PLANNED, "planned"), (HELD, "held"), (CANCELLED, "cancelled")]

    manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations_led")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations")
    date = models.DateField()
    status = models.CharField(max_length=10, choices=STATUSES, default=PLANNED)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the reminder e-mails went out, so the periodic job sends them once.
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # A recurring 1:1: every `cadence_weeks` weeks; holding this one plans the next (its `previous` is this).
    cadence_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="following")

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["person", "date"]), models.Index(fields=["manager", "date"])]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["planned", "held", "cancelled"]),
                                   name="conversation_status_known"),
            models.CheckConstraint(condition=~Q(manager=models.F("person")), name="conversation_not_with_oneself"),
        ]

    def __str__(self) -> str:
        return f"conversation of {self.person} with {self.manager} on {self.date}"


class AgendaItem(models.Model):
    """One point on the agenda: a starting question, or something the person or the manager added."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=500)
    # The starting question's key ("energizes", "drains", ...) or blank for an added item.
    question = models.CharField(max_length=20, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class Answer(models.Model):
    """The person's private answer to an agenda item, and their choice whether the manager sees it."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="answer")
    text = models.TextField()
    shared_with_manager = models.BooleanField(default=False)
    # When the current share began (None while private): consent is a dated fact.
    shared_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"answer to {self.item}"


class Agreement(models.Model):
    """Something agreed in a conversation: what, who owns it, by when, and the weekly hours it changes."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"
    STATUSES = [(OPEN, "open"), (DONE, "done"), (DROPPED, "dropped")]

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="agreements")
    text = models.CharField(max_length=500)  # the short title ("Trial: lead one onboarding")
    detail = models.TextField(blank=True)  # what it means in practice; both sides see it
    # Words addressed to the person ("log each session…, your journal decides"): only the person sees them.
    note_to_person = models.TextField(blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=STATUSES, default=OPEN)
    # The person's choice: may the manager see how their journal moved against this agreement?
    review_shared_with_manager = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    due_reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["open", "done", "dropped"]), name="agreement_status_known"),
        ]

    def __str__(self) -> str:
        return self.text


class AgreementChange(models.Model):
    """One activity whose weekly hours an agreement changes (e.g. admin −4, research +4)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="changes")
    activity = models.SlugField(max_length=40)  # the person's activity slug
    hours_per_week = models.FloatField()

    class Meta:
        ordering = ["hours_per_week", "activity"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "activity"], name="one_change_per_agreement_activity"),
        ]

    def __str__(self) -> str:
        return f"{self.activity} {self.hours_per_week:+g} h/week"


class Note(models.Model):
    """A note in a conversation: shared (both sides see and export it) or the manager's private one.

    A private note is its author's alone: never shown to, nor exported for, the other side.
    """

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    private = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"note by {self.author} in {self.conversation}"
