"""A person's path towards a target role (one at a time), with what it was set against."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class CareerPath(models.Model):
    """The target role a person walks towards, and the snapshot the plan is measured against.

    The target's weekly mix is copied when the path is set (an option can change later; the
    plan should not move under the person's feet); ``baseline`` is the person's own hours a
    week per activity at that time, from their journal.
    """

    TARGET_KINDS = [("occupation", "an O*NET occupation"), ("option", "one of my options"),
                    ("custom", "my own weekly mix")]

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="career_path")
    target_kind = models.CharField(max_length=12, choices=TARGET_KINDS)
    target_title = models.CharField(max_length=200)
    asked_for = models.CharField(max_length=200, help_text="What the person typed (a title, a code or an option)")
    occupation_code = models.CharField(max_length=10, blank=True)
    option_name = models.CharField(max_length=120, blank=True)
    current_code = models.CharField(max_length=10, blank=True,
                                    help_text="The person's own occupation, if they chose it (else the one most "
                                              "like their journal's week)")
    target_mix = models.JSONField(help_text="{activity slug: hours a week} of the target role")
    baseline = models.JSONField(default=dict, help_text="{activity slug: hours a week} the person logged when it was set")
    horizon_years = models.PositiveSmallIntegerField(default=5)
    expected_energy = models.FloatField(null=True, blank=True, help_text="Predicted energy when it was set")
    started_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(horizon_years__gte=1, horizon_years__lte=15),
                                   name="path_horizon_1_to_15_years"),
        ]

    def __str__(self) -> str:
        return f"path to {self.target_title}"
