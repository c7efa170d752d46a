from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The JSON API and the personal API tokens it accepts."""

    name = "ownpath.api"
    label = "api"
    default_auto_field = "django.db.models.BigAutoField"
