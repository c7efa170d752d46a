"""A real `ownpath serve` for the benchmarks that time the web app through HTTP (web_load, task_times)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(database_url: str, port: int, workdir: Path, *, workers: int | None = None,
                 extra_env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start `ownpath serve` on the database, free of the caller's OWNPATH_ settings; return once it listens."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OWNPATH_")}
    env.update(PYTHONPATH=str(ROOT / "src"), OWNPATH_DATABASE_URL=database_url, OWNPATH_DATA_DIR=str(workdir),
               **(extra_env or {}))
    command = [sys.executable, "-m", "ownpath", "serve", "--port", str(port)]
    if workers is not None:
        command += ["--workers", str(workers)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"server failed to start: {server.stderr.read().decode()}") from None
            time.sleep(0.2)
    server.kill()
    raise SystemExit("server did not start within 60 s")
