"""`ownpath option ...` and `ownpath compare`: the jobs you weigh and how each would feel."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from ownpath.analytics.plain_words import signed
from ownpath.cli import context

SET_BY_HELP = "Who set this as a goal: me, manager, family or expected"


def _mix_text(mix: dict) -> str:
    return ", ".join(f"{slug} {hours:g}" for slug, hours in mix.items())


def print_comparison(console: Console, data: dict) -> None:
    """A table of options against the current role, then each option's explanation."""
    for warning in data.get("warnings", []):
        console.print(f"[yellow]{warning['kind'].replace('_', ' ').capitalize()}:[/yellow] {warning['message']}")
    table = Table(title="Your options, forecast from your own journal")
    for column in ("option", "energy (90%)", "P(better)", "values", "flags"):
        table.add_column(column, justify="left" if column in ("option", "flags") else "right",
                         overflow="fold")
    rows = ([data["current"] | {"name": data["current"]["name"] + " (now)"}] if data["current"] else [])
    rows += data["options"]
    from ownpath.analytics.forecast import chance_words  # here, not at start-up: it imports SciPy

    for row in rows:
        energy = row["energy"]
        p_better = row["p_better_than_current"]
        fit = row["values_fit"]
        table.add_row(row["name"], f"{signed(energy['estimate'], 2)}\n{signed(energy['low'], 2)}..{signed(energy['high'], 2)}",
                      "—" if p_better is None else chance_words(p_better),
                      "—" if fit is None else f"{fit:.0%}" + (
                          f"\n{row['values_fit_interval'][0]:.0%}..{row['values_fit_interval'][1]:.0%}"
                          if row.get("values_fit_interval") else ""),
                      "\n".join(f.replace("_", " ") for f in row["flags"]))
    console.print(table)
    if not data.get("episodes"):
        console.print("Your journal has no entries yet, so these forecasts rest on a wide prior alone: "
                      "log a few weeks of work first (`ownpath log`).")
    if not data["current"]:
        console.print("No current role yet: mark one with `ownpath option edit NAME --current`.")
    if not data.get("values_set"):
        console.print("Values fit needs your values: `ownpath values`.")
    for row in data["options"]:
        console.print(f"\n[bold]{row['name']}[/bold]: {row['explanation']}")
        day = (data.get("day_length") or {}).get(row["name"])
        if day:
            console.print(f"  Length of the day: {day['words']}")


def print_forecasts(console: Console, data: dict) -> None:
    """Each kept forecast against what was lived (or what is still missing), then the calibration."""
    if not data["forecasts"]:
        console.print("No forecasts kept yet. When you take an option, run `ownpath option took NAME --on DATE`; "
                      "ownpath keeps its forecast and scores it after 8 weeks of entries.")
        return
    for item in data["forecasts"]:
        energy = item["forecast"]["energy"]
        what = "took" if item["kind"] == "option" else "agreed"
        console.print(f"\n[bold]{item['name']}[/bold] ({what} from {item['started_on']}; id {item['id']})")
        if item["score"]:
            console.print("  " + item["score"]["sentence"])
        else:
            chance = item["forecast"]["p_better"]
            console.print(f"  Forecast {signed(energy['estimate'], 2)} ({signed(energy['low'], 2)} to "
                          f"{signed(energy['high'], 2)})" + ("" if chance is None else f", {chance:.0%} chance "
                                                             "it feels better") + ".")
            console.print(f"  {item['missing']}")
    console.print("\n" + data["calibration"]["sentence"])


def register(app: typer.Typer) -> None:
    """Add the option commands and compare."""
    option_app = typer.Typer(help="The jobs you weigh: current role, offers, promotions, targets.",
                             no_args_is_help=True)
    app.add_typer(option_app, name="option")
    # `ownpath options ...` reads as naturally as `ownpath option ...`: the same commands.
    app.add_typer(option_app, name="options", hidden=True)

    @option_app.command("add")
    @context.user_errors
    def option_add(
        name: str = typer.Argument(..., help="A name, e.g. 'Director of research'"),
        mix: str = typer.Option(None, "--mix", help="Hours per week per activity, e.g. managing=20,meetings=10"),
        pay: float = typer.Option(None, "--pay", help="Yearly pay"),
        hours: float = typer.Option(None, "--hours", help="Hours per week (default: the mix's total)"),
        rate: str = typer.Option(None, "--rate", help="How it does on your values, 1–5: mentorship=4,learning=2"),
        current: bool = typer.Option(False, "--current", help="This is your current role"),
        target: bool = typer.Option(False, "--target", help="A target role: where you want to be"),
        set_by: str = typer.Option("me", "--set-by", help=SET_BY_HELP),
        occupation: str = typer.Option(None, "--occupation",
                                       help="Prefill mix and pay from an O*NET occupation, e.g. 11-2022.00"),
        title: str = typer.Option(None, "--title", help="Prefill from the occupation best matching a job title"),
    ) -> None:
        """Add an option to judge (type the mix, or prefill it from an occupation)."""
        user = context.acting_user()
        from ownpath.occupations.services import add_option_from_occupation
        from ownpath.options.services import option_mix

        option = add_option_from_occupation(user, name, mix=mix, pay=pay, hours=hours, ratings=rate, current=current,
                                            set_by=set_by, target=target, occupation=occupation,
                                            occupation_title=title)
        typer.echo(f"added option {option.name!r}")
        if option.prefilled_from:
            typer.echo(f"  prefilled from {option.prefilled_from['title']} ({option.prefilled_from['code']})"
                       + (f", the occupation best matching {title!r}" if title and not occupation else ""))
        if option.demoted:
            typer.echo(f"  it is now your current role; {option.demoted!r} no longer is")
        if occupation or title:
            typer.echo(f"  mix: {_mix_text(option_mix(option))}; pay: "
                       + (f"{option.pay:,.0f}" if option.pay else "unknown") + " (edit with `ownpath option edit`)")

    @option_app.command("list")
    @context.user_errors
    def option_list(as_json: bool = typer.Option(False, "--json", help="Print JSON")) -> None:
        """List your options."""
        user = context.acting_user()
        from ownpath.options.services import option_as_dict, options_for

        rows = [option_as_dict(o) for o in options_for(user)]
        if as_json:
            typer.echo(json.dumps(rows, indent=2))
            return
        table = Table(title="Your options")
        for column in ("option", "hours/week", "pay", "set by", "activity mix"):
            table.add_column(column)
        for row in rows:
            tag = " (now)" if row["current"] else (" (target)" if row["target"] else "")
            table.add_row(row["name"] + tag, f"{row['hours']:g}",
                          "" if row["pay"] is None else f"{row['pay']:,.0f}", row["set_by"], _mix_text(row["mix"]))
        Console().print(table)

    @option_app.command("edit")
    @context.user_errors
    def option_edit(
        name: str = typer.Argument(..., help="The option to change"),
        new_name: str = typer.Option(None, "--name", help="Rename it"),
        mix: str = typer.Option(None, "--mix", help="Hours per activity to change (0 drops one)"),
        replace_mix: bool = typer.Option(False, "--replace-mix", help="Replace the whole mix instead of merging"),
        pay: float = typer.Option(None, "--pay"),
        hours: float = typer.Option(None, "--hours"),
        rate: str = typer.Option(None, "--rate", help="Ratings 1–5 to change"),
        current: bool = typer.Option(None, "--current/--not-current"),
        target: bool = typer.Option(None, "--target/--not-target"),
        set_by: str = typer.Option(None, "--set-by", help=SET_BY_HELP),
    ) -> None:
        """Change an option."""
        user = context.acting_user()
        from ownpath.options.services import edit_option

        option = edit_option(user, name, new_name=new_name, mix=mix, replace_mix=replace_mix, pay=pay,
                             hours=hours, ratings=rate, current=current, target=target, set_by=set_by)
        typer.echo(f"updated option {option.name!r}")

    @option_app.command("remove")
    @context.user_errors
    def option_remove(name: str = typer.Argument(..., help="The option to remove")) -> None:
        """Remove an option."""
        user = context.acting_user()
        from ownpath.options.services import remove_option

        remove_option(user, name)
        typer.echo(f"removed option {name!r}")

    @option_app.command("from-journal")
    @context.user_errors
    def option_from_journal(weeks: int = typer.Option(4, "--weeks", min=1, max=52,
                                                      help="Finished weeks to average")) -> None:
        """Use your recent weeks (hours per activity, from the journal) as your current role's mix."""
        user = context.acting_user()
        from ownpath.options.services import current_role_from_journal, option_mix

        option = current_role_from_journal(user, weeks)
        mix = ", ".join(f"{slug} {hours:g}" for slug, hours in sorted(option_mix(option).items(), key=lambda kv: -kv[1]))
        typer.echo(f"{option.name!r} (current role) now has your recent weeks' mix: {mix} "
                   f"(from {option.weeks_counted} week(s) with entries)")

    @option_app.command("took")
    @context.user_errors
    def option_took(
        name: str = typer.Argument(..., help="The option you took"),
        on: str = typer.Option(None, "--on", help="The first day of it, YYYY-MM-DD (default today)"),
    ) -> None:
        """You took this option: ownpath keeps its forecast to score it against the weeks you then live."""
        user = context.acting_user()
        from ownpath.options.forecasts import took_option

        record = took_option(user, name, on)
        typer.echo(f"{record.name!r} is now your current role, from {record.started_on}.")
        typer.echo(f"Kept ownpath's forecast: energy {signed(record.energy, 2)} "
                   f"({signed(record.energy_low, 2)} to {signed(record.energy_high, 2)})"
                   + ("" if record.p_better is None else f", {record.p_better:.0%} chance it feels better")
                   + f", from {record.journal_entries} journal entries.")
        typer.echo("After 8 weeks of entries, `ownpath forecasts` shows it against what you lived.")

    @app.command("forecasts")
    @context.user_errors
    def forecasts(
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
        forget: int = typer.Option(None, "--forget", help="Remove the kept forecast with this id"),
    ) -> None:
        """ownpath's forecasts of the changes you made, against what you then lived, and how well calibrated it is."""
        user = context.acting_user()
        from ownpath.options.forecasts import forecasts_for, forget_forecast

        if forget is not None:
            forget_forecast(user, forget)
            if not as_json:
                typer.echo(f"forgot forecast {forget}")
        data = forecasts_for(user)
        if as_json:
            typer.echo(json.dumps(data, indent=2))
            return
        print_forecasts(Console(), data)

    @app.command("compare")
    @context.user_errors
    def compare(as_json: bool = typer.Option(False, "--json", help="Print JSON")) -> None:
        """Forecast each option against your current role: energy, values, pay, hours, flags."""
        user = context.acting_user()
        from ownpath.options.services import compare_json

        data = compare_json(user)
        if as_json:
            typer.echo(json.dumps(data, indent=2))
        else:
            print_comparison(Console(), data)
