from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Personal API tokens: created on the account page or the CLI, accepted by the API."""

    name = "ownpath.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
