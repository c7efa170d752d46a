"""Web commands: serve the web app, API tokens, the printable report, Django's manage commands."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from ownpath.cli import context
from ownpath.errors import UserInputError

DEFAULT_SECRET_PREFIX = "ownpath-local-only-insecure-key"


def check_bind(host: str, local: bool) -> None:
    """Refuse unsafe combinations: local mode off loopback, or a public bind with the default key."""
    from ownpath.web.local import is_loopback

    loopback = host == "localhost" or is_loopback(host)
    if local and not loopback:
        raise UserInputError(f"--local skips the log-in screen, so it only binds to 127.0.0.1 or ::1, not {host}")
    if not loopback and os.environ.get("OWNPATH_SECRET_KEY", DEFAULT_SECRET_PREFIX).startswith(DEFAULT_SECRET_PREFIX):
        raise UserInputError(f"serving on {host} needs OWNPATH_SECRET_KEY set to a long random secret "
                             "(and OWNPATH_ALLOWED_HOSTS, OWNPATH_SECURE=1 behind HTTPS)")


def collect_static() -> None:
    """Collect the static files under their hashed names for WhiteNoise, when they changed since last time.

    A stamp of the sources' names, sizes and times is kept beside them, so a restart does not hash
    and compress every file again; a new version of ownpath changes the stamp and collects anew.
    """
    import hashlib
    from pathlib import Path

    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    if getattr(settings, "WHITENOISE_USE_FINDERS", False):
        return  # served from the apps' folders as they are (the test settings)
    stamp = hashlib.blake2b(digest_size=16)
    for finder in get_finders():
        for path, storage in sorted(finder.list(["CVS", ".*", "*~"]), key=lambda found: found[0]):
            source = os.stat(storage.path(path))
            stamp.update(f"{path}\0{source.st_size}\0{source.st_mtime_ns}\n".encode())
    root = Path(settings.STATIC_ROOT)
    marker = root / ".ownpath-sources"
    if (root / "staticfiles.json").is_file() and marker.is_file() and marker.read_text() == stamp.hexdigest():
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    marker.write_text(stamp.hexdigest())


def default_workers() -> int:
    """One server process per CPU, at most 4; one where processes cannot be forked."""
    return min(os.cpu_count() or 1, 4) if hasattr(os, "fork") else 1


def register(app: typer.Typer) -> None:
    """Add serve, token, report and manage."""

    @app.command("serve")
    @context.user_errors
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default: this machine only)"),
        port: int = typer.Option(8000, "--port", "-p", min=1, max=65535),
        local: bool = typer.Option(False, "--local", help="Skip the log-in screen and act as the CLI's local user "
                                                           "(only on 127.0.0.1)"),
        demo: bool = typer.Option(False, "--demo", help="Serve the demo database (see `ownpath demo`)"),
        threads: int = typer.Option(8, "--threads", min=1, max=64, help="Threads per process"),
        workers: int = typer.Option(default_workers(), "--workers", min=1, max=32,
                                    help="Server processes sharing the port (several need fork: Linux, BSD, macOS)"),
        job_worker: bool = typer.Option(True, "--worker/--no-worker",
                                        help="Also run the background-job worker (e-mails, reminders) until exit; "
                                             "a team deployment may run `ownpath worker` separately instead"),
    ) -> None:
        """Run the web app with the waitress server (production-grade, pure Python)."""
        check_bind(host, local)
        if local:
            # Read by the settings when Django starts, just below.
            os.environ["OWNPATH_LOCAL_MODE"] = "1"
        user = context.acting_user(context.demo_database_url() if demo else None)
        collect_static()
        from ownpath.web.server import listening_socket, run_server

        sock = listening_socket(host, port)  # a port in use is refused here, before saying "running"
        url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
        mode = f"local mode: no log-in, acting as {user.username!r}" if local else "log in or sign up in the browser"
        typer.echo(f"ownpath is running at {url}  ({mode}; Ctrl-C stops it)", err=True)
        from ownpath.jobs.worker import serve_with_worker

        serve_with_worker(lambda: run_server(sock, threads=threads, workers=workers), job_worker)

    token_app = typer.Typer(help="Personal API tokens for the JSON API under /api/.", no_args_is_help=True)
    app.add_typer(token_app, name="token")

    @token_app.command("create")
    @context.user_errors
    def token_create(name: str = typer.Argument("cli", help="A name to tell the token apart")) -> None:
        """Create an API token for the local user; it is printed once, keep it secret."""
        user = context.acting_user()
        from ownpath.accounts.services import create_token

        _, key = create_token(user, name)
        typer.echo(key)

    @token_app.command("list")
    @context.user_errors
    def token_list() -> None:
        """List the local user's API tokens (never the secrets)."""
        user = context.acting_user()
        from ownpath.accounts.services import tokens_for

        for token in tokens_for(user):
            used = token.last_used_at.isoformat(timespec="minutes") if token.last_used_at else "never used"
            typer.echo(f"{token.id}\t{token.name}\t{token.prefix}…\t{used}")

    @token_app.command("revoke")
    @context.user_errors
    def token_revoke(token_id: int) -> None:
        """Revoke one of the local user's API tokens by its id (see `ownpath token list`)."""
        user = context.acting_user()
        from ownpath.accounts.services import revoke_token

        revoke_token(user, token_id)
        typer.echo(f"revoked token {token_id}")

    @app.command("report")
    @context.user_errors
    def report(output: Path = typer.Option(Path("report.html"), "--output", "-o", help="HTML file to write")) -> None:
        """Write your report: one self-contained, printable HTML file (charts and styles inlined)."""
        user = context.acting_user()
        from ownpath.web.report import render_report

        try:
            output.write_text(render_report(user), encoding="utf-8")
        except OSError as exc:
            raise UserInputError(f"cannot write {output}: {exc.strerror}") from None
        typer.echo(f"wrote {output}", err=True)

    @app.command("manage", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
    def manage(ctx: typer.Context) -> None:
        """Run a Django management command, e.g. `ownpath manage check --deploy`."""
        context.point_settings_at_database()
        from ownpath.manage import main

        main(["ownpath manage", *ctx.args])
