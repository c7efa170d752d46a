from django.apps import AppConfig


class SharingConfig(AppConfig):
    """What a person shares, with whom, and who read it."""

    name = "ownpath.sharing"
    label = "sharing"

    def ready(self) -> None:
        # Connects the receivers: shares end when a person leaves an organisation (services), and a
        # sharer's new entry queues the refit of what they share (signals).
        from ownpath.sharing import services, signals  # noqa: F401
