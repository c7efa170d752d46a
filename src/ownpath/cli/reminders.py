"""`ownpath reminders send` (the reminders that are due, for cron) and `ownpath reminders conversation-emails`."""

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

    @group.command("conversation-emails")
    @context.user_errors
    def conversation_emails(
        wanted: bool = typer.Option(None, "--on/--off", help="Get (--on) or stop (--off) career-conversation "
                                                              "e-mails; without either, show the choice"),
    ) -> None:
        """Your e-mails before a career conversation and when an agreement you own falls due (on unless stopped)."""
        user = context.acting_user()
        from ownpath.reminders.services import reminder_settings_for, set_conversation_emails

        choice = reminder_settings_for(user) if wanted is None else set_conversation_emails(user, wanted)
        typer.echo("Career conversation e-mails: on" if choice.conversation_emails else
                   "Career conversation e-mails: off (the other side of a conversation still gets theirs)")

    app.add_typer(group, name="reminders")
