from django.apps import AppConfig


class WebConfig(AppConfig):
    """Server-rendered pages with HTMX, over the same services as the CLI."""

    name = "ownpath.web"
    label = "web"

    def ready(self) -> None:
        from ownpath.web import checks  # noqa: F401  registers the deployment checks
