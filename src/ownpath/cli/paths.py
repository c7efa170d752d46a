"""Path commands: `ownpath path set|show|clear` — a target role, the gap and the steps towards it."""

from __future__ import annotations

import json
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from ownpath.analytics.plain_words import signed
from ownpath.cli import context


def print_path(console: Console, summary: dict[str, Any]) -> None:
    """The path in plain words: the gap, skills, steps, quarterly milestones, progress, forecast."""
    target = summary["target"]
    where = f" ({target['code']})" if target["code"] else " (one of your options)" if target["option"] else ""
    console.print(f"[bold]Your path to {target['title']}[/bold]{where} — {summary['horizon_years']} years, "
                  f"{summary['started_on']} to {summary['ends_on']}")
    console.print(summary["forecast"]["words"])
    if summary["gaps"]:
        table = Table(title="The work this role needs that you don't do yet (hours a week)")
        for column in ("activity", "you now", "the role", "missing"):
            table.add_column(column, justify="left" if column == "activity" else "right")
        for gap in summary["gaps"]:
            table.add_row(gap["label"] + (" (new to you)" if gap["new"] else ""), f"{gap['current_hours']:.1f}",
                          f"{gap['target_hours']:.1f}", f"{gap['gap_hours']:.1f}")
        console.print(table)
    else:
        console.print("You already do every activity of this role about as much as it needs.")
    if summary["skill_gaps"]:
        console.print("Skills to build: " + "; ".join(f"{s['label']}: {s['words']}" for s in summary["skill_gaps"]))
    console.print("[bold]Steps[/bold]")
    for number, step in enumerate(summary["steps"], start=1):
        energy = f", predicted energy {signed(step['energy'], 2)} ({signed(step['low'], 2)} to {signed(step['high'], 2)})" \
            if step["energy"] is not None else ""
        zone = f", job zone {step['job_zone']}" if step["job_zone"] else ""
        console.print(f"{number}. {step['title']}{zone} — {step['starts']} to {step['ends']}{energy}")
        for item in step["experience"]:
            console.print(f"   seek: {item['seek']}")
    table = Table(title="Milestones: hours a week in the role's activities")
    for column in ("quarter", "by", "step", "hours a week"):
        table.add_column(column, justify="right" if column in ("quarter", "hours a week") else "left")
    for milestone in summary["milestones"]:
        table.add_row(str(milestone["quarter"]), milestone["ends"], milestone["step"], f"{milestone['hours_per_week']:.1f}")
    console.print(table)
    progress = summary["progress"]
    if progress["months"]:
        table = Table(title="Progress from your journal")
        for column in ("month", "hours a week", "planned", "growth work", "energy", "skill", "entries"):
            table.add_column(column, justify="left" if column == "month" else "right")
        for month in progress["months"]:
            table.add_row(month["month"], f"{month['hours_per_week']:.1f}", f"{month['planned_per_week']:.1f}",
                          "—" if month["growth_share"] is None else f"{month['growth_share']:.0%}",
                          signed(month["mean_energy"], 2), "—" if month["mean_skill"] is None else f"{month['mean_skill']:.1f}",
                          str(month["entries"]))
        console.print(table)
    for name in ("energy", "skill"):
        trend = progress[name]
        if trend["per_month"] is not None:
            console.print(f"{name} on the role's activities: {trend['per_month']:+.3f} a month "
                          f"(90% interval {trend['low']:+.3f} to {trend['high']:+.3f}, {trend['entries']} entries)")
    for line in summary["missing"]:
        console.print(f"[dim]{line}[/dim]")
    if summary["better_fits"]:
        console.print("Fits you better: " + "; ".join(f"{b['title']} ({b['code']}, {signed(b['energy'], 2)})"
                                                      for b in summary["better_fits"]))


def print_candidates(title: str, candidates: list[dict[str, Any]]) -> None:
    """What a title may mean, one occupation a line, and how to choose."""
    typer.echo(f"'{title}' may mean:")
    for c in candidates:
        marks = [w for w, on in (("one move from your work", c["moves_from_you"] == 1),
                                  ("two moves from your work", c["moves_from_you"] == 2)) if on]
        typer.echo(f"  {c['code']}  {c['title']}  (title: {c['matched_title']}"
                   + "".join(f"; {m}" for m in marks) + ")")
    typer.echo(f'Choose one: ownpath path set "{title}" --choose CODE, or describe the role yourself: '
               f'ownpath path set "{title}" --mix planning=12,meetings=10')


def register(app: typer.Typer) -> None:
    """Add the `ownpath path` commands."""
    path_app = typer.Typer(help="Your path to a target role: the gap, the steps, and your progress.",
                           no_args_is_help=True)
    app.add_typer(path_app, name="path")

    @path_app.command("set")
    @context.user_errors
    def set_(
        target: str = typer.Argument(..., help='A job title ("product manager"), an O*NET-SOC code or one of your options'),
        years: int = typer.Option(5, "--years", help="How many years to get there"),
        choose: str = typer.Option("", "--choose", help="The occupation code an ambiguous title means (see its list)"),
        mix: str = typer.Option("", "--mix", help="Or the role's own weekly mix, e.g. planning=12,meetings=10"),
        current: str = typer.Option("", "--current", help="Your own occupation (code or title), where the steps start"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    ) -> None:
        """Set the role you want to grow into; prints the path (an ambiguous title lists what it may mean)."""
        user = context.acting_user()
        from ownpath.paths.services import AmbiguousTarget, path_summary, set_path

        try:
            set_path(user, target, horizon_years=years, choice=choose, mix=mix or None, current=current)
        except AmbiguousTarget as exc:
            print_candidates(exc.text, exc.candidates)
            raise typer.Exit(2) from None
        summary = path_summary(user)
        if as_json:
            typer.echo(json.dumps(summary, indent=2))
            return
        print_path(Console(), summary)

    @path_app.command("candidates")
    @context.user_errors
    def candidates(title: str = typer.Argument(..., help='A job title, e.g. "product manager"')) -> None:
        """The occupations a job title may mean, most plausible for you first."""
        user = context.acting_user()
        from ownpath.paths.services import target_candidates

        print_candidates(title, target_candidates(user, title))

    @path_app.command("show")
    @context.user_errors
    def show(as_json: bool = typer.Option(False, "--json", help="Print JSON")) -> None:
        """Your path, re-forecast from your journal as it is today."""
        user = context.acting_user()
        from ownpath.paths.services import path_summary

        summary = path_summary(user)
        if as_json:
            typer.echo(json.dumps(summary, indent=2))
            return
        if summary is None:
            typer.echo('no path yet: ownpath path set "product manager" (a title, an occupation code or one of your options)')
            return
        print_path(Console(), summary)

    @path_app.command("clear")
    @context.user_errors
    def clear() -> None:
        """Forget your path (your journal stays as it is)."""
        user = context.acting_user()
        from ownpath.paths.services import clear_path

        typer.echo("path cleared" if clear_path(user) else "no path to clear")
