from django.apps import AppConfig


class TeamsConfig(AppConfig):
    """Organisations, teams, memberships, organisation roles and invitations."""

    name = "ownpath.teams"
    label = "teams"
