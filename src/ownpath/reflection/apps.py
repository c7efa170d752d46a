from django.apps import AppConfig


class ReflectionConfig(AppConfig):
    """The weekly AEIOU reflection: Activities, Environments, Interactions, Objects, Users."""

    name = "ownpath.reflection"
    label = "reflection"
    default_auto_field = "django.db.models.BigAutoField"
