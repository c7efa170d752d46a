from django.apps import AppConfig


class SharingConfig(AppConfig):
    """What a person shares, with whom, and who read it."""

    name = "ownpath.sharing"
    label = "sharing"

    def ready(self) -> None:
        # Connects the receiver that ends a person's shares when they leave an organisation.
        from ownpath.sharing import services  # noqa: F401
