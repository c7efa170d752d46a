"""How many people of a team share each item for anonymous figures: the number a manager needs to
read "shown once 5 people share; 3 do now". A count of who has turned sharing on, never a value.
"""

from __future__ import annotations

from ownpath.errors import NotFound
from ownpath.sharing.models import Share
from ownpath.teams import services as teams


def people_sharing_for_figures(viewer, team, items) -> dict[str, int]:
    """Per item, how many people in ``team`` (its sub-teams included) share it for anonymous figures now.

    For the team's manager only (NotFound for anyone else), as the figures themselves are.
    """
    if not teams.managed_teams(viewer).filter(pk=team.pk).exists():
        raise NotFound(f"no team {team.pk} that you manage")
    people = teams.people_in_teams(teams.subtree_team_ids(team)).values("pk")
    counts = {item: 0 for item in items}
    for item, owner_id in (Share.objects.filter(audience=Share.AGGREGATE, revoked_at__isnull=True, item__in=list(items),
                                                owner__in=people)
                           .values_list("item", "owner_id").distinct()):
        counts[item] += 1
    return counts
