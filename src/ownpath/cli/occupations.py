"""Occupation commands: `data onet` (load O*NET), `occupations search|show|fit`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from ownpath.analytics.plain_words import counted, signed
from ownpath.cli import context


def _money(value: float | None) -> str:
    return "—" if value is None else f"${value:,.0f}"


def _pay_range(pay: dict[str, Any]) -> str:
    if pay.get("annual_median") is None:
        if pay.get("hourly_median") is not None:
            return f"${pay['hourly_median']:.2f}/h"
        return "—"
    spread = ""
    if pay.get("annual_p25") is not None and pay.get("annual_p75") is not None:
        spread = f" ({_money(pay['annual_p25'])}–{_money(pay['annual_p75'])})"
    return _money(pay["annual_median"]) + spread


def _credit(console: Console, credit: str) -> None:
    console.print(f"[dim]Occupation data: {credit}.[/dim]")


def register(app: typer.Typer) -> None:
    """Add `ownpath data onet` and the `ownpath occupations` commands."""
    data_app = typer.Typer(help="Load reference data (O*NET occupations with BLS wages).",
                           no_args_is_help=True)
    app.add_typer(data_app, name="data")
    occupations_app = typer.Typer(help="Occupations: match job titles, see pay and how roles would feel.",
                                  no_args_is_help=True)
    app.add_typer(occupations_app, name="occupations")

    @data_app.command("onet")
    @context.user_errors
    def data_onet(
        paths: list[Path] = typer.Argument(..., help="Folder(s) of an O*NET text release; a file found in "
                                                     "an earlier folder wins (e.g. onet-29.3 onet-27.0)"),
        no_pay: bool = typer.Option(False, "--no-pay", help="Do not attach BLS OEWS wages"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    ) -> None:
        """Load (or reload) an O*NET text release; loading the same release again changes nothing."""
        context.setup_django()
        from ownpath.occupations.services import load_onet_release, onet_credit

        summary = load_onet_release(paths, with_pay=not no_pay)
        if as_json:
            typer.echo(json.dumps({
                "version": summary.version, "changed": summary.changed,
                "tables": {name: vars(t) for name, t in summary.tables.items()},
                "missing_files": summary.missing_files, "ignored_rows": summary.ignored_rows,
                "pay_note": summary.pay_note, "seconds": round(summary.seconds, 2),
                "credit": onet_credit(summary.version)}, indent=2))
            return
        console = Console()
        table = Table(title=f"O*NET {summary.version} loaded in {summary.seconds:.1f} s"
                            + ("" if summary.changed else " — already up to date, nothing changed"))
        for column in ("table", "rows", "created", "updated", "deleted"):
            table.add_column(column, justify="left" if column == "table" else "right")
        for name, t in summary.tables.items():
            table.add_row(name, str(t.total), str(t.created), str(t.updated), str(t.deleted))
        console.print(table)
        if summary.missing_files:
            console.print("not in the release (left as they were): " + ", ".join(summary.missing_files))
        from ownpath.occupations.services import occupation_data_status

        status = occupation_data_status()
        if status["fix"]:
            console.print(status["fix"][:1].upper() + status["fix"][1:] + ".")
        if summary.ignored_rows:
            console.print(f"{summary.ignored_rows} row(s) named occupations absent from Occupation Data and were skipped")
        if summary.pay_note:
            console.print(f"pay: {summary.pay_note}")
        _credit(console, onet_credit(summary.version))

    @data_app.command("bundled")
    @context.user_errors
    def data_bundled() -> None:
        """Load the occupation data shipped with ownpath (O*NET 29.3, BLS OEWS May 2025 pay) over what is there."""
        context.setup_django()
        from ownpath.occupations.services import load_reference_data, onet_credit

        summary = load_reference_data()
        console = Console()
        console.print(f"O*NET {summary.version} (shipped with ownpath) loaded in {summary.seconds:.1f} s"
                      + ("" if summary.changed else " — already up to date, nothing changed"))
        _credit(console, onet_credit(summary.version))

    @occupations_app.command("search")
    @context.user_errors
    def search(
        title: str = typer.Argument(..., help='A job title in your own words, e.g. "regional sales director"'),
        limit: int = typer.Option(10, "--limit", "-n", help="How many occupations to show"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    ) -> None:
        """Match a job title to O*NET occupations (abbreviations, word order and typos are fine)."""
        context.setup_django()
        from ownpath.occupations.services import onet_credit, search_occupations

        matches = search_occupations(title, limit=limit)
        if as_json:
            typer.echo(json.dumps({"query": title, "matches": matches, "credit": onet_credit()}, indent=2))
            return
        console = Console()
        if not matches:
            console.print(f"no occupation matches '{title}'")
            return
        table = Table(title=f"Occupations for “{title}”")
        for column in ("code", "occupation", "score", "closest title", "job zone", "median pay"):
            table.add_column(column, justify="right" if column in ("score", "job zone", "median pay") else "left")
        for m in matches:
            table.add_row(m["code"], m["title"], f"{m['score']:.2f}", m["matched_title"],
                          str(m["job_zone"] or "—"), _money(m["pay_annual_median"]))
        console.print(table)
        _credit(console, onet_credit())

    @occupations_app.command("show")
    @context.user_errors
    def show(
        code: str = typer.Argument(..., help="O*NET-SOC code, e.g. 11-2022.00"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    ) -> None:
        """One occupation: pay, job zone, where its working week goes, work values, interests."""
        context.setup_django()
        from ownpath.occupations.services import occupation_detail

        detail = occupation_detail(code)
        if as_json:
            typer.echo(json.dumps(detail, indent=2))
            return
        console = Console()
        console.print(f"[bold]{detail['code']} {detail['title']}[/bold]  job zone {detail['job_zone'] or '—'}")
        console.print(detail["description"])
        pay = detail["pay"]
        console.print(f"national pay: median {_pay_range(pay)}"
                      + (f" [{pay['release']}]" if pay.get("release") else "")
                      + (f" — {pay['note']}" if pay.get("note") else ""))
        if detail["activities"]:
            table = Table(title="A 40-hour week, by O*NET tasks")
            table.add_column("activity")
            table.add_column("share", justify="right")
            table.add_column("hours", justify="right")
            for a in detail["activities"]:
                table.add_row(a["label"], f"{a['share']:.0%}", f"{a['share'] * 40:.1f}")
            console.print(table)
        else:
            console.print(detail["profile_missing"][:1].upper() + detail["profile_missing"][1:] + ".")
        if detail["work_values"]:
            console.print("work values (1–7): " + ", ".join(f"{k} {v:.1f}" for k, v in detail["work_values"].items()))
        if detail["interests"]:
            console.print("interests (1–7): " + ", ".join(f"{k} {v:.1f}" for k, v in detail["interests"].items()))
        _credit(console, detail["credit"])

    @occupations_app.command("fit")
    @context.user_errors
    def fit(
        min_pay: float = typer.Option(None, "--min-pay", help="Leave out occupations with a lower national "
                                                              "median (default: your pay baseline)"),
        job_zone: int = typer.Option(None, "--job-zone", help="Only this job zone (1 little … 5 extensive preparation)"),
        limit: int = typer.Option(15, "--limit", "-n", help="How many occupations to show"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    ) -> None:
        """Roles that pay for what you love: occupations ranked by the energy your journal predicts."""
        user = context.acting_user()
        from ownpath.occupations.services import occupation_fit

        report = occupation_fit(user, min_pay=min_pay, job_zone=job_zone, limit=limit)
        if as_json:
            typer.echo(json.dumps(report, indent=2))
            return
        from ownpath.analytics.forecast import MIN_EPISODES  # here, not at start-up: it imports SciPy

        console = Console()
        heading = "Roles that pay for what you love"
        if report["min_pay"]:
            heading += f" — paying at least {_money(report['min_pay'])} ({report['min_pay_source']})"
        table = Table(title=heading)
        for column in ("occupation", "predicted energy (90%)", "pay: median (25th–75th)", "zone", "what drives it"):
            table.add_column(column)
        for r in report["results"]:
            drivers = ", ".join(
                f"{d['label']} {d['share']:.0%} ({'you: ' + format(d['effect'], '+.1f') if d['logged'] else f'fewer than {MIN_EPISODES} entries yet'})"
                for d in r["drivers"])
            table.add_row(f"{r['title']} ({r['code']})",
                          f"{signed(r['energy'], 2)} ({signed(r['low'], 2)} to {signed(r['high'], 2)})",
                          _pay_range(r["pay"]), str(r["job_zone"] or "—"), drivers)
        console.print(table)
        if report["left_out_without_pay"]:
            console.print(f"{report['left_out_without_pay']} occupation(s) without a published annual median were left out.")
        if report.get("n_episodes"):
            few = report["n_episodes"] < 20
            console.print(f"Based on {counted(report['n_episodes'], 'journal entry', 'journal entries')}"
                          + (" — still few: the intervals are wide and the order may change as you log more."
                             if few else "."))
        console.print("Energy is on your journal's scale (-2 drained … +2 energized); activities you have not "
                      "logged count as unknown, which widens the interval.")
        _credit(console, report["credit"])
