"""`ownpath insights`: what energizes and drains you, your strengths and your balance."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import typer

from ownpath.analytics.plain_words import counted, entries_word, signed
from ownpath.cli import context

if TYPE_CHECKING:  # rich is imported where a report is printed: `insights --json` never needs it
    from rich.console import Console

QUADRANT_TITLES = {
    "compensable_strength": "Strengths that energize you — find a role that pays for these",
    "trap_strength": "Trap strengths — you are good at them, but they drain you",
    "growth_edge": "Growth edges — they energize you and you are getting better",
    "drain": "Drains — keep them small",
}


def render(console: Console, report: dict) -> None:
    """Print an insights report (the dict of build_insights) in plain words."""
    from rich.table import Table

    from ownpath.cli.insights_context import render_context

    since = f" since {report['since']}" if report["since"] else ""
    console.print(f"[bold]Insights{since}[/bold]: {entries_word(report['episodes'])}, "
                  f"{counted(report['hours'], 'hour')} over {counted(report['days'], 'day')}.")
    if report["activities"]:
        level = int(round(100 * (report["model"]["energy"] or {}).get("level", 0.9)))
        table = Table(title="What your work does to your energy (relative to your average, -2…+2)")
        table.add_column("activity")
        table.add_column("energy")
        table.add_column(f"estimate [{level}% interval]", justify="right", no_wrap=True)
        table.add_column("how well it goes")
        for row in report["activities"]:
            energy = row["energy"]
            table.add_row(
                row["label"], energy["words"],
                f"{signed(energy['estimate'], 1)} [{signed(energy['low'], 1)}, {signed(energy['high'], 1)}]",
                row["skill"]["words"] if row["skill"] else "not rated",
            )
        console.print(table)
        prior = report.get("prior") or {}
        if prior.get("source") == "colleagues":
            console.print(f"Your estimates start from your organisation ({prior['words']} who share for team planning).")
        for quadrant, title in QUADRANT_TITLES.items():
            names = [r["label"] for r in report["activities"] if r["quadrant"] == quadrant]
            if names:
                console.print(f"[bold]{title}:[/bold] {', '.join(names)}")
        unclear = [r["label"] for r in report["activities"] if r["quadrant"] == "unclear"]
        if unclear:
            console.print(f"Not yet placed as a strength or a drain: {', '.join(unclear)}")
    _render_balance(console, report["balance"])
    render_context(console, report.get("context"))
    for warning in report["warnings"]:
        console.print(f"[bold yellow]Warning:[/bold yellow] {warning['message']}")
    if report["missing"]:
        console.print("[bold]What is missing:[/bold]")
        for message in report["missing"][:8]:
            console.print(f"  • {message}")
        if len(report["missing"]) > 8:
            console.print(f"  • … and {len(report['missing']) - 8} more (see --json)")


def _render_balance(console: Console, balance: dict) -> None:
    console.print("[bold]Balance[/bold]")
    hours = balance["hours_per_week"]
    if hours["mean"] is not None:
        console.print(f"  Hours: {hours['mean']:.1f} a week on average against your target of "
                      f"{balance['target_hours']:g} ({hours['weeks_over_target']} of {counted(hours['weeks'], 'week')} over).")
    off = balance["off_clock"]
    if off["hours"]:
        console.print(f"  Off the clock: {off['hours']:g} hours ({off['share']:.0%} of your hours, "
                      f"{entries_word(off['episodes'])}).")
    growth = balance["growth"]
    if growth["share"] is not None:
        console.print(f"  Growth work: {growth['share']:.0%} of the hours you marked growth or required "
                      f"({entries_word(growth['marked_episodes'])}).")
    draining = balance["draining"]
    if draining["share"] is not None:
        console.print(f"  On activities that drain you: {draining['share']:.0%} of your working time"
                      + (f" ({', '.join(draining['draining_activities'])})" if draining["draining_activities"] else "")
                      + ".")
    trend = balance["trend"]
    if trend["energy_change"] is not None:
        console.print(f"  Last 4 weeks ({trend['recent_weeks']}): {trend['hours_per_week_recent']:.1f} h/week "
                      f"(before: {trend['hours_per_week_before']:.1f}), energy {signed(trend['energy_change'])} "
                      f"points against the 4 weeks before ({trend['days_recent']} and {counted(trend['days_before'], 'day')}).")


def register(app: typer.Typer) -> None:
    """Add the insights command."""

    @app.command("insights")
    @context.user_errors
    def insights(
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
        since: str = typer.Option(None, "--since", help="Only entries on or after YYYY-MM-DD"),
    ) -> None:
        """What energizes and drains you, what you are best at, and your balance."""
        user = context.acting_user(apps="insights")
        from ownpath.insights.services import build_insights
        from ownpath.journal.validation import parse_optional_date

        since_date = parse_optional_date(since, field_name="since")
        report = build_insights(user, since=since_date)
        if as_json:
            typer.echo(json.dumps(report, indent=1, ensure_ascii=False))
            return
        from rich.console import Console

        render(Console(), report)
