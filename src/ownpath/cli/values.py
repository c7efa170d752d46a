"""`ownpath values`: what you value in a job, by paired comparisons or direct ratings."""

from __future__ import annotations

import json

import click
import typer
from rich.console import Console
from rich.table import Table

from ownpath.cli import context


def print_values(console: Console, summary: dict) -> None:
    """The weights as a table, then the pay baseline and any contradictions in plain words."""
    if not summary["weights"]:
        console.print("No values set yet: run `ownpath values` to answer a dozen quick questions, "
                      "or `ownpath values --set learning=5,mentorship=4,...`.")
    else:
        how = {"comparisons": f"from {summary['answers']} answers", "ratings": "from your direct ratings"}
        table = Table(title=f"What you value in a job ({how.get(summary['method'], summary['method'])})")
        table.add_column("value")
        table.add_column("weight", justify="right")
        if summary["method"] == "comparisons":
            table.add_column("90% interval", justify="right")
        for w in summary["weights"]:
            row = [w["label"], f"{w['weight']:.0%}"]
            if summary["method"] == "comparisons":
                row.append(f"{w['low']:.0%} – {w['high']:.0%}")
            table.add_row(*row)
        console.print(table)
    baseline = summary["pay_baseline"]
    console.print(f"Pay baseline: {baseline:,.0f}" if baseline is not None
                  else "Pay baseline: not set (`ownpath values --baseline 90000`)")
    if summary["agreement"] is not None:
        console.print(f"{summary['agreement']:.0%} of your answers agree with these weights.")
    for c in summary["contradictions"]:
        console.print(f"[yellow]Contradiction:[/yellow] {c['explanation']}")
    if summary["contradictions"]:
        console.print("Run `ownpath values` again to answer more: repeated answers on a pair outvote a "
                      "slip, or start over with `ownpath values --reset`.")


def _ask(user, questions: int, console: Console) -> None:
    from ownpath.analytics.values_elicitation import question_for
    from ownpath.options.services import next_value_question, record_value_answer

    console.print("Answer 1 or 2 (or = for about equal, q to stop).")
    for number in range(1, questions + 1):
        first, second = next_value_question(user)
        while True:
            try:
                reply = typer.prompt(f"({number}/{questions}) {question_for((first, second))} [1/2/=/q]")
            except click.exceptions.Abort:  # end of input
                return
            reply = reply.strip().lower()
            if reply in ("q", "quit"):
                return
            choice = {"1": first, "2": second, "=": None, first: first, second: second}.get(reply, "?")
            if choice != "?":
                record_value_answer(user, first, second, choice)
                break
            console.print("Please answer 1, 2, = or q.")


def register(app: typer.Typer) -> None:
    """Add the values command."""

    @app.command("values")
    @context.user_errors
    def values(
        set_: str = typer.Option(None, "--set", help="Direct ratings 1–5, e.g. learning=5,mentorship=4"),
        baseline: float = typer.Option(None, "--baseline", help="The minimum yearly pay you need"),
        show: bool = typer.Option(False, "--show", help="Print your value weights"),
        as_json: bool = typer.Option(False, "--json", help="With --show: print JSON"),
        questions: int = typer.Option(12, "--questions", min=1, max=66, help="How many questions to ask"),
        reset: bool = typer.Option(False, "--reset", help="Forget earlier paired-comparison answers first"),
    ) -> None:
        """Find out what you value in a job: a dozen 'which matters more?' questions, or --set ratings."""
        user = context.acting_user()
        from ownpath.options.services import reset_value_answers, set_values, values_summary

        console = Console()
        if reset:
            removed = reset_value_answers(user)
            if not as_json:
                console.print(f"Forgot {removed} earlier answers.")
        if set_ is not None or baseline is not None:
            set_values(user, ratings=set_, baseline=baseline)
        elif not show and not as_json:
            _ask(user, questions, console)
        summary = values_summary(user)
        if as_json:
            typer.echo(json.dumps(summary, indent=2))
        else:
            print_values(console, summary)
