"""`ownpath tracks …`, `ownpath mentorship …`, `ownpath allocation …`: team decisions, as proposals."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ownpath.analytics.plain_words import signed
from ownpath.cli import context
from ownpath.errors import UserInputError


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _chance(p: float) -> str:
    from ownpath.analytics.forecast import chance_words

    return chance_words(p)


def _interval(i: dict) -> str:
    return f"{signed(i['estimate'], 2)} (90% interval {signed(i['low'], 2)} to {signed(i['high'], 2)})"


def register(app: typer.Typer) -> None:
    """Add the tracks, mentorship and allocation commands."""
    tracks_app = typer.Typer(help="Expert track or manager track, judged on your own journal.", no_args_is_help=True)
    mentorship_app = typer.Typer(help="Mentorship: opt in, see your pair; admins propose pairs.", no_args_is_help=True)
    allocation_app = typer.Typer(help="The team's work next quarter: needs, hours, a proposed allocation.",
                                 no_args_is_help=True)
    app.add_typer(tracks_app, name="tracks")
    app.add_typer(mentorship_app, name="mentorship")
    app.add_typer(allocation_app, name="allocation")

    @tracks_app.command("show")
    @context.user_errors
    def tracks_show(
        expert: int = typer.Option(None, "--expert", help="Expert-track role profile id (default: the first)"),
        manager: int = typer.Option(None, "--manager", help="Manager-track role profile id (default: the first)"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    ) -> None:
        """Your track fit: P(better than now) for each track, thin evidence, a trial to settle it."""
        user = context.acting_user()
        from ownpath.team_planning.services import track_fit_for

        fit = track_fit_for(user, expert_role_id=expert, manager_role_id=manager)
        if as_json:
            typer.echo(json.dumps(fit, indent=2))
            return
        from ownpath.team_planning.presenting import present_track_fit

        words = present_track_fit(fit)
        for t in words["tracks"] + words["next_rung"]:
            typer.echo(f"{t['title']}: {t['chance']}; {t['energy']}")
        typer.echo(f"{words['heading']}. {words['verdict']}")
        if words["thin_evidence"]:
            typer.echo(words["thin_evidence"])
        for line in words["signals"]:
            typer.echo(f"  {line}")
        if words["trial"]:
            typer.echo(words["trial"]["title"] + ". " + " ".join(words["trial"]["lines"]))
        typer.echo("Used: " + words["used"])

    @tracks_app.command("record-trial")
    @context.user_errors
    def tracks_record_trial(person: str = typer.Argument(..., help="Your report's username or id")) -> None:
        """Record the trial proposed by a report's shared track fit as an agreement (their manager only)."""
        user = context.acting_user()
        from ownpath.team_planning.services import record_trial_agreement
        from ownpath.teams.services import colleague

        made = record_trial_agreement(user, colleague(user, person))
        typer.echo(f"recorded agreement {made.pk} in conversation {made.conversation_id} on "
                   f"{made.conversation.date} (owner {made.owner.username}, due {made.due_date})")

    @tracks_app.command("demo")
    @context.user_errors
    def tracks_demo() -> None:
        """The motivating case: a demo organisation where the top salesperson and a coach-minded analyst ask."""
        user = context.acting_user()
        from ownpath.demo.team_decisions import ORGANISATION, build_team_decisions_demo

        fits = build_team_decisions_demo(user)
        typer.echo(f"{ORGANISATION}: you are its admin and manage both teams.")
        for username, fit in fits.items():
            verdict = {"expert": "the expert track", "manager": "the manager track", None: "too close to call"}
            typer.echo(f"{username}: {verdict[fit['recommended']]} — expert {fit['expert']['role']} "
                       f"P(better) {_chance(fit['expert']['p_better_than_now'])}, manager {fit['manager']['role']} "
                       f"P(better) {_chance(fit['manager']['p_better_than_now'])}"
                       + (f"; trial: {fit['trial']['title']}" if fit["trial"] else ""))

    @tracks_app.command("roles")
    @context.user_errors
    def tracks_roles(organisation: str = typer.Argument(..., help="Organisation name or id")) -> None:
        """The organisation's role profiles (expert and manager track)."""
        user = context.acting_user()
        from ownpath.team_planning.services import role_profiles
        from ownpath.teams.services import find_organisation

        roles = role_profiles(user, find_organisation(user, organisation))
        if not roles:
            typer.echo("No role profiles yet; an admin adds them with `ownpath tracks role-add` or imports a career "
                       "ladder with `ownpath tracks ladder-import`.")
        for role in roles:
            hours = ", ".join(f"{a}={h:g}" for a, h in role.weekly_hours.items())
            typer.echo(f"{role.pk}  {role.name} ({role.track} track, level {role.level}): {hours}")

    @tracks_app.command("role-add")
    @context.user_errors
    def tracks_role_add(
        organisation: str = typer.Argument(..., help="Organisation name or id"),
        name: str = typer.Argument(..., help="The role's name"),
        track: str = typer.Option(..., "--track", help="expert or manager"),
        level: int = typer.Option(1, "--level", help="Level on the track"),
        hours: str = typer.Option(None, "--hours", help="Weekly hours per activity, e.g. managing=12,coaching=6"),
        onet: str = typer.Option(None, "--onet", help="Prefill from an O*NET occupation code (if loaded)"),
    ) -> None:
        """Add a role profile (admins)."""
        user = context.acting_user()
        from ownpath.team_planning.services import add_role_profile
        from ownpath.teams.services import find_organisation

        role = add_role_profile(user, find_organisation(user, organisation), name, track, level=level,
                                weekly_hours=hours, onet_code=onet)
        typer.echo(f"added role profile {role.name!r} (id {role.pk}, {role.track} track)")

    @tracks_app.command("ladder-import")
    @context.user_errors
    def tracks_ladder_import(
        file: Path = typer.Argument(..., help="The career ladder: YAML, JSON or Markdown", exists=True, dir_okay=False),
        organisation: str = typer.Argument(..., help="Organisation name or id"),
    ) -> None:
        """Import a career ladder as role profiles per level and track (admins); each expectation classified."""
        user = context.acting_user()
        from ownpath.team_planning.services import import_ladder
        from ownpath.teams.services import find_organisation

        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise UserInputError(f"file: {file.name} is not UTF-8 text") from None
        roles = import_ladder(user, find_organisation(user, organisation), text, file.name)
        for role in roles:
            hours = ", ".join(f"{a}={h:g}" for a, h in role.weekly_hours.items())
            typer.echo(f"{role.pk}  {role.name} ({role.track} track, level {role.level}): {hours}")
            for e in role.expectations:
                mark = "" if e["sure"] else "  (a guess: check it)"
                typer.echo(f"      {e['activity'] or '?'}: {e['text']}{mark}")
        typer.echo(f"imported {len(roles)} role profiles; correct any expectation with "
                   "`ownpath tracks ladder-correct ROLE_ID NUMBER=ACTIVITY`")

    @tracks_app.command("ladder-correct")
    @context.user_errors
    def tracks_ladder_correct(
        role_id: int = typer.Argument(..., help="The role profile's id"),
        changes: list[str] = typer.Argument(..., help="NUMBER=ACTIVITY, e.g. 2=building (expectations from 1)"),
    ) -> None:
        """Correct the activity of a ladder role's expectations (admins); its weekly mix follows."""
        user = context.acting_user()
        from ownpath.team_planning.services import correct_role_expectations

        activities = {}
        for change in changes:
            number, _, activity = change.partition("=")
            if not number.strip().isdigit() or not activity.strip():
                raise UserInputError(f"change: '{change}' is not NUMBER=ACTIVITY")
            activities[int(number) - 1] = activity.strip()
        role = correct_role_expectations(user, role_id, activities)
        typer.echo(f"{role.name}: " + ", ".join(f"{a}={h:g}" for a, h in role.weekly_hours.items()))

    @mentorship_app.command("opt-in")
    @context.user_errors
    def mentorship_opt_in(
        organisation: str = typer.Argument(..., help="Organisation name or id"),
        mentor: str = typer.Option(None, "--mentor", help="Activities you would mentor, comma-separated"),
        capacity: int = typer.Option(1, "--capacity", help="How many mentees at once"),
        mentee: bool = typer.Option(False, "--mentee", help="You want a mentor"),
        wishes: str = typer.Option(None, "--wishes", help="Activities you want to learn, comma-separated"),
        prefer_other_teams: bool = typer.Option(False, "--prefer-other-teams", help="A mentor from another team"),
    ) -> None:
        """Opt in as mentor and/or mentee (running it again replaces your opt-in)."""
        user = context.acting_user()
        from ownpath.team_planning.services import planning_consent, set_mentorship_opt_in
        from ownpath.teams.services import find_organisation

        opt = set_mentorship_opt_in(user, find_organisation(user, organisation), as_mentor=bool(mentor),
                                    mentor_activities=_split(mentor), capacity=capacity, as_mentee=mentee or bool(wishes),
                                    learning_wishes=_split(wishes), prefer_other_teams=prefer_other_teams)
        roles = [r for r, on in (("mentor", opt.as_mentor), ("mentee", opt.as_mentee)) if on]
        typer.echo(f"opted in as {' and '.join(roles) or 'nothing (opted out)'}")
        if not planning_consent(user):
            typer.echo("Matching uses your estimates only while you consent: "
                       "`ownpath share add team_planning --with aggregate`.")

    @mentorship_app.command("mine")
    @context.user_errors
    def mentorship_mine(as_json: bool = typer.Option(False, "--json", help="Print JSON")) -> None:
        """Your opt-ins, the pairs proposed for you, and what team planning used of your data."""
        user = context.acting_user()
        from ownpath.team_planning.services import mentorship_of, planning_uses_of

        mine = mentorship_of(user) | {"uses": planning_uses_of(user, limit=10)}
        if as_json:
            typer.echo(json.dumps(mine, indent=2))
            return
        if not mine["pairs"]:
            typer.echo("No pair proposed for you yet.")
        for pair in mine["pairs"]:
            typer.echo(f"{pair['mentor']} → {pair['mentee']}: {pair['why']}")
        for use in mine["uses"]:
            typer.echo(f"used {use['used_at'][:16]} for {use['purpose']} (asked by {use['requested_by']}): "
                       f"{use['used']['estimates']} on {len(use['used']['activities'])} activities")

    @mentorship_app.command("propose")
    @context.user_errors
    def mentorship_propose(organisation: str = typer.Argument(..., help="Organisation name or id")) -> None:
        """Propose pairs for the organisation (admins): a maximum-weight matching."""
        user = context.acting_user()
        from ownpath.team_planning.services import propose_mentorship
        from ownpath.teams.services import find_organisation

        result = propose_mentorship(user, find_organisation(user, organisation))
        for pair in result["pairs"]:
            typer.echo(f"{pair['mentor']} → {pair['mentee']}: {pair['why']}")
        for person, why in result["unmatched"].items():
            typer.echo(f"{person}: no pair — {why}")
        if result["left_out_without_consent"]:
            typer.echo(f"{result['left_out_without_consent']} opted-in people were left out: "
                       "they do not consent to team planning.")

    @allocation_app.command("need")
    @context.user_errors
    def allocation_need(
        organisation: str = typer.Argument(..., help="Organisation name or id"),
        team: str = typer.Argument(..., help="Team name or id"),
        activity: str = typer.Argument(..., help="Activity"),
        hours: float = typer.Argument(..., help="Hours a week next quarter (0 removes the need)"),
        min_skill: float = typer.Option(None, "--min-skill", help="Skill 1–5 the work needs"),
    ) -> None:
        """State what the team needs next quarter on one activity (the team's manager)."""
        user = context.acting_user()
        from ownpath.team_planning.services import set_team_need
        from ownpath.teams.services import find_organisation, find_team

        found = find_team(user, find_organisation(user, organisation), team)
        need = set_team_need(user, found.pk, activity, hours, min_skill)
        typer.echo(f"{found.name} needs {need.hours:g} h/week of {need.activity}"
                   + (f" (skill {need.min_skill:g}+)" if need.min_skill else ""))

    @allocation_app.command("hours")
    @context.user_errors
    def allocation_hours(
        organisation: str = typer.Argument(..., help="Organisation name or id"),
        team: str = typer.Argument(..., help="Team name or id"),
        person: str = typer.Argument(..., help="Member's username"),
        hours: float = typer.Argument(..., help="Hours a week available for the team"),
    ) -> None:
        """Set a member's available hours next quarter (the team's manager, or the member)."""
        user = context.acting_user()
        from ownpath.team_planning.services import set_available_hours
        from ownpath.teams.services import find_organisation, find_team, person_in

        org = find_organisation(user, organisation)
        found = set_available_hours(user, find_team(user, org, team).pk, person_in(user, org, person), hours)
        typer.echo(f"{person} has {found.hours:g} h/week for {found.team.name}")

    @allocation_app.command("propose")
    @context.user_errors
    def allocation_propose(
        organisation: str = typer.Argument(..., help="Organisation name or id"),
        team: str = typer.Argument(..., help="Team name or id"),
        margin: float = typer.Option(0.2, "--margin", help="Most anyone may be predicted worse off (energy points)"),
        sub_teams: bool = typer.Option(True, "--sub-teams/--team-only",
                                       help="Include the members of the team's sub-teams (default) or not"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    ) -> None:
        """Propose who does which of the team's needed hours (a proposal to discuss, never applied)."""
        user = context.acting_user()
        from ownpath.team_planning.services import propose_team_allocation
        from ownpath.teams.services import find_organisation, find_team

        result = propose_team_allocation(user, find_team(user, find_organisation(user, organisation), team).pk,
                                         margin=margin, include_sub_teams=sub_teams)
        if as_json:
            typer.echo(json.dumps(result, indent=2))
            return
        if not result["feasible"]:
            typer.echo("No allocation covers the needs:")
            for problem in result["problems"]:
                typer.echo(f"  {problem}")
        for move in result["moves"]:
            typer.echo(move)
        for change in result["changes"]:
            typer.echo(f"  {change['person']}: {change['hours_before']:g} → {change['hours_after']:g} h/week, "
                       f"energy {_interval(change['energy_change'])}, P(better) {_chance(change['p_better'])}")
        if result["team_change"]:
            typer.echo(f"Team average change: {_interval(result['team_change'])}")
        if result["sub_teams"]:
            typer.echo(("Sub-teams included: " if result["sub_teams_included"] else "Sub-teams left out (--team-only): ")
                       + ", ".join(result["sub_teams"]))
        for week in result["weeks"]:
            typer.echo(f"  {week['words']}")
        if result["left_out_without_consent"]:
            typer.echo("Left out (no consent to team planning): " + ", ".join(result["left_out_without_consent"]))
        if result["left_out_nothing_logged"]:
            typer.echo("Left out (nothing logged to plan from): " + ", ".join(result["left_out_nothing_logged"]))
