"""A person's values profile and the options they weigh, each owned by that person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import slugify

from ownpath.analytics.forecast import SET_BY_CHOICES
from ownpath.analytics.job_values import VALUE_SLUGS

VALUE_CHOICES = [(slug, slug) for slug in VALUE_SLUGS]


class ValuesProfile(models.Model):
    """What a person needs and values in a job: pay baseline and direct 1–5 ratings of values."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="values_profile")
    pay_baseline = models.FloatField(null=True, blank=True,
                                     help_text="The minimum yearly pay needed; below it an option fails.")
    ratings = models.JSONField(default=dict, blank=True,
                               help_text="Direct ratings {value slug: 1–5} (the quick path).")
    ranking = models.JSONField(default=list, blank=True,
                               help_text="The card sort: the values that matter, most important first.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(pay_baseline__isnull=True) | Q(pay_baseline__gte=0),
                                   name="pay_baseline_not_negative"),
        ]

    def __str__(self) -> str:
        return f"values of {self.user}"


class ValueAnswer(models.Model):
    """One answer to "more important to you: A or B?"; an empty ``choice`` means "about equal"."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="value_answers")
    first = models.CharField(max_length=40, choices=VALUE_CHOICES)
    second = models.CharField(max_length=40, choices=VALUE_CHOICES)
    choice = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(first=models.F("second")), name="answer_two_values"),
            models.CheckConstraint(
                condition=Q(choice="") | Q(choice=models.F("first")) | Q(choice=models.F("second")),
                name="answer_choice_is_one_of_the_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.first} vs {self.second}: {self.choice or 'equal'}"


def unique_option_slug(name: str, taken: set[str]) -> str:
    """A URL-safe key for an option named ``name`` that is not in ``taken`` ("Research / lead" ->
    "research-lead", then "research-lead-2"…). Any name, "/" or "?" included, gets one."""
    base = slugify(name, allow_unicode=True)[:120].strip("-_") or "option"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


class Option(models.Model):
    """A job to judge: the current role, an offer, a promotion or a target role."""

    SET_BY = [(s, s) for s in SET_BY_CHOICES]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="options")
    name = models.CharField(max_length=120)
    slug = models.CharField(max_length=140, help_text="The option's key in URLs: made from its first name, "
                                                      "kept when it is renamed")
    pay = models.FloatField(null=True, blank=True, help_text="Yearly pay")
    hours = models.FloatField(null=True, blank=True, help_text="Hours per week (default: the mix's total)")
    ratings = models.JSONField(default=dict, blank=True, help_text="{value slug: 1–5}")
    is_current = models.BooleanField(default=False)
    is_target = models.BooleanField(default=False, help_text="Where I want to be in a few years")
    set_by = models.CharField(max_length=20, choices=SET_BY, default="me")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_current", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="unique_option_name_per_user"),
            models.UniqueConstraint(fields=["user", "slug"], name="unique_option_slug_per_user"),
            models.UniqueConstraint(fields=["user"], condition=Q(is_current=True),
                                    name="one_current_role_per_user"),
            models.CheckConstraint(condition=Q(pay__isnull=True) | Q(pay__gte=0), name="option_pay_not_negative"),
            models.CheckConstraint(condition=Q(hours__isnull=True) | Q(hours__gt=0, hours__lte=168),
                                   name="option_hours_in_range"),
        ]

    def __str__(self) -> str:
        return self.name


class OptionActivity(models.Model):
    """Weekly hours an option spends on one activity."""

    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="mix")
    activity = models.ForeignKey("journal.Activity", on_delete=models.PROTECT, related_name="+")
    hours = models.FloatField()

    class Meta:
        ordering = ["-hours", "id"]
        constraints = [
            models.UniqueConstraint(fields=["option", "activity"], name="unique_activity_per_option"),
            models.CheckConstraint(condition=Q(hours__gt=0, hours__lte=168), name="mix_hours_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.option}: {self.activity.slug} {self.hours} h/week"


class ForecastRecord(models.Model):
    """What ownpath forecast when the person took an option or an agreement changed their week.

    Kept as it was said (the energy interval, P(better than the role before), flags, and how
    much journal it rested on), so it can be scored against the weeks the person then lives.
    Private to the person: no share item reaches it.
    """

    OPTION = "option"
    AGREEMENT = "agreement"
    KINDS = [(OPTION, "option"), (AGREEMENT, "agreement")]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forecast_records")
    kind = models.CharField(max_length=10, choices=KINDS, default=OPTION)
    option = models.ForeignKey(Option, null=True, blank=True, on_delete=models.SET_NULL, related_name="forecasts")
    agreement = models.ForeignKey("conversations.Agreement", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    name = models.CharField(max_length=500, help_text="The option's name or the agreement's text, as it was then")
    started_on = models.DateField(help_text="The first day of the new reality")
    recorded_on = models.DateField(help_text="The day the forecast was stored; only later entries score it")
    mix = models.JSONField(default=dict, help_text="Weekly hours per activity the forecast assumed")
    energy = models.FloatField(help_text="Predicted average energy (-2..+2)")
    energy_sd = models.FloatField()
    energy_low = models.FloatField()
    energy_high = models.FloatField()
    p_better = models.FloatField(null=True, blank=True, help_text="P(feels better than the role before)")
    flags = models.JSONField(default=list, blank=True)
    journal_entries = models.PositiveIntegerField(default=0)
    journal_days = models.PositiveIntegerField(default=0)
    journal_last_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "name", "started_on"],
                                    name="one_forecast_per_change_and_day"),
            models.CheckConstraint(condition=Q(energy_sd__gte=0), name="forecast_sd_not_negative"),
            models.CheckConstraint(condition=Q(p_better__isnull=True) | Q(p_better__gte=0, p_better__lte=1),
                                   name="forecast_p_better_is_a_probability"),
        ]

    def __str__(self) -> str:
        return f"forecast for {self.name} from {self.started_on}"
