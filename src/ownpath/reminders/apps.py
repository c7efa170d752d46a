from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Opt-in reminders: a daily nudge and a weekly reflection (e-mail and a private calendar feed)."""

    name = "ownpath.reminders"
    label = "reminders"
    default_auto_field = "django.db.models.BigAutoField"
