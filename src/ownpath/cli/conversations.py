"""`ownpath conversations …`: career conversations from the command line, as either side."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ownpath.cli import context
from ownpath.errors import UserInputError


def _item_id(view: dict, number: int) -> int:
    if not 1 <= number <= len(view["agenda"]):
        raise UserInputError(f"item: choose 1 to {len(view['agenda'])} (see `ownpath conversations show {view['id']}`)")
    return view["agenda"][number - 1]["id"]


def register(app: typer.Typer) -> None:
    """Add the conversations commands."""
    conv_app = typer.Typer(help="Career conversations with your manager or your reports.", no_args_is_help=True)
    app.add_typer(conv_app, name="conversations")

    @conv_app.command("list")
    @context.user_errors
    def conversation_list(as_json: bool = typer.Option(False, "--json", help="Print JSON")) -> None:
        """Your conversations, as the person and as a manager."""
        user = context.acting_user()
        from ownpath.conversations.services import conversations_of

        rows = [{"id": c.pk, "date": c.date.isoformat(), "person": c.person.username, "manager": c.manager.username,
                 "status": c.status} for c in conversations_of(user)]
        if as_json:
            typer.echo(json.dumps(rows, indent=2))
            return
        if not rows:
            typer.echo("No conversations yet. A manager opens one: `ownpath conversations open PERSON --date YYYY-MM-DD`.")
        for row in rows:
            typer.echo(f"{row['id']}\t{row['date']}\t{row['person']} with {row['manager']}\t{row['status']}")

    @conv_app.command("open")
    @context.user_errors
    def conversation_open(person: str = typer.Argument(..., help="Your report's username"),
                          date: str = typer.Option(..., "--date", help="YYYY-MM-DD"),
                          every: int = typer.Option(0, "--every", help="Weeks between recurring 1:1s (0: once)")
                          ) -> None:
        """Open a conversation with one of your reports (the agenda starts from the five questions)."""
        user = context.acting_user()
        from ownpath.conversations.services import find_report, open_conversation

        made = open_conversation(user, find_report(user, person), date, cadence_weeks=every or None)
        typer.echo(f"opened conversation {made.pk} with {made.person.username} on {made.date}")

    @conv_app.command("show")
    @context.user_errors
    def conversation_show(conversation_id: int, as_json: bool = typer.Option(False, "--json", help="Print JSON")) -> None:
        """One conversation as your side sees it (the manager sees only the answers you share)."""
        user = context.acting_user()
        from ownpath.conversations.services import conversation_view, export_conversation

        if as_json:
            typer.echo(json.dumps(conversation_view(user, conversation_id), indent=2, ensure_ascii=False))
            return
        view = conversation_view(user, conversation_id)
        typer.echo(f"Conversation {view['id']}: {view['person']} with {view['manager']}, {view['date']} "
                   f"({view['status']}); you are the {view['side']}\n\nAgenda:")
        for number, item in enumerate(view["agenda"], 1):
            typer.echo(f"  {number}. {item['text']}")
            if item["answer"] is not None:
                who = "shared" if item["shared_with_manager"] else "private"
                typer.echo(f"     [{who}] {item['answer']}")
            elif item["answered"]:
                typer.echo("     (answered privately)")
        text = export_conversation(user, conversation_id, "markdown")
        tail = text[text.index("## Agreements"):]
        typer.echo("\n" + tail.rstrip())

    @conv_app.command("answer")
    @context.user_errors
    def conversation_answer(conversation_id: int, item: int = typer.Argument(..., help="Agenda item number"),
                            text: str = typer.Argument(...),
                            share: bool = typer.Option(None, "--share/--private",
                                                       help="Whether your manager sees this answer (default: unchanged, "
                                                            "private for a new answer)")) -> None:
        """Answer an agenda item privately; --share lets your manager see it, --private takes it back."""
        user = context.acting_user()
        from ownpath.conversations.services import answer, conversation_view

        saved = answer(user, conversation_id, _item_id(conversation_view(user, conversation_id), item), text, share)
        typer.echo(f"saved; {'your manager sees it' if saved.shared_with_manager else 'private: only you see it'}")

    @conv_app.command("agree")
    @context.user_errors
    def conversation_agree(conversation_id: int, text: str = typer.Argument(...),
                           owner: str = typer.Option(None, "--owner", help="Username of who owns it (default: the person)"),
                           due: str = typer.Option(None, "--due", help="Due date, YYYY-MM-DD"),
                           hours: str = typer.Option(None, "--hours", help='Weekly hours it changes, e.g. "admin=-4,research=4"')) -> None:
        """Record an agreement, with its owner, due date and the hours of work it changes."""
        user = context.acting_user()
        from ownpath.conversations.services import agree

        made = agree(user, conversation_id, text, owner=owner, due_date=due, hour_changes=hours)
        typer.echo(f"agreement {made.pk} recorded (owner {made.owner.username})")

    @conv_app.command("note")
    @context.user_errors
    def conversation_note(conversation_id: int, text: str = typer.Argument(...),
                          private: bool = typer.Option(False, "--private",
                                                       help="Manager only: a note the person never sees")) -> None:
        """Write a note in a conversation (both sides see it, unless the manager keeps it --private)."""
        user = context.acting_user()
        from ownpath.conversations.services import add_note

        add_note(user, conversation_id, text, private=private)
        typer.echo("private note added" if private else "note added")

    @conv_app.command("export")
    @context.user_errors
    def conversation_export(conversation_id: int,
                            file_format: str = typer.Option("markdown", "--format", help="markdown or json"),
                            output: Path = typer.Option(None, "--output", "-o", help="File to write (default: print)")) -> None:
        """Export a conversation as your side sees it, as Markdown or JSON."""
        user = context.acting_user()
        from ownpath.conversations.services import export_conversation

        text = export_conversation(user, conversation_id, file_format)
        if output is None:
            typer.echo(text, nl=False)
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserInputError(f"cannot write {output}: {exc.strerror}") from None
        typer.echo(f"wrote {output}", err=True)
