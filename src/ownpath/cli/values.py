"""`ownpath values`: what you value in a job, by paired comparisons or direct ratings."""

from __future__ import annotations

import json

import click
import typer
from rich.console import Console
from rich.table import Table

from ownpath.cli import context
from ownpath.errors import UserInputError


def print_values(console: Console, summary: dict) -> None:
    """The values in order with words and shares, then the pay baseline and any contradictions."""
    if not summary["weights"]:
        console.print("No values set yet: run `ownpath values` to pick what matters in order, "
                      "or `ownpath values --order mentorship,learning,...`.")
    else:
        table = Table(title="What you value in a job")
        for column in ("value", "how much", "share (90%)", "in the order"):
            table.add_column(column, justify="right" if column.startswith("share") else "left")
        for w in summary["weights"]:
            table.add_row(w["label"], w["words"], f"{w['weight']:.0%} ({w['low']:.0%}–{w['high']:.0%})",
                          w["standing"] or "")
        console.print(table)
        if summary["based_on"]:
            console.print(summary["based_on"])
        questions = summary.get("questions")
        if questions and not questions["settled"]:
            left = questions["expected"] - questions["asked"]
            console.print(f"About {left} more question{'s' if left != 1 else ''} would settle your order "
                          "(`ownpath values`).")
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


def _sort(user, console: Console) -> bool:
    """Ask for the card sort: the values that matter, most important first. False if they stopped."""
    from ownpath.analytics.values_elicitation import VALUE_SLUGS, value_label
    from ownpath.options.services import set_ranking

    console.print("Which of these matter to you in a job? Type their numbers, most important first "
                  "(e.g. 3,1,7), or q to stop.")
    for number, slug in enumerate(VALUE_SLUGS, 1):
        console.print(f"  {number:2d}. {value_label(slug)}")
    while True:
        try:
            reply = typer.prompt("Your order").strip().lower()
        except click.exceptions.Abort:  # end of input
            return False
        if reply in ("q", "quit"):
            return False
        pieces = [p.strip() for p in reply.split(",") if p.strip()]
        slugs = [VALUE_SLUGS[int(p) - 1] if p.isdigit() and 1 <= int(p) <= len(VALUE_SLUGS) else p for p in pieces]
        try:
            set_ranking(user, slugs)
            return True
        except UserInputError as exc:
            console.print(f"{exc.message}; try again.")


def _ask(user, questions: int, console: Console) -> None:
    from ownpath.analytics.values_elicitation import question_for
    from ownpath.options.services import record_value_answer, value_question_plan

    plan = value_question_plan(user)
    if plan.settled:
        return
    console.print("A few questions settle the close calls in your order. "
                  "Answer 1 or 2 (or = for about equal, q to stop).")
    for _ in range(questions):
        plan = value_question_plan(user)
        if plan.settled:
            console.print("Your order is settled.")
            return
        first, second = plan.next
        while True:
            try:
                reply = typer.prompt(f"(question {plan.asked + 1} of about {plan.expected_total}) "
                                     f"{question_for((first, second))} [1/2/=/q]")
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
        order: str = typer.Option(None, "--order", help="The values that matter, most important first, "
                                                        "e.g. mentorship,learning,hands_on"),
        set_: str = typer.Option(None, "--set", help="Direct ratings 1–5, e.g. learning=5,mentorship=4"),
        baseline: float = typer.Option(None, "--baseline", help="The minimum yearly pay you need"),
        show: bool = typer.Option(False, "--show", help="Print your value weights"),
        as_json: bool = typer.Option(False, "--json", help="With --show: print JSON"),
        questions: int = typer.Option(15, "--questions", min=1, max=66,
                                      help="At most this many questions (they stop when your order is settled)"),
        reset: bool = typer.Option(False, "--reset", help="Forget your order and earlier answers first"),
    ) -> None:
        """Say what you value in a job: pick and order what matters, then a few 'which matters more?' questions."""
        user = context.acting_user()
        from ownpath.options.services import (reset_values_order, set_ranking, set_values, values_profile_for,
                                              values_summary)

        console = Console()
        if reset:
            removed = reset_values_order(user)
            if not as_json:
                console.print(f"Forgot your order and {removed} earlier answers.")
        if order is not None or set_ is not None or baseline is not None:
            from django.db import transaction

            with transaction.atomic():  # a bad field saves nothing
                if order is not None:
                    set_ranking(user, order)
                set_values(user, ratings=set_, baseline=baseline)
        elif not show and not as_json:
            profile = values_profile_for(user)
            if profile.ranking or profile.ratings or _sort(user, console):
                _ask(user, questions, console)
        summary = values_summary(user)
        if as_json:
            typer.echo(json.dumps(summary, indent=2))
        else:
            print_values(console, summary)
