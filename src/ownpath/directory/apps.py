from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """Single sign-on, provisioning from the company directory, the org chart, and the admin audit log."""

    name = "ownpath.directory"
    label = "directory"

    def ready(self) -> None:
        """Register the single sign-on checks."""
        from ownpath.directory import checks  # noqa: F401
