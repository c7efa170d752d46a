from django.apps import AppConfig


class PathsConfig(AppConfig):
    """A person's path to a target role: the gap, the steps and the progress read from their journal."""

    name = "ownpath.paths"
    label = "paths"
    default_auto_field = "django.db.models.BigAutoField"
