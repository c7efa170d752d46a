from django.apps import AppConfig


class OccupationsConfig(AppConfig):
    """O*NET occupations, their titles, values, interests, activity profiles and OEWS pay."""

    name = "ownpath.occupations"
    label = "occupations"
    default_auto_field = "django.db.models.BigAutoField"
