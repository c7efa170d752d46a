from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The JSON API (the tokens it accepts are the accounts app's)."""

    name = "ownpath.api"
    label = "api"
    default_auto_field = "django.db.models.BigAutoField"
