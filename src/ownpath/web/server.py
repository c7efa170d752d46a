"""Serving the web app with waitress: one process, or several sharing the port.

Python runs one thread at a time per process, so on a machine with several cores a few
processes serve more people at once. Each binds the same port with SO_REUSEPORT and the
kernel spreads new connections between them.
"""

from __future__ import annotations

import os
import signal
import socket


def _listening_socket(host: str, port: int, share: bool) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if share:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(1024)
    return sock


def _serve(sock: socket.socket, threads: int) -> None:
    import waitress

    from ownpath.wsgi import application

    waitress.serve(application, sockets=[sock], threads=threads, ident="ownpath",
                   clear_untrusted_proxy_headers=True, _quiet=True)


def run_server(host: str, port: int, *, threads: int = 8, workers: int = 1) -> None:
    """Serve until interrupted; with workers > 1, fork that many processes sharing the port."""
    share = workers > 1 and hasattr(socket, "SO_REUSEPORT") and hasattr(os, "fork")
    if not share:
        _serve(_listening_socket(host, port, False), threads)
        return
    from django.db import connections

    connections.close_all()  # never share a database connection across a fork
    sockets = [_listening_socket(host, port, True) for _ in range(workers)]
    children = []
    for sock in sockets:
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            try:
                _serve(sock, threads)
            finally:
                os._exit(0)
        children.append(pid)
        sock.close()

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        for pid in children:
            os.waitpid(pid, 0)
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
