from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Imports from calendars, Daylio and spreadsheets; the 'rate last week' flow."""

    name = "ownpath.imports"
    label = "imports"
    default_auto_field = "django.db.models.BigAutoField"
