"""Team planning data: role profiles, mentorship opt-ins and proposed pairs, team needs and hours.

Nothing here holds anyone's journal: computations read each person's own estimates only while
they consent to team planning (a live ``team_planning`` share), and every use is written to
:class:`PlanningUse`, which the person sees.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class RoleProfile(models.Model):
    """A role on the expert or manager track: weekly hours per activity, defined by an admin."""

    EXPERT = "expert"
    MANAGER = "manager"
    TRACKS = [(EXPERT, "expert track"), (MANAGER, "manager track")]

    organisation = models.ForeignKey("teams.Organisation", on_delete=models.CASCADE, related_name="role_profiles")
    name = models.CharField(max_length=120)
    track = models.CharField(max_length=10, choices=TRACKS)
    level = models.PositiveSmallIntegerField(default=1)
    weekly_hours = models.JSONField(default=dict, help_text="Activity slug -> hours a week")
    onet_code = models.CharField(max_length=12, blank=True, help_text="O*NET occupation it was prefilled from")
    ladder = models.CharField(max_length=120, blank=True, help_text="The career ladder it was imported from")
    expectations = models.JSONField(
        default=list, blank=True,
        help_text="From a ladder: [{area, text, activity, probability, sure}] as classified "
                  "(and corrected by an admin)")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["track", "level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="one_role_profile_name_per_org"),
            models.CheckConstraint(condition=Q(track__in=["expert", "manager"]), name="role_profile_track_known"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.track} track, level {self.level})"


class MentorshipOptIn(models.Model):
    """A person's opt-in as mentor and/or mentee in one organisation."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("teams.Organisation", on_delete=models.CASCADE, related_name="+")
    as_mentor = models.BooleanField(default=False)
    mentor_activities = models.JSONField(default=list, blank=True, help_text="Activities they would mentor")
    capacity = models.PositiveSmallIntegerField(default=1)
    as_mentee = models.BooleanField(default=False)
    learning_wishes = models.JSONField(default=list, blank=True, help_text="Activities they want to learn")
    prefer_other_teams = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "organisation"], name="one_mentorship_opt_in")]

    def __str__(self) -> str:
        return f"{self.person} mentorship opt-in"


class MentorshipPair(models.Model):
    """A proposed pair from the latest matching run of an organisation (a proposal, nothing more)."""

    organisation = models.ForeignKey("teams.Organisation", on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    weight = models.FloatField()
    reasons = models.JSONField(default=list)
    proposed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-weight", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "mentee"], name="one_mentor_per_mentee")]

    def __str__(self) -> str:
        return f"{self.mentor} mentors {self.mentee}"


class TeamNeed(models.Model):
    """Hours a week the team's mission needs next quarter on one activity, and the skill it needs."""

    team = models.ForeignKey("teams.Team", on_delete=models.CASCADE, related_name="planning_needs")
    activity = models.CharField(max_length=40)
    hours = models.FloatField()
    min_skill = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["activity"]
        constraints = [
            models.UniqueConstraint(fields=["team", "activity"], name="one_need_per_team_activity"),
            models.CheckConstraint(condition=Q(hours__gte=0, hours__lte=10000), name="need_hours_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.team}: {self.hours} h/week of {self.activity}"


class AvailableHours(models.Model):
    """The hours a week a member has for the team's work next quarter."""

    team = models.ForeignKey("teams.Team", on_delete=models.CASCADE, related_name="planning_hours")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    hours = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "person"], name="one_available_hours_per_member"),
            models.CheckConstraint(condition=Q(hours__gte=0, hours__lte=168), name="available_hours_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.hours} h/week for {self.team}"


class PlanningUse(models.Model):
    """One use of a person's estimates by a team-planning computation: shown to that person."""

    MENTORSHIP = "mentorship"
    ALLOCATION = "allocation"
    POOLED_PRIOR = "pooled_prior"
    PURPOSES = [(MENTORSHIP, "mentorship matching"), (ALLOCATION, "work allocation"),
                (POOLED_PRIOR, "the organisation's pooled prior")]

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=20, choices=PURPOSES)
    used = models.JSONField(default=dict, help_text="What was used: activities and which estimates")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-used_at", "-id"]
        indexes = [models.Index(fields=["person", "used_at"], name="planninguse_person_when")]

    def __str__(self) -> str:
        return f"{self.person}'s estimates used for {self.purpose}"
