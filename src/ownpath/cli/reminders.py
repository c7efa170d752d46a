"""`ownpath reminders send`: send the reminders that are due (for cron until a job queue runs it)."""

from __future__ import annotations

import typer

from ownpath.cli import context


def register(app: typer.Typer) -> None:
    """Add the reminders command group."""
    group = typer.Typer(help="Opt-in reminders (people turn them on in the web app's Reminders page).",
                        no_args_is_help=True)

    @group.command("send")
    @context.user_errors
    def send() -> None:
        """Send every daily nudge and weekly reflection that is due now; safe to run every few minutes."""
        context.setup_django()
        from ownpath.reminders.services import send_due_reminders

        sent = send_due_reminders()
        typer.echo(f"Reminders sent: {sent['daily']} daily, {sent['weekly']} weekly; "
                   f"{sent['skipped']} not needed (already logged today).")

    app.add_typer(group, name="reminders")
