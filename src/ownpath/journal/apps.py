from django.apps import AppConfig
from django.db.models.signals import post_migrate


class JournalConfig(AppConfig):
    """The work journal: activities, episodes and a person's settings."""

    name = "ownpath.journal"
    label = "journal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ownpath.journal.signals import sync_builtin_activities

        post_migrate.connect(sync_builtin_activities, sender=self)
