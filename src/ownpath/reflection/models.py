"""A person's weekly AEIOU reflection: their own answers, one row per person and week."""

from __future__ import annotations

from django.conf import settings
from django.db import models

# The five prompts of the AEIOU reflection (Designing Your Life), in order.
PROMPTS = {
    "activities": "Activities — what were you actually doing? Which did you enjoy, which did you not?",
    "environments": "Environments — where were you, and how did each place make you feel?",
    "interactions": "Interactions — with whom? Which interactions were new, formal, informal, energizing?",
    "objects": "Objects — which tools or devices were you using, and did they help you engage?",
    "users": "Users — who else was there, who were you working for, and what role did they play?",
}


# Prompt key -> model field holding the answer.
ANSWER_FIELDS = {key: ("objects_used" if key == "objects" else key) for key in PROMPTS}


class WeeklyReflection(models.Model):
    """The person's answers for the week starting ``week_start`` (a Monday)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections")
    week_start = models.DateField()
    activities = models.TextField(blank=True)
    environments = models.TextField(blank=True)
    interactions = models.TextField(blank=True)
    # "objects" is the manager's name in Django; the answer to the Objects prompt lives here.
    objects_used = models.TextField(blank=True)
    users = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-week_start"]
        constraints = [models.UniqueConstraint(fields=["user", "week_start"], name="unique_user_week_reflection")]

    def __str__(self) -> str:
        return f"reflection of {self.user} for the week of {self.week_start}"
