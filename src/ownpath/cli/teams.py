"""`ownpath org …` and `ownpath team …`: organisations and teams (admins), joining and leaving (everyone)."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from ownpath.cli import context


def register(app: typer.Typer) -> None:
    """Add the org and team commands."""
    org_app = typer.Typer(help="Organisations: create, invite, members, join, leave.", no_args_is_help=True)
    team_app = typer.Typer(help="Teams of an organisation (admins): create, list, add people.", no_args_is_help=True)
    app.add_typer(org_app, name="org")
    app.add_typer(team_app, name="team")

    @org_app.command("create")
    @context.user_errors
    def org_create(name: str = typer.Argument(..., help="The organisation's name")) -> None:
        """Create an organisation; you become its admin."""
        user = context.acting_user()
        from ownpath.teams.services import create_organisation

        organisation = create_organisation(user, name)
        typer.echo(f"created organisation {organisation.name!r} (id {organisation.pk}); you are its admin")

    @org_app.command("list")
    @context.user_errors
    def org_list() -> None:
        """Your organisations, your teams and roles in them."""
        user = context.acting_user()
        from ownpath.teams import services as teams

        organisations = list(teams.organisations_of(user))
        if not organisations:
            typer.echo("You are in no organisation. Join with `ownpath org join LINK`.")
        for organisation in organisations:
            roles = [m.role + " of " + m.team.name for m in teams.teams_of(user, organisation)]
            roles += [r for r in ("admin", "people_lead") if (teams.is_admin(user, organisation) if r == "admin"
                      else teams.people_lead_orgs(user).filter(pk=organisation.pk).exists())]
            typer.echo(f"{organisation.pk}  {organisation.name}: {', '.join(roles) or 'member'}")

    @org_app.command("members")
    @context.user_errors
    def org_members(organisation: str = typer.Argument(..., help="Organisation name or id")) -> None:
        """Who is in the organisation, in which teams and roles (admins; no journal is shown)."""
        user = context.acting_user()
        from ownpath.teams import services as teams

        found = teams.find_organisation(user, organisation)
        table = Table(title=f"Members of {found.name}")
        for column in ("person", "teams", "organisation roles"):
            table.add_column(column, overflow="fold")
        for row in teams.members_of(user, found):
            table.add_row(row["person"].username, "; ".join(f"{t['role']} of {t['team'].name}" for t in row["teams"]),
                          ", ".join(row["roles"]))
        Console().print(table)

    @org_app.command("invite")
    @context.user_errors
    def org_invite(
        organisation: str = typer.Argument(..., help="Organisation name or id"),
        team: str = typer.Option(None, "--team", help="The team (for member or manager)"),
        role: str = typer.Option("member", "--role", help="member, manager, people_lead or admin"),
        email: str = typer.Option(None, "--email", help="Send the invitation to this address"),
        days: int = typer.Option(14, "--days", help="Days the invitation stays valid"),
    ) -> None:
        """Invite someone: prints the link (works once); with --email it is also sent."""
        user = context.acting_user()
        from ownpath.teams import services as teams

        found = teams.find_organisation(user, organisation)
        chosen = teams.find_team(user, found, team) if team else None
        invitation = teams.invite(user, found, team=chosen, role=role, email=email or "", days=days)
        if invitation.email:
            teams.send_invitation(invitation)
            typer.echo(f"sent the invitation to {invitation.email}")
        typer.echo(teams.invitation_url(invitation))

    @org_app.command("join")
    @context.user_errors
    def org_join(link: str = typer.Argument(..., help="The invitation link or its token")) -> None:
        """Join with an invitation. Joining shares nothing."""
        user = context.acting_user()
        from ownpath.teams.services import accept_invitation

        invitation = accept_invitation(user, link.strip().rstrip("/").rsplit("/", 1)[-1])
        where = invitation.organisation.name + (f", team {invitation.team.name}" if invitation.team else "")
        typer.echo(f"joined {where} as {invitation.role}; nothing of yours is shared (see `ownpath share`)")

    @org_app.command("leave")
    @context.user_errors
    def org_leave(organisation: str = typer.Argument(..., help="Organisation name or id")) -> None:
        """Leave an organisation: your teams and roles there and every share you made end."""
        user = context.acting_user()
        from ownpath.teams import services as teams

        found = teams.find_organisation(user, organisation)
        teams.leave_organisation(user, found)
        typer.echo(f"left {found.name}; every share you made has ended")

    @org_app.command("remove")
    @context.user_errors
    def org_remove(
        organisation: str = typer.Argument(..., help="Organisation name or id"),
        person: str = typer.Argument(..., help="Username"),
    ) -> None:
        """Take someone out of the organisation (admins): their teams, roles and shares end."""
        user = context.acting_user()
        from ownpath.teams import services as teams

        found = teams.find_organisation(user, organisation)
        teams.remove_from_organisation(user, found, teams.person_in(user, found, person))
        typer.echo(f"{person} is no longer in {found.name}; their shares have ended")

    @org_app.command("role")
    @context.user_errors
    def org_role(
        organisation: str = typer.Argument(..., help="Organisation name or id"),
        person: str = typer.Argument(..., help="Username"),
        role: str = typer.Argument(..., help="people_lead or admin"),
        remove: bool = typer.Option(False, "--remove", help="Take the role away"),
    ) -> None:
        """Grant (or take away) people lead or admin (admins)."""
        user = context.acting_user()
        from ownpath.teams import services as teams

        found = teams.find_organisation(user, organisation)
        teams.set_organisation_role(user, found, teams.person_in(user, found, person), role, granted=not remove)
        typer.echo(f"{person}: {'no longer ' if remove else ''}{role} of {found.name}")

    @team_app.command("create")
    @context.user_errors
    def team_create(
        organisation: str = typer.Argument(..., help="Organisation name or id"),
        name: str = typer.Argument(..., help="The team's name"),
        parent: str = typer.Option(None, "--parent", help="Make it a sub-team of this team"),
    ) -> None:
        """Create a team (admins)."""
        user = context.acting_user()
        from ownpath.teams import services as teams

        found = teams.find_organisation(user, organisation)
        made = teams.create_team(user, found, name, parent=teams.find_team(user, found, parent) if parent else None)
        typer.echo(f"created team {made.name!r} (id {made.pk})" + (f" inside {made.parent.name}" if made.parent else ""))

    @team_app.command("list")
    @context.user_errors
    def team_list(organisation: str = typer.Argument(..., help="Organisation name or id")) -> None:
        """The organisation's teams as a tree."""
        user = context.acting_user()
        from ownpath.teams import services as teams

        found = teams.find_organisation(user, organisation)
        children = teams.team_tree(found)

        def show(parent_id, depth):
            for team in children.get(parent_id, []):
                typer.echo(f"{'  ' * depth}{team.name} (id {team.pk})")
                show(team.pk, depth + 1)

        show(None, 0)

    @team_app.command("add")
    @context.user_errors
    def team_add(
        organisation: str = typer.Argument(..., help="Organisation name or id"),
        team: str = typer.Argument(..., help="Team name or id"),
        person: str = typer.Argument(..., help="Username of someone already in the organisation"),
        manager: bool = typer.Option(False, "--manager", help="As the team's manager"),
        remove: bool = typer.Option(False, "--remove", help="Take them out of the team instead"),
    ) -> None:
        """Put someone of the organisation into a team, as member or manager (admins)."""
        user = context.acting_user()
        from ownpath.teams import services as teams

        found = teams.find_organisation(user, organisation)
        chosen = teams.find_team(user, found, team)
        member = teams.person_in(user, found, person)
        if remove:
            teams.remove_membership(user, chosen, member)
            typer.echo(f"{person} is no longer in {chosen.name}")
            return
        teams.set_membership(user, chosen, member, "manager" if manager else "member")
        typer.echo(f"{person} is {'manager' if manager else 'a member'} of {chosen.name}")
