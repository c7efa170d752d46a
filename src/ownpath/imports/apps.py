from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Imports from calendars, Daylio and spreadsheets; the 'rate last week' flow."""

    name = "ownpath.imports"
    label = "imports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Give the importers' bounds the values of the settings (OWNPATH_IMPORT_*); lend the journal the
        classifier that reads everyday words as activities."""
        from django.conf import settings

        from ownpath.imports import limits
        from ownpath.journal.services import register_activity_ranker

        register_activity_ranker(_rank_activities)

        limits.configure(max_mb=settings.OWNPATH_IMPORT_MAX_MB, max_rows=settings.OWNPATH_IMPORT_MAX_ROWS,
                         max_occurrences=settings.OWNPATH_IMPORT_MAX_OCCURRENCES,
                         rule_seconds=settings.OWNPATH_IMPORT_RULE_SECONDS)


def _rank_activities(user, text: str, top: int) -> list:
    """The import classifier's likeliest activities for these words (loaded on first use: it needs NumPy)."""
    from ownpath.imports.rules import classifier_for

    return classifier_for(user).rank(text, top=top)
