"""`ownpath demo`: a generated journal in a separate database, and what ownpath makes of it."""

from __future__ import annotations

import typer
from rich.console import Console

from ownpath.analytics.plain_words import counted, entries_word
from ownpath.cli import context
from ownpath.cli import insights as insights_cli


def register(app: typer.Typer) -> None:
    """Add the demo command."""

    @app.command("demo")
    @context.user_errors
    def demo(
        persona: str = typer.Option("research_analyst", help="research_analyst, top_salesperson, people_coach or coaching_analyst"),
        weeks: int = typer.Option(12, min=1, max=520, help="Weeks of journal to generate"),
        seed: int = typer.Option(7, help="Random seed (same seed, same journal)"),
    ) -> None:
        """Fill a separate demo database with a realistic 12-week journal and show what ownpath makes of it."""
        user = context.acting_user(context.demo_database_url())
        from ownpath.cli.options import print_comparison
        from ownpath.demo.personas import PERSONAS
        from ownpath.demo.services import fill_demo_journal
        from ownpath.demo.workplace import fill_demo_workplace
        from ownpath.insights.services import build_insights
        from ownpath.occupations.services import ensure_reference_data, prepare_title_search
        from ownpath.demo.options import add_demo_options
        from ownpath.options.services import compare_json

        # Everything is written first: the workplace moves entries (the person kept to an
        # agreement) and colleagues share for the figures, so a summary printed before that
        # would disagree with the web app on the same journal.
        summary = fill_demo_journal(user, persona, weeks=weeks, seed=seed)
        add_demo_options(user, persona)
        workplace = fill_demo_workplace(user)
        loaded = ensure_reference_data()
        prepare_title_search()

        console = Console()
        chosen = PERSONAS[persona]
        console.print(f"[bold]Demo journal[/bold]: {chosen.title} who {chosen.summary}.")
        console.print(f"{entries_word(summary['imported'])} over {counted(weeks, 'week')}, "
                      f"in {context.demo_database_url()}\n")
        insights_cli.render(console, build_insights(user))
        # The question the product exists for: would the promotion on offer feel like their dream?
        console.print()
        print_comparison(console, compare_json(user))
        if loaded is not None:
            console.print(f"\nOccupations: O*NET {loaded.version} with BLS pay, shipped with ownpath, "
                          f"loaded in {loaded.seconds:.1f} s")
        console.print(f"\n[bold]Demo workplace[/bold]: {workplace['organisation']}; your manager "
                      f"{workplace['manager']} and you have a career conversation coming up (Conversations in the "
                      "web app: switch between being the person and being the manager; as the manager, Team & "
                      "sharing shows the anonymous team and organisation figures your colleagues share).")
        console.print(f"\nTry: ownpath --db {context.demo_database_url()} insights --json  (or compare, journal)")
