"""A person's reminder choices: no nudge is sent until they turn it on; conversation e-mails until they stop them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class ReminderSettings(models.Model):
    """When to nudge the person, where to, and the secret of their calendar feed.

    ``last_daily_sent`` / ``last_weekly_sent`` (local dates) make sending idempotent: a
    reminder is claimed by moving the date before it is sent, so two runs never send twice.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    email = models.EmailField(blank=True)
    daily = models.BooleanField(default=False)
    daily_hour = models.PositiveSmallIntegerField(default=17, validators=[MinValueValidator(0), MaxValueValidator(23)])
    weekly = models.BooleanField(default=False)
    weekly_weekday = models.PositiveSmallIntegerField(
        default=4, validators=[MinValueValidator(0), MaxValueValidator(6)])  # 0 Monday … 6 Sunday
    weekly_hour = models.PositiveSmallIntegerField(default=16, validators=[MinValueValidator(0), MaxValueValidator(23)])
    # E-mails about career conversations (two days before one, an agreement falling due): on by
    # default, because the other side of a conversation counts on them; the person may stop them.
    conversation_emails = models.BooleanField(default=True)
    calendar_secret = models.CharField(max_length=64, blank=True, default="")
    last_daily_sent = models.DateField(null=True, blank=True)
    last_weekly_sent = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["calendar_secret"], condition=~models.Q(calendar_secret=""),
                                    name="unique_calendar_secret"),
            models.CheckConstraint(condition=models.Q(daily_hour__lte=23, weekly_hour__lte=23, weekly_weekday__lte=6),
                                   name="reminder_times_in_range"),
        ]

    def __str__(self) -> str:
        return f"reminders of {self.user}"
