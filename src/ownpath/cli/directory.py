"""`ownpath directory …`: provisioning tokens for SCIM, the org chart import, and the audit log."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ownpath.cli import context


def _describe_plan(plan) -> list[str]:
    """The plan's changes in words, a line each."""
    lines = [f"{len(plan.rows)} people in the file: {len(plan.joins)} join, {len(plan.moves)} move, "
             f"{len(plan.leaves)} leave, {len(plan.manager_changes)} manager changes, {len(plan.new_teams)} new teams"]
    lines += [f"  joins: {row.name} ({row.email}) in {row.team}" for row in plan.joins[:50]]
    lines += [f"  moves: {row.name} from {', '.join(old) or 'no team'} to {new}" for row, old, new in plan.moves]
    lines += [f"  leaves: employee {employee_id}" for employee_id in plan.leaves]
    lines += [f"  new team: {name}" for name in plan.new_teams]
    return lines


def register(app: typer.Typer) -> None:
    """Add the directory commands."""
    directory_app = typer.Typer(help="The company directory (admins): SCIM tokens, org chart, audit log.",
                                no_args_is_help=True)
    token_app = typer.Typer(help="Provisioning tokens a directory uses for SCIM.", no_args_is_help=True)
    app.add_typer(directory_app, name="directory")
    directory_app.add_typer(token_app, name="token")

    @token_app.command("create")
    @context.user_errors
    def token_create(organisation: str = typer.Argument(..., help="Organisation name or id"),
                     name: str = typer.Argument(..., help="What the token is for, e.g. 'Entra ID'")) -> None:
        """Create a SCIM bearer token for the organisation (printed once)."""
        user = context.acting_user()
        from ownpath.directory import services as directory
        from ownpath.teams import services as teams

        _, key = directory.create_provisioning_token(user, teams.find_organisation(user, organisation), name)
        typer.echo("SCIM base URL: <your server>/scim/v2 ; bearer token (shown once, keep it secret):")
        typer.echo(key)

    @token_app.command("list")
    @context.user_errors
    def token_list(organisation: str = typer.Argument(..., help="Organisation name or id")) -> None:
        """The organisation's provisioning tokens (never the keys)."""
        user = context.acting_user()
        from ownpath.directory import services as directory
        from ownpath.teams import services as teams

        for token in directory.provisioning_tokens(user, teams.find_organisation(user, organisation)):
            used = f"last used {token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never used"
            typer.echo(f"{token.pk}  {token.name}  created {token.created_at:%Y-%m-%d}, {used}")

    @token_app.command("revoke")
    @context.user_errors
    def token_revoke(token_id: int = typer.Argument(..., help="The token's id (from `token list`)")) -> None:
        """Revoke a provisioning token: the directory holding it is refused from now on."""
        user = context.acting_user()
        from ownpath.directory import services as directory

        directory.revoke_provisioning_token(user, token_id)
        typer.echo(f"token {token_id} revoked")

    @directory_app.command("org-chart")
    @context.user_errors
    def org_chart(
        organisation: str = typer.Argument(..., help="Organisation name or id"),
        file: Path = typer.Argument(..., exists=True, dir_okay=False, help="The HR system's CSV export"),
        apply: bool = typer.Option(False, "--apply", help="Apply the changes (without it: a preview only)"),
        create_teams: bool = typer.Option(False, "--create-teams", help="Create teams the organisation lacks"),
    ) -> None:
        """Preview (or --apply) an org chart: joins, moves, leaves and managers; all or nothing."""
        user = context.acting_user()
        from ownpath.directory import services as directory
        from ownpath.errors import ImportRejected
        from ownpath.teams import services as teams

        found = teams.find_organisation(user, organisation)
        data = file.read_bytes()
        if not apply:
            plan = directory.plan_org_chart_import(user, found, data, create_teams=create_teams)
            if plan.problems:
                raise ImportRejected(plan.problems, source=str(file))
            for line in _describe_plan(plan):
                typer.echo(line)
            typer.echo("Nothing changed yet: run again with --apply." if plan.has_changes else "Nothing to change.")
            return
        plan = directory.import_org_chart(user, found, data, create_teams=create_teams)
        for line in _describe_plan(plan):
            typer.echo(line)
        typer.echo("Applied." if plan.has_changes else "Nothing to change: the organisation already matches.")

    @directory_app.command("audit")
    @context.user_errors
    def audit(organisation: str = typer.Argument(None, help="Organisation name or id (admins); "
                                                            "without it, what was done about you")) -> None:
        """The audit log of admin and directory actions (admins), or the events about you."""
        user = context.acting_user()
        from ownpath.directory import services as directory
        from ownpath.teams import services as teams

        if organisation:
            events = directory.audit_log(user, teams.find_organisation(user, organisation))
        else:
            events = directory.events_about(user)
        table = Table(title="Audit log" if organisation else "What admins and directories did about you")
        for column in ("when", "who", "what"):
            table.add_column(column, overflow="fold")
        for event in events:
            table.add_row(f"{event.created_at:%Y-%m-%d %H:%M}", event.actor_label, event.description)
        Console().print(table)
