"""Serving the web app with waitress: one process, or several sharing one listening socket.

Python runs one thread at a time per process, so on a machine with several cores a few
processes serve more people at once. The parent binds the port once (never with SO_REUSEPORT,
so a second server cannot silently share it) and forks workers that accept on that socket.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import sys

from ownpath.errors import UserInputError

# The X-Forwarded-* headers a trusted reverse proxy sets; waitress turns them into the request's
# scheme, client address and host, and drops them from anybody else.
PROXY_HEADERS = {"x-forwarded-proto", "x-forwarded-for", "x-forwarded-host"}


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _try_bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    if os.name == "posix":
        # On POSIX this only allows a restart while old connections linger in TIME_WAIT; it never
        # lets a second listener onto the port (Windows gives it that meaning, so not there).
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def next_free_port(host: str, port: int, tries: int = 50) -> int | None:
    """The first port after ``port`` that can be bound on ``host``, or None within ``tries``."""
    for candidate in range(port + 1, min(port + 1 + tries, 65536)):
        try:
            _try_bind(host, candidate).close()
        except OSError:
            continue
        return candidate
    return None


def listening_socket(host: str, port: int) -> socket.socket:
    """Bind and listen on host:port; a port in use is refused in one line naming a free one."""
    try:
        sock = _try_bind(host, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            free = next_free_port(host, port)
            hint = f"; try --port {free}" if free else ""
            raise UserInputError(f"port {port} on {host} is already in use (by another ownpath server or "
                                 f"another program){hint}") from None
        raise UserInputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.listen(1024)
    return sock


def waitress_options(trusted_proxy: str) -> dict:
    """Waitress's settings: with a trusted proxy, its X-Forwarded-* headers are believed, others' dropped."""
    options = {"ident": "ownpath", "clear_untrusted_proxy_headers": True}
    if trusted_proxy:
        options |= {"trusted_proxy": trusted_proxy, "trusted_proxy_count": 1,
                    "trusted_proxy_headers": PROXY_HEADERS}
    return options


def _serve(sock: socket.socket, threads: int) -> None:
    import waitress
    from django.conf import settings

    from ownpath.wsgi import application

    waitress.serve(application, sockets=[sock], threads=threads, _quiet=True,
                   **waitress_options(settings.OWNPATH_TRUSTED_PROXY))


def _die_with_parent(parent: int) -> None:
    """Ask Linux to end this worker when its parent dies, even by SIGKILL (no orphans serving on)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the request above took effect
        os._exit(0)


def _fork_worker(sock: socket.socket, threads: int, parent: int) -> int:
    """Fork one process serving on ``sock``; returns its pid in the parent (the child never returns)."""
    pid = os.fork()
    if pid == 0:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            _die_with_parent(parent)
            _serve(sock, threads)
        finally:
            os._exit(0)
    return pid


# A worker that dies sooner than this after it started counts as failing to start: the parent
# waits this long before the next replacement, so a worker that cannot start does not spin.
RESTART_PAUSE_SECONDS = 1.0


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.WEXITSTATUS(status)}"


def run_server(sock: socket.socket, *, threads: int = 8, workers: int = 1) -> None:
    """Serve on a socket from `listening_socket` until interrupted; with workers > 1, fork that many
    processes accepting on it and replace any that dies (killed, crashed), so the server keeps N.
    SIGINT or SIGTERM to the parent stops every worker before it exits.
    """
    if workers <= 1 or not hasattr(os, "fork"):
        _serve(sock, threads)
        return
    from django.db import connections

    connections.close_all()  # never share a database connection across a fork

    def stop(signum, frame):
        raise KeyboardInterrupt

    # Installed before the first fork, so a signal arriving while workers start still stops them all.
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    import time

    parent, children = os.getpid(), []
    try:
        started = {}
        for _ in range(workers):
            pid = _fork_worker(sock, threads, parent)
            children.append(pid)
            started[pid] = time.monotonic()
        # The parent keeps the socket open: a replacement worker accepts on the same one.
        while True:
            try:
                pid, status = os.wait()
            except ChildProcessError:
                return
            except InterruptedError:
                continue
            if pid not in children:
                continue  # another child of ours (the job worker) is looked after by its own keeper
            children.remove(pid)
            print(f"server worker {pid} ended ({_how(status)}); starting a replacement", file=sys.stderr, flush=True)
            if time.monotonic() - started.pop(pid, 0.0) < RESTART_PAUSE_SECONDS:
                time.sleep(RESTART_PAUSE_SECONDS)
            replacement = _fork_worker(sock, threads, parent)
            children.append(replacement)
            started[replacement] = time.monotonic()
    except KeyboardInterrupt:
        pass
    finally:
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for pid in children:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
