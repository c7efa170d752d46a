"""`ownpath share …`: what you share with whom, who looked, and your own words."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from ownpath.cli import context


def register(app: typer.Typer) -> None:
    """Add the share commands."""
    share_app = typer.Typer(help="Share items of your profile with your manager, team or anonymous aggregates.",
                            no_args_is_help=True)
    app.add_typer(share_app, name="share")

    @share_app.command("items")
    @context.user_errors
    def share_items() -> None:
        """The items you can share, and with whom."""
        context.acting_user()
        from ownpath.sharing.items import ITEMS

        table = Table(title="Items you can share")
        for column in ("item", "what", "audiences"):
            table.add_column(column, overflow="fold")
        for item in ITEMS.values():
            table.add_row(item.slug + (" (sensitive)" if item.sensitive else ""), item.label, ", ".join(item.audiences))
        Console().print(table)

    @share_app.command("list")
    @context.user_errors
    def share_list(
        include_revoked: bool = typer.Option(False, "--all", help="Include shares you stopped"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    ) -> None:
        """Your shares: item, audience, live or snapshot, since when."""
        user = context.acting_user()
        from ownpath.sharing.services import shares_of

        rows = [{"id": s.pk, "item": s.item, "audience": s.audience,
                 "person": s.audience_person.username if s.audience_person_id else None, "mode": s.mode,
                 "created_at": s.created_at.isoformat(),
                 "revoked_at": s.revoked_at.isoformat() if s.revoked_at else None}
                for s in shares_of(user, include_revoked)]
        if as_json:
            typer.echo(json.dumps(rows, indent=2))
            return
        if not rows:
            typer.echo("You share nothing. `ownpath share add ITEM --with manager` shares one item.")
            return
        table = Table(title="What you share")
        for column in ("id", "item", "with", "mode", "since", "stopped"):
            table.add_column(column)
        for row in rows:
            table.add_row(str(row["id"]), row["item"], row["person"] or row["audience"], row["mode"],
                          row["created_at"][:10], (row["revoked_at"] or "")[:10])
        Console().print(table)

    @share_app.command("add")
    @context.user_errors
    def share_add(
        item: str = typer.Argument(..., help="What to share (see `ownpath share items`)"),
        audience: str = typer.Option(..., "--with", help="manager, team, aggregate or person"),
        person: str = typer.Option(None, "--person", help="Username, with --with person"),
        snapshot: bool = typer.Option(False, "--snapshot", help="Share it as it is now (dated), not live"),
    ) -> None:
        """Share one item with one audience (live unless --snapshot)."""
        user = context.acting_user()
        from ownpath.sharing.items import get_item
        from ownpath.sharing.services import share
        from ownpath.teams.services import colleague

        who = colleague(user, person) if audience == "person" and person else None
        from ownpath.sharing.services import nobody_reached

        made = share(user, item, audience, mode="snapshot" if snapshot else "live", person=who)
        nobody = nobody_reached(made)
        if nobody:
            typer.echo(f"set to share {get_item(item).label!r} (share {made.pk}), but {nobody}")
            return
        typer.echo(f"sharing {get_item(item).label!r} with {made.get_audience_display()}"
                   f"{' ' + who.username if who else ''} as a {made.get_mode_display()} (share {made.pk})")

    @share_app.command("revoke")
    @context.user_errors
    def share_revoke(share_id: int = typer.Argument(..., help="The share's id (from `ownpath share list`)")) -> None:
        """Stop a share now: from this moment its audience sees nothing of it."""
        user = context.acting_user()
        from ownpath.sharing.services import revoke

        ended = revoke(user, share_id)
        typer.echo(f"stopped sharing {ended.item} with {ended.get_audience_display()}")

    @share_app.command("changes")
    @context.user_errors
    def share_changes(as_json: bool = typer.Option(False, "--json", help="Print JSON")) -> None:
        """Who became or stopped being your manager or teammate, and whether a new manager sees your shares."""
        user = context.acting_user()
        from ownpath.sharing.services import relation_changes_of

        found = relation_changes_of(user)
        if as_json:
            typer.echo(json.dumps(found, indent=2))
            return
        if not found:
            typer.echo("No changes in who manages you or works beside you.")
        for change in found:
            answer = ""
            if change["asks_keep_sharing"]:
                answer = {None: " — not answered: your 'my manager' shares do not reach them yet "
                                f"(ownpath share keep {change['id']} --yes or --no)",
                          True: " — your 'my manager' shares reach them",
                          False: " — your 'my manager' shares do not reach them"}[change["keep_sharing"]]
            typer.echo(f"{change['id']}: {change['words']} ({change['created_at'][:10]}){answer}")

    @share_app.command("keep")
    @context.user_errors
    def share_keep(
        change_id: int = typer.Argument(..., help="The change's number (from `ownpath share changes`)"),
        keep: bool = typer.Option(None, "--yes/--no", help="Whether your 'my manager' shares reach the new manager"),
    ) -> None:
        """Answer a change: seen; for a new manager, whether what you share with 'my manager' reaches them."""
        user = context.acting_user()
        from ownpath.sharing.services import answer_relation_change

        change = answer_relation_change(user, change_id, keep)
        if change["asks_keep_sharing"]:
            reaches = "now reaches" if change["keep_sharing"] else "does not reach"
            typer.echo(f"What you share with 'my manager' {reaches} {change['other']}.")
        else:
            typer.echo("Seen.")

    @share_app.command("log")
    @context.user_errors
    def share_log(as_json: bool = typer.Option(False, "--json", help="Print JSON")) -> None:
        """Who viewed which of your items, and when."""
        user = context.acting_user()
        from ownpath.sharing.services import access_log_of

        rows = [{"viewer": r.viewer.username if r.viewer else None, "item": r.item,
                 "viewed_at": r.viewed_at.isoformat()} for r in access_log_of(user)]
        if as_json:
            typer.echo(json.dumps(rows, indent=2))
            return
        if not rows:
            typer.echo("Nobody has viewed anything of yours.")
            return
        table = Table(title="Who looked")
        for column in ("when", "who", "what"):
            table.add_column(column)
        for row in rows:
            table.add_row(row["viewed_at"][:16].replace("T", " "), row["viewer"] or "(deleted)", row["item"])
        Console().print(table)

    @share_app.command("preview")
    @context.user_errors
    def share_preview(item: str = typer.Argument(..., help="The item to preview")) -> None:
        """Exactly what an audience would see of an item now (JSON)."""
        user = context.acting_user()
        from ownpath.sharing.services import preview

        typer.echo(json.dumps(preview(user, item), indent=2))

    @share_app.command("words")
    @context.user_errors
    def share_words(
        want: str = typer.Option(None, "--want", help="What you want out of your role"),
        five_years: str = typer.Option(None, "--five-years", help="Where you want to be in five years"),
    ) -> None:
        """Write (or show) your own words: what you want out of your role, your five-year wish."""
        user = context.acting_user()
        from ownpath.sharing.services import set_career_wish

        wish = set_career_wish(user, want_from_role=want, five_year_wish=five_years)
        typer.echo(f"what I want out of my role: {wish.want_from_role or '(not written)'}")
        typer.echo(f"in five years: {wish.five_year_wish or '(not written)'}")

    @share_app.command("refresh")
    @context.user_errors
    def share_refresh(everything: bool = typer.Option(False, "--all", help="Recompute even unchanged journals")) -> None:
        """Recompute contributions to anonymous figures and publish the changed figures (the worker does it hourly)."""
        context.setup_django()
        from ownpath.sharing.aggregates import refresh_figures

        written, published = refresh_figures(stale_only=not everything)
        typer.echo(f"refreshed {written} contribution(s); published new figures for {published} organisation(s)")
