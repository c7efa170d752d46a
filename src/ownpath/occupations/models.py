"""Reference data about occupations: O*NET 29.3 (CC BY 4.0) and BLS OEWS national wages.

Shared by every user and never personal; loaded by ``services.load_onet_release``, which
keys every row on O*NET's own identifiers so a reload updates in place.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class OnetRelease(models.Model):
    """The loaded O*NET release (one row): version, where it came from, and the pay source."""

    version = models.CharField(max_length=20, blank=True)
    source = models.TextField(blank=True, help_text="Folders the release files were read from")
    pay_release = models.CharField(max_length=60, blank=True)
    pay_note = models.CharField(max_length=300, blank=True, help_text="Why pay is missing, if it is")
    loaded_at = models.DateTimeField(help_text="Last load that changed anything")
    missing_files = models.JSONField(default=list, blank=True,
                                     help_text="Release files the load did not find (their data was left as it was)")
    reference_sha256 = models.CharField(max_length=64, blank=True,
                                        help_text="Checksum of the bundled dataset, when that is what was loaded")
    # The job-title search index built from the titles at load time (NumPy .npz bytes),
    # so a search does not rebuild it from 60,000+ titles.
    title_index = models.BinaryField(null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return f"O*NET {self.version or '?'}"


class Occupation(models.Model):
    """An O*NET-SOC occupation with its job zone, profile basis and national pay (USD)."""

    PROFILE_BASES = [("tasks", "its own tasks"), ("related", "related detailed occupations"),
                     ("none", "no task data")]

    code = models.CharField(max_length=10, unique=True, help_text="O*NET-SOC code, e.g. 11-2022.00")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    job_zone = models.PositiveSmallIntegerField(null=True, blank=True,
                                                help_text="1 little preparation … 5 extensive")
    profile_basis = models.CharField(max_length=10, choices=PROFILE_BASES, default="none")
    profile_tasks = models.PositiveIntegerField(default=0)
    pay_annual_median = models.PositiveIntegerField(null=True, blank=True)
    pay_annual_p25 = models.PositiveIntegerField(null=True, blank=True)
    pay_annual_p75 = models.PositiveIntegerField(null=True, blank=True)
    pay_hourly_median = models.FloatField(null=True, blank=True)
    pay_hourly_p25 = models.FloatField(null=True, blank=True)
    pay_hourly_p75 = models.FloatField(null=True, blank=True)
    employment = models.PositiveIntegerField(null=True, blank=True)
    pay_soc = models.CharField(max_length=7, blank=True, help_text="SOC code the pay figures are for")
    pay_note = models.CharField(max_length=300, blank=True, help_text="Why a pay figure is missing or borrowed")

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(job_zone__isnull=True) | Q(job_zone__gte=1, job_zone__lte=5),
                                   name="job_zone_1_to_5"),
        ]

    @property
    def soc(self) -> str:
        """The six-digit SOC code (e.g. 11-2022) the occupation belongs to."""
        return self.code[:7]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class OccupationTitle(models.Model):
    """A title people use for an occupation: official, alternate, short or reported."""

    KINDS = [("official", "official"), ("alternate", "alternate"), ("short", "short"),
             ("reported", "reported")]

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="titles")
    title = models.CharField(max_length=250)
    kind = models.CharField(max_length=10, choices=KINDS)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["occupation", "kind", "title"],
                                               name="unique_occupation_title")]

    def __str__(self) -> str:
        return self.title


class OccupationElementScore(models.Model):
    """An occupation's score on one O*NET element (shared shape of work values and interests)."""

    element_id = models.CharField(max_length=20)
    name = models.CharField(max_length=80)
    value = models.FloatField()

    class Meta:
        abstract = True
        ordering = ["element_id"]


class OccupationValue(OccupationElementScore):
    """How far an occupation satisfies a work value (O*NET Work Values, scale EX, 1–7)."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="work_values")

    class Meta(OccupationElementScore.Meta):
        constraints = [models.UniqueConstraint(fields=["occupation", "element_id"],
                                               name="unique_occupation_value")]


class OccupationInterest(OccupationElementScore):
    """An occupation's RIASEC interest score (O*NET Interests, scale OI, 1–7)."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="interests")

    class Meta(OccupationElementScore.Meta):
        constraints = [models.UniqueConstraint(fields=["occupation", "element_id"],
                                               name="unique_occupation_interest")]


class OccupationActivity(models.Model):
    """Share (0–1) of an occupation's work under one built-in ownpath activity."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="activities")
    activity = models.SlugField(max_length=40, help_text="Built-in activity slug (ownpath.taxonomy)")
    share = models.FloatField()

    class Meta:
        ordering = ["-share", "activity"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "activity"], name="unique_occupation_activity"),
            models.CheckConstraint(condition=Q(share__gte=0, share__lte=1), name="share_0_to_1"),
        ]


class RelatedOccupation(models.Model):
    """An occupation O*NET ranks as related to another (the next steps people take from it)."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="related")
    related = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="+")
    tier = models.CharField(max_length=30, help_text="O*NET's relatedness tier, e.g. Primary-Short")
    rank = models.PositiveSmallIntegerField(help_text="1 = most related")

    class Meta:
        ordering = ["rank"]
        constraints = [models.UniqueConstraint(fields=["occupation", "related"],
                                               name="unique_related_occupation")]
