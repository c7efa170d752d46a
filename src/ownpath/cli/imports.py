"""Import commands: `import` (any format, preview, progress), `rules`, `daylio-mapping`, `rate`."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ownpath.analytics.plain_words import counted, entries_word
from ownpath.cli import context
from ownpath.errors import UserInputError

PROGRESS_FROM = 1000  # rows; shorter imports finish before a bar would be read


def _interactive() -> bool:
    return sys.stdin.isatty()


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserInputError(f"cannot read {path}: {exc.strerror}") from None


def _parse_pairs(pairs: list[str], what: str) -> dict[str, str]:
    result = {}
    for pair in pairs:
        name, sep, value = pair.rpartition("=")
        if not sep or not name.strip():
            raise UserInputError(f"{what}: expected NAME=VALUE, got {pair!r}")
        result[name.strip().lower()] = value.strip().lower()
    return result


def _print_plan(console: Console, plan, labels: dict[str, str]) -> None:
    """Preview: the first rows, hours per activity, and what will not be imported."""
    rows = [(r.date, r.start_time, r.hours, r.activity, r.energy, r.note) for _, r in plan.episodes[:8]]
    rows += [(r.date, r.start_time, r.hours, r.activity, r.energy, r.title or r.note)
             for _, r in plan.pending[:8 - len(rows)]]
    if rows:
        table = Table(title=f"Preview ({plan.file_format}): first {len(rows)} of {plan.total}")
        for column in ("date", "start", "hours", "activity", "energy", "title / note"):
            table.add_column(column)
        for day, start, hours, activity, energy, text in rows:
            table.add_row(str(day), start.strftime("%H:%M") if start else "", f"{hours:g}" if hours else "",
                          labels.get(activity or "", activity or "[i]unassigned[/i]"),
                          "" if energy is None else f"{energy:+d}", (text or "").split("\n")[0][:60])
        console.print(table)
    hours = plan.hours_by_activity()
    if hours:
        summary = Table(title="Summary: hours by activity")
        summary.add_column("activity")
        summary.add_column("hours", justify="right")
        for slug, total in hours.most_common():
            summary.add_row(labels.get(slug, slug) if slug else "unassigned", f"{total:.1f}")
        console.print(summary)
    console.print(f"{counted(len(plan.episodes), 'new journal entry', 'new journal entries')}, "
                  f"{len(plan.pending)} waiting for your rating, "
                  f"{plan.duplicates} already imported (skipped)")
    if plan.skipped:
        reasons = Counter(reason.split(" on ")[0].split(" (")[0] for _, reason in plan.skipped)
        console.print("left out: " + ", ".join(f"{n} {reason}" for reason, n in reasons.most_common()))
        unreadable = [(where, reason) for where, reason in plan.skipped if reason.startswith("cannot be read")]
        for where, reason in unreadable[:20]:
            console.print(f"  {where}: {reason}", markup=False, highlight=False)
        if len(unreadable) > 20:
            console.print(f"  … and {len(unreadable) - 20} more")
    if plan.unassigned:
        console.print(f"{sum(len(g.records) for g in plan.unassigned)} event(s) in {len(plan.unassigned)} group(s) "
                      "have no activity yet (you assign them in `ownpath rate`, "
                      "or add a rule with `ownpath rules add`):")
        for group in plan.unassigned[:10]:
            console.print(f"  {group.title[:60]!r}: {len(group.records)}×, {group.hours:.1f} h")
    for note in plan.notes:
        console.print(f"[dim]{note}[/dim]")


def _confirm_moods(console: Console, needs, assume_yes: bool, options) -> None:
    """Ask once for the level of each renamed Daylio mood (proposal as the default); kept in the options
    and added to the mood scale only when the import is saved."""
    if not needs.moods:
        return
    table = Table(title="Your renamed Daylio moods → energy (-2 drained … +2 energized)")
    for column in ("mood", "entries", "proposed level"):
        table.add_column(column)
    ordered = sorted(needs.moods, key=lambda m: (-needs.moods[m], m))
    for mood in ordered:
        table.add_row(mood, str(needs.moods[mood]), f"{needs.mood_levels.get(mood, 0):+d}")
    if assume_yes:
        console.print(table)
        options.mood_levels.update({m: needs.mood_levels.get(m, 0) for m in ordered})
        return
    if not _interactive():
        Console(stderr=True).print(table)  # the activity table follows; then the command stops
        return
    console.print(table)
    console.print("Type a level from -2 to 2 for each mood, Enter to accept the proposal.")
    for mood in ordered:
        while True:
            answer = typer.prompt(f"  {mood}", default=f"{needs.mood_levels.get(mood, 0):+d}").strip()
            try:
                level = int(answer.replace("+", ""))
            except ValueError:
                level = None
            if level is not None and -2 <= level <= 2:
                options.mood_levels[mood] = level
                break
            console.print(f"  {answer!r} is not a level from -2 to 2")


def _confirm_daylio_mapping(console: Console, user, needs, assume_yes: bool, options=None) -> None:
    from ownpath.imports.formats.daylio import confirm_daylio_mapping
    from ownpath.journal.services import activity_labels

    if options is not None:
        _confirm_moods(console, needs, assume_yes, options)
    if not needs.counts:
        if needs.moods and not assume_yes and not _interactive():
            raise needs
        return
    labels = activity_labels(user)
    table = Table(title="Your Daylio activities → ownpath activities (confirm once)")
    for column in ("Daylio activity", "entries", "suggested"):
        table.add_column(column)
    for name, count in sorted(needs.counts.items(), key=lambda kv: -kv[1]):
        suggestion = needs.suggestions.get(name)
        table.add_row(name, str(count), labels.get(suggestion, "not work") if suggestion else "not work")
    if assume_yes:
        console.print(table)
        confirm_daylio_mapping(user, needs.suggestions)
        return
    if not _interactive():
        Console(stderr=True).print(table)
        raise needs
    console.print(table)
    console.print("Type an activity slug for each, '-' for not work, Enter to accept the suggestion.")
    chosen = {}
    for name in sorted(needs.counts, key=lambda n: -needs.counts[n]):
        default = needs.suggestions.get(name) or "-"
        while True:
            answer = typer.prompt(f"  {name}", default=default).strip().lower()
            if answer in ("-", "") or answer in labels:
                chosen[name] = None if answer in ("-", "") else answer
                break
            console.print(f"  unknown activity {answer!r}; see `ownpath activities`")
    confirm_daylio_mapping(user, chosen)


def register(app: typer.Typer) -> None:
    """Add the import, rules, daylio-mapping and rate commands."""

    @app.command("import")
    @context.user_errors
    def import_(
        file: Path = typer.Argument(..., help="A calendar (.ics), Daylio CSV, spreadsheet CSV or ownpath export"),
        file_format: str = typer.Option("auto", "--format", "-f",
                                        help="auto, ics, daylio, csv (with --map), ownpath-csv, ownpath-json or json"),
        column_map: str = typer.Option(None, "--map", help="Spreadsheet columns, e.g. date=Day,energy=Mood,hours=Time"),
        energy_range: str = typer.Option(None, "--energy-range", help="Scale of the energy column, e.g. 1..5"),
        date_format: str = typer.Option(None, "--date-format",
                                        help="strftime format of the date column, e.g. %d/%m/%Y"),
        encoding: str = typer.Option(None, "--encoding", help="Text encoding if not UTF-8, e.g. cp1252"),
        hours: float = typer.Option(None, "--hours", min=0.01, max=24,
                                    help="Hours for rows without a duration (Daylio: default 1)"),
        since: str = typer.Option(None, "--since", help="Calendar: first day to import (default: earliest event)"),
        until: str = typer.Option(None, "--until", help="Calendar: last day to import (default: today)"),
        tz: str = typer.Option(None, "--tz", help="Your time zone for calendar times, e.g. Europe/Berlin"),
        map_activity: list[str] = typer.Option([], "--map-activity",
                                               help="NAME=SLUG for activity names in the file (repeatable)"),
        yes: bool = typer.Option(False, "--yes", "-y", help="Import without asking; accept suggested mappings"),
        dry_run: bool = typer.Option(False, "--dry-run", help="Show the preview and summary only"),
    ) -> None:
        """Import a file: the format is detected, a preview is shown, and all of it is saved or nothing."""
        user = context.acting_user()
        from ownpath.imports.formats.daylio import NeedsActivityMapping
        from ownpath.imports.planning import ImportOptions, apply_import, plan_import
        from ownpath.journal.services import activity_labels
        from ownpath.journal.validation import parse_optional_date

        since_date = parse_optional_date(since, field_name="since")
        until_date = parse_optional_date(until, field_name="until")
        options = ImportOptions(
            file_format=file_format, column_map=column_map, energy_range=energy_range, date_format=date_format,
            encoding=encoding, default_hours=hours, since=since_date, until=until_date, time_zone=tz,
            activity_names=_parse_pairs(map_activity, "--map-activity"),
        )
        console = Console()
        from ownpath.imports import limits

        try:
            size = file.stat().st_size
        except OSError:
            size = 0  # _read_bytes says why it cannot be read
        if size > limits.MAX_IMPORT_BYTES:  # refused before a huge file is read into memory
            raise UserInputError(f"{file.name}: {limits.size_message(size)}")
        data = _read_bytes(file)
        try:
            plan = plan_import(user, data, file.name, options)
        except NeedsActivityMapping as needs:
            _confirm_daylio_mapping(console, user, needs, yes, options)
            plan = plan_import(user, data, file.name, options)
        _print_plan(console, plan, activity_labels(user))
        if dry_run:
            console.print("dry run: nothing imported")
            return
        if _interactive() and not yes and plan.total:
            if not typer.confirm(f"Import {entries_word(plan.total)}?", default=True):
                console.print("nothing imported")
                return
        if plan.total >= PROGRESS_FROM:
            with Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                          console=Console(stderr=True), transient=True) as bar:
                task = bar.add_task("import", total=plan.total)
                summary = apply_import(user, plan, lambda done, total: bar.update(task, completed=done))
        else:
            summary = apply_import(user, plan)
        message = f"imported {entries_word(summary['imported'])}"
        if summary.get("pending"):
            message += f", {summary['pending']} waiting for your rating (`ownpath rate`)"
        if summary.get("skipped_duplicates"):
            message += f", skipped {summary['skipped_duplicates']} already in your journal"
        typer.echo(message)

    rules_app = typer.Typer(help="Rules that give calendar events their activity (first match wins).",
                            invoke_without_command=True)
    app.add_typer(rules_app, name="rules")

    @rules_app.callback()
    @context.user_errors
    def rules(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON")) -> None:
        """List your rules, numbered in the order they are tried."""
        if ctx.invoked_subcommand:
            return
        _print_rules(as_json)

    @rules_app.command("list")
    @context.user_errors
    def rules_list(as_json: bool = typer.Option(False, "--json", help="Print JSON")) -> None:
        """List your rules, numbered in the order they are tried (same as `ownpath rules`)."""
        _print_rules(as_json)

    def _print_rules(as_json: bool) -> None:
        user = context.acting_user()
        from ownpath.imports.rules import rule_data_for

        data = rule_data_for(user)
        if as_json:
            typer.echo(json.dumps(data, indent=1, ensure_ascii=False))
            return
        table = Table(title="Your rules (first match wins)")
        for column in ("#", "activity", "keywords", "organiser", "attendees", "name"):
            table.add_column(column)
        for number, rule in enumerate(data, start=1):
            low, high = rule.get("min_attendees"), rule.get("max_attendees")
            attendees = ("" if low is None and high is None
                         else f"{low if low is not None else 0}–{high if high is not None else '∞'}")
            table.add_row(str(number), rule["activity"], ", ".join(rule.get("keywords", [])),
                          ", ".join(rule.get("organiser", [])), attendees, rule.get("name", ""))
        Console().print(table)

    @rules_app.command("add")
    @context.user_errors
    def rules_add(
        activity: str = typer.Argument(..., help="Activity slug the rule assigns"),
        keyword: list[str] = typer.Option([], "--keyword", "-k", help="Word or phrase in the title (repeatable)"),
        organiser: list[str] = typer.Option([], "--organiser", help="Part of the organiser's address or name"),
        min_attendees: int = typer.Option(None, "--min-attendees", min=0),
        max_attendees: int = typer.Option(None, "--max-attendees", min=0),
        name: str = typer.Option("", "--name", help="A name for the rule"),
        last: bool = typer.Option(False, "--last", help="Try it after the others (default: first)"),
    ) -> None:
        """Add a rule."""
        user = context.acting_user()
        from ownpath.imports.rules import add_rule

        rules_now = add_rule(user, activity, keyword, organiser, min_attendees, max_attendees, name, first=not last)
        typer.echo(f"added; you have {counted(len(rules_now), 'rule')}")

    @rules_app.command("remove")
    @context.user_errors
    def rules_remove(number: int = typer.Argument(..., help="Rule number as listed by `ownpath rules`")) -> None:
        """Remove a rule by its number."""
        user = context.acting_user()
        from ownpath.imports.rules import remove_rule

        typer.echo(f"removed; you have {counted(len(remove_rule(user, number)), 'rule')}")

    @rules_app.command("reset")
    @context.user_errors
    def rules_reset() -> None:
        """Go back to the shipped default rules."""
        user = context.acting_user()
        from ownpath.imports.rules import reset_rules

        typer.echo(f"back to the {len(reset_rules(user))} default rules")

    @rules_app.command("load")
    @context.user_errors
    def rules_load(
        file: Path = typer.Argument(..., help="A JSON list of rules (as `ownpath rules --json` prints)"),
    ) -> None:
        """Replace your rules with the ones in a JSON file (all valid, or nothing changes)."""
        user = context.acting_user()
        from ownpath.imports.rules import set_rules

        try:
            data = json.loads(_read_bytes(file).decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise UserInputError(f"{file}: not a JSON file ({exc})") from None
        except RecursionError:
            raise UserInputError(f"{file}: nested too deep to be a list of rules") from None
        typer.echo(f"loaded {counted(len(set_rules(user, data)), 'rule')}")

    @rules_app.command("test")
    @context.user_errors
    def rules_test(
        title: str = typer.Argument(..., help="An event title to try"),
        organiser: str = typer.Option("", "--organiser"),
        attendees: int = typer.Option(None, "--attendees", min=0),
    ) -> None:
        """Show which rule, or else which classifier guess, would give a title its activity."""
        user = context.acting_user()
        from ownpath.imports.rules import explain_activity

        found = explain_activity(user, title, organiser, attendees)
        if found["rule"]:
            typer.echo(f"rule {found['rule_number']} → {found['rule']['activity']}")
        else:
            typer.echo("no rule matches")
        guesses = ", ".join(f"{slug} {p:.0%}" for slug, p in found["classifier"]) or "no guess (no known words)"
        typer.echo(f"classifier: {guesses}")

    @app.command("daylio-mapping")
    @context.user_errors
    def daylio_mapping(
        pairs: list[str] = typer.Argument(None, help="NAME=SLUG to change ('NAME=-' for not work)"),
        mood_scale: str = typer.Option(None, "--mood-scale", help="e.g. rad=2,good=1,meh=0,bad=-1,awful=-2"),
    ) -> None:
        """Show or change how your Daylio activities and moods map to ownpath."""
        user = context.acting_user()
        from ownpath.imports.formats.daylio import (
            confirm_daylio_mapping,
            daylio_mapping_for,
            mood_scale_for,
            set_mood_scale,
        )

        if pairs:
            confirm_daylio_mapping(user, {k: (None if v in ("-", "") else v)
                                          for k, v in _parse_pairs(pairs, "mapping").items()})
        if mood_scale:
            set_mood_scale(user, mood_scale)
        mapping = daylio_mapping_for(user)
        for name in sorted(mapping):
            typer.echo(f"{name} = {mapping[name] or '- (not work)'}")
        typer.echo("moods: " + ", ".join(f"{k}={v:+d}" for k, v in mood_scale_for(user).items()))

    @app.command("rate")
    @context.user_errors
    def rate(
        week: str = typer.Option(None, "--week", help="2025-W12 or any date in the week (default: last week)"),
        all_pending: bool = typer.Option(False, "--all", help="Everything waiting, whatever the week"),
        use_remembered: bool = typer.Option(True, "--remembered/--ask-again",
                                            help="Apply ratings you gave a recurring event before"),
    ) -> None:
        """Rate imported events: each recurring event and each title once, in a quick pass."""
        user = context.acting_user()
        from ownpath.imports.rating import (
            apply_remembered_ratings,
            dismiss_group,
            rate_group,
            rating_groups,
            week_bounds,
        )
        from ownpath.imports.rules import classifier_for
        from ownpath.journal.services import activity_labels

        since, until = (None, None) if all_pending else week_bounds(week)
        console = Console()
        period = "everything waiting" if all_pending else f"{since} to {until}"
        if use_remembered:
            for group, count in apply_remembered_ratings(user, since, until):
                console.print(f"{group.title}: {count} × rated {group.remembered_energy:+d} as before")
        groups = rating_groups(user, since, until)
        if not groups:
            console.print(f"nothing to rate ({period})")
            return
        labels = activity_labels(user)
        classifier = None
        console.print(f"{len(groups)} to rate ({period}). Energy -2 drained … +2 energized; add /SKILL (1–5) "
                      "if you like, e.g. 1/4. Enter skips, x = not work, q = stop.")
        rated = 0
        for number, group in enumerate(groups, start=1):
            activity = group.activity
            what = labels.get(activity, "no activity yet") if activity else "no activity yet"
            series = " (repeats)" if group.is_series else ""
            console.print(f"[bold][{number}/{len(groups)}] {group.title}[/bold]{series}: "
                          f"{len(group.events)}×, {group.hours:.1f} h, {what}")
            answer = typer.prompt("  energy", default="", show_default=False).strip().lower()
            if answer == "q":
                break
            if answer == "":
                continue
            if answer == "x":
                dismiss_group(user, group.key, since, until)
                continue
            energy_text, _, skill_text = answer.partition("/")
            try:
                energy = int(energy_text.replace("+", ""))
                skill = int(skill_text) if skill_text else None
            except ValueError:
                console.print("  skipped: expected a number from -2 to 2 (optionally /1–5)")
                continue
            if activity is None:
                classifier = classifier or classifier_for(user)
                guesses = [slug for slug, _ in classifier.rank(group.title, top=3)]
                hint = f" (e.g. {', '.join(guesses)})" if guesses else ""
                activity = typer.prompt(f"  activity{hint}", default=guesses[0] if guesses else "").strip().lower()
            try:
                rated += rate_group(user, group.key, energy, activity, skill, since, until)
            except UserInputError as exc:
                console.print(f"  not saved: {exc.message}")
        console.print(f"rated {entries_word(rated)}")
