from django.apps import AppConfig


class OptionsConfig(AppConfig):
    """A person's values profile and the options (jobs, offers, promotions, targets) they judge."""

    name = "ownpath.options"
    label = "options"
    default_auto_field = "django.db.models.BigAutoField"
