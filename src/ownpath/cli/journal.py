"""Journal commands: activities, log, journal, export, import, settings."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import typer

from ownpath.cli import context
from ownpath.errors import UserInputError
from ownpath.journal.validation import ENERGY_WORDS, growth_word, parse_optional_date


def register(app: typer.Typer) -> None:
    """Add the journal commands."""
    activities_app = typer.Typer(help="The activities you can log (built-in and your own).",
                                 invoke_without_command=True)
    app.add_typer(activities_app, name="activities")

    @activities_app.callback()
    @context.user_errors
    def activities(ctx: typer.Context,
                   as_json: bool = typer.Option(False, "--json", help="Print JSON")) -> None:
        """List the activities you can log."""
        if ctx.invoked_subcommand:
            return
        user = context.acting_user(apps="journal")
        from ownpath.journal.services import activities_for

        rows = [{"activity": a.slug, "label": a.label, "description": a.description,
                 "gwa_ids": list(a.gwa_ids), "builtin": a.is_builtin}
                for a in activities_for(user)]
        if as_json:
            typer.echo(json.dumps(rows, indent=2))
            return
        from rich.console import Console  # here: rich costs a tenth of a second that `ownpath log` never needs
        from rich.table import Table

        table = Table(title="Activities")
        table.add_column("activity")
        table.add_column("label")
        table.add_column("what it covers")
        for row in rows:
            table.add_row(row["activity"], row["label"], row["description"] + ("" if row["builtin"] else " (yours)"))
        Console().print(table)

    @activities_app.command("add")
    @context.user_errors
    def activities_add(slug: str, label: str = typer.Option("", help="Everyday name"),
                       description: str = typer.Option("", help="What it covers")) -> None:
        """Add an activity of your own."""
        user = context.acting_user(apps="journal")
        from ownpath.journal.services import add_activity

        activity = add_activity(user, slug, label or slug, description)
        typer.echo(f"added activity {activity.slug} ({activity.label})")

    @app.command("log")
    @context.user_errors
    def log(
        activity: str = typer.Argument(..., help="Activity slug, e.g. research (see `ownpath activities`)"),
        hours: str = typer.Option(..., "--hours", "-h", help="Hours spent, more than 0 and at most 24"),
        energy: str = typer.Option(..., "--energy", "-e", help="-2 drained … +2 energized"),
        skill: str = typer.Option(None, "--skill", "-s", help="How well it went, 1–5"),
        engagement: str = typer.Option(None, "--engagement", help="0–10"),
        date: str = typer.Option(None, "--date", "-d", help="YYYY-MM-DD (default: today)"),
        start_time: str = typer.Option(None, "--start", help="Start time HH:MM"),
        note: str = typer.Option("", "--note", "-n"),
        with_whom: str = typer.Option("", "--with", help="With whom, comma-separated: names and alone, my team, "
                                                         "my manager, customers"),
        place: str = typer.Option("", "--where", help="Where: home, office, client site, travelling… (your words)"),
        tools: str = typer.Option("", "--tools", help="Tools used, comma-separated"),
        flow: bool = typer.Option(False, "--flow", help="You lost track of time (flow)"),
        growth: bool = typer.Option(False, "--growth", help="Growth work: towards your own goals"),
        required: bool = typer.Option(False, "--required", help="Work the role simply requires"),
        off_clock: bool = typer.Option(False, "--off-clock", help="Worked outside your paid working time"),
    ) -> None:
        """Log one stretch of work and how it felt."""
        if growth and required:
            raise UserInputError("growth: an entry is growth work (--growth) or required work (--required), not both")
        user = context.acting_user(apps="journal")
        from ownpath.journal.services import log_episode

        episode = log_episode(user, {
            "activity": activity, "hours": hours, "energy": energy, "skill": skill, "engagement": engagement,
            "date": date or dt.date.today().isoformat(), "start_time": start_time, "note": note, "with_whom": with_whom,
            "growth": True if growth else (False if required else None), "off_clock": off_clock,
            "place": place, "tools": tools, "flow": flow,
        })
        typer.echo(f"logged {episode.date}: {episode.activity.label}, {episode.hours:g} h, "
                   f"energy {episode.energy:+d} ({ENERGY_WORDS[episode.energy]})")

    @app.command("journal")
    @context.user_errors
    def journal(
        since: str = typer.Option(None, "--since", help="Only entries on or after YYYY-MM-DD"),
        until: str = typer.Option(None, "--until", help="Only entries on or before YYYY-MM-DD"),
        activity: str = typer.Option(None, "--activity", help="Only this activity"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    ) -> None:
        """Show your journal."""
        user = context.acting_user(apps="journal")
        from ownpath.journal.services import episodes_for
        from ownpath.journal.transfer import episode_to_dict

        since_date = parse_optional_date(since, field_name="since")
        until_date = parse_optional_date(until, field_name="until")
        episodes = episodes_for(user, since_date, until_date, activity)
        if as_json:
            typer.echo(json.dumps([episode_to_dict(e) for e in episodes], indent=1, ensure_ascii=False))
            return
        from rich.console import Console
        from rich.table import Table

        table = Table(title="Journal")
        for column in ("id", "date", "activity", "hours", "energy", "skill", "growth", "with", "note"):
            table.add_column(column)
        for e in episodes:
            table.add_row(str(e.id), e.date.isoformat(), e.activity.label, f"{e.hours:g}",
                          f"{e.energy:+d} {ENERGY_WORDS[e.energy]}", "" if e.skill is None else str(e.skill),
                          growth_word(e.growth), e.with_whom, e.note)
        Console().print(table)

    entry_app = typer.Typer(help="Change or delete one entry (its id is in the first column of `ownpath journal`).",
                            no_args_is_help=True)
    app.add_typer(entry_app, name="entry")

    @entry_app.command("edit")
    @context.user_errors
    def entry_edit(
        episode_id: int = typer.Argument(..., help="The entry's id (see `ownpath journal`)"),
        activity: str = typer.Option(None, "--activity", "-a", help="Activity slug"),
        hours: str = typer.Option(None, "--hours", "-h", help="Hours, e.g. 1.5, 90 min or 1h30"),
        energy: str = typer.Option(None, "--energy", "-e", help="-2 drained … +2 energized"),
        skill: str = typer.Option(None, "--skill", "-s", help="How well it went, 1–5"),
        engagement: str = typer.Option(None, "--engagement", help="0–10"),
        date: str = typer.Option(None, "--date", "-d", help="YYYY-MM-DD"),
        start: str = typer.Option(None, "--start", help="Start time HH:MM"),
        note: str = typer.Option(None, "--note", "-n"),
        with_whom: str = typer.Option(None, "--with", help="With whom, comma-separated"),
        where: str = typer.Option(None, "--where", help="Where"),
        tools: str = typer.Option(None, "--tools", help="Tools used, comma-separated"),
    ) -> None:
        """Change some fields of one entry; the others stay as they are (checked like a new entry)."""
        given = {"activity": activity, "hours": hours, "energy": energy, "skill": skill, "engagement": engagement,
                 "date": date, "start": start, "note": note, "with": with_whom, "where": where, "tools": tools}
        changes = {name: value for name, value in given.items() if value is not None}
        if not changes:
            raise UserInputError("entry edit: say what to change, e.g. --hours 1.5 or --energy +1")
        user = context.acting_user(apps="journal")
        from ownpath.journal.services import update_episode

        episode = update_episode(user, episode_id, changes)
        typer.echo(f"changed entry {episode.id}: {episode.date} {episode.activity.label}, {episode.hours:g} h, "
                   f"energy {episode.energy:+d} ({ENERGY_WORDS[episode.energy]})")

    @entry_app.command("delete")
    @context.user_errors
    def entry_delete(
        episode_id: int = typer.Argument(..., help="The entry's id (see `ownpath journal`)"),
        yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask"),
    ) -> None:
        """Delete one entry (asks first on a terminal)."""
        user = context.acting_user(apps="journal")
        from ownpath.journal.services import delete_episode, get_episode

        episode = get_episode(user, episode_id)
        what = f"{episode.date} {episode.activity.label}, {episode.hours:g} h"
        if not yes and _interactive() and not typer.confirm(f"Delete entry {episode_id} ({what})?", default=False):
            typer.echo("nothing deleted")
            return
        delete_episode(user, episode_id)
        typer.echo(f"deleted entry {episode_id} ({what})")

    @app.command("export")
    @context.user_errors
    def export(
        file_format: str = typer.Option("json", "--format", "-f", help="json (lossless) or csv"),
        output: Path = typer.Option(None, "--output", "-o", help="File to write (default: standard output)"),
    ) -> None:
        """Export your whole journal."""
        user = context.acting_user(apps="journal")
        from ownpath.journal.services import export_journal

        text = export_journal(user, file_format)
        if output is None:
            typer.echo(text, nl=False)
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserInputError(f"cannot write {output}: {exc.strerror}") from None
        typer.echo(f"wrote {output}", err=True)

    # `ownpath import` lives in cli/imports.py: it detects every format, this one's included.

    @app.command("settings")
    @context.user_errors
    def settings(
        target_hours: float = typer.Option(None, "--target-hours", help="Hours a week you aim to work"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    ) -> None:
        """Show or change your settings."""
        user = context.acting_user(apps="journal")
        from ownpath.journal.services import update_settings

        person = update_settings(user, target_hours_per_week=target_hours)
        values = {"target_hours_per_week": person.target_hours_per_week}
        typer.echo(json.dumps(values) if as_json else f"target hours per week: {values['target_hours_per_week']:g}")


def _interactive() -> bool:
    """Whether a person is at a terminal to answer a question (a script is not asked)."""
    import sys

    return sys.stdin.isatty()
