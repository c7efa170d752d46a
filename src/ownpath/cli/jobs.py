"""`ownpath worker`: run background jobs (e-mails, reminders) and the periodic schedule."""

from __future__ import annotations

import logging

import typer

from ownpath.cli import context


def register(app: typer.Typer) -> None:
    """Add the worker command."""

    @app.command("worker")
    @context.user_errors
    def worker(
        once: bool = typer.Option(False, "--once", help="Enqueue the periodic jobs due, run everything queued, "
                                                         "then exit (for cron or a quick check)"),
        poll: float = typer.Option(2.0, "--poll", min=0.1, help="Seconds between looks at an empty queue"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="Log only problems"),
        parent_pid: int = typer.Option(None, "--parent-pid", hidden=True,
                                       help="Exit when this process ends (used by `ownpath serve`)"),
    ) -> None:
        """Run background jobs until stopped (Ctrl-C); a team deployment runs this as its own process."""
        context.setup_django()
        from ownpath.jobs.worker import run_queued_jobs, run_worker

        logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="%(asctime)s %(message)s")
        if once:
            ran = run_queued_jobs()
            typer.echo(f"ran {ran} job(s)", err=True)
            return
        typer.echo("ownpath worker is running (Ctrl-C stops it)", err=True)
        run_worker(poll_seconds=poll, parent_pid=parent_pid)
