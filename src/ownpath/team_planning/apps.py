from django.apps import AppConfig


class TeamPlanningConfig(AppConfig):
    """Role profiles, mentorship opt-ins and pairs, team needs and hours; the use log of team planning."""

    name = "ownpath.team_planning"
    label = "team_planning"

    def ready(self) -> None:
        # The "track fit" share item (the manager sees a person's track fit only if shared).
        from ownpath.team_planning import share_items  # noqa: F401
        # A person's own insights borrow from consenting colleagues through sharing.priors.
        from ownpath.sharing import priors

        priors.register(_organisation_prior)


def _organisation_prior(person):
    """The pooled prior of the person's consenting colleagues; the services (and SciPy) load on first use,
    so a quick command such as `ownpath log` never pays for them."""
    from ownpath.team_planning.services import organisation_prior

    return organisation_prior(person)
