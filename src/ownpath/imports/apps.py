from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Imports from calendars, Daylio and spreadsheets; the 'rate last week' flow."""

    name = "ownpath.imports"
    label = "imports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Give the importers' bounds the values of the settings (OWNPATH_IMPORT_*)."""
        from django.conf import settings

        from ownpath.imports import limits

        limits.configure(max_mb=settings.OWNPATH_IMPORT_MAX_MB, max_rows=settings.OWNPATH_IMPORT_MAX_ROWS,
                         max_occurrences=settings.OWNPATH_IMPORT_MAX_OCCURRENCES,
                         rule_seconds=settings.OWNPATH_IMPORT_RULE_SECONDS)
