from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """Single sign-on, provisioning from the company directory, the org chart, and the admin audit log."""

    name = "ownpath.directory"
    label = "directory"
