"""`ownpath serve` runs a job worker beside the web app and stops it on exit."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.smtp import LoopbackSMTPServer, free_port

ROOT = Path(__file__).resolve().parents[2]


def _environment(tmp_path, smtp: LoopbackSMTPServer) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OWNPATH_")}
    env.update(PYTHONPATH=str(ROOT / "src"), OWNPATH_DATA_DIR=str(tmp_path), OWNPATH_EMAIL_HOST=smtp.host,
               OWNPATH_EMAIL_PORT=str(smtp.port), OWNPATH_EMAIL_USE_TLS="0")
    return env


def _queue_email(env: dict, subject: str) -> None:
    code = f"from ownpath.mail.services import queue_email; queue_email('sam@example.org', {subject!r}, 'body')"
    subprocess.run([sys.executable, "-m", "ownpath", "manage", "shell", "-c", code], env=env, check=True)


def _start_serving(env: dict, *options: str) -> subprocess.Popen:
    """Start `ownpath serve --local` and wait until it answers (the database is migrated by then)."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "ownpath", "serve", "--local", "--workers", "1", "--port",
                               str(port), *options], env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            assert server.poll() is None and time.time() < deadline, "server did not start"
            time.sleep(0.3)


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_serve_sends_queued_email_through_its_worker_and_stops_it_on_exit(tmp_path):
    smtp = LoopbackSMTPServer()
    smtp.start()
    env = _environment(tmp_path, smtp)
    try:
        server = _start_serving(env)
        try:
            _queue_email(env, "sent by the worker beside the web app")
            assert [m["Subject"] for m in smtp.wait_for(1)] == ["sent by the worker beside the web app"]
        finally:
            server.terminate()
            _, stderr = server.communicate(timeout=30)
        worker_pid = int(re.search(r"worker process (\d+)", stderr).group(1))
        deadline = time.time() + 15
        while _alive(worker_pid) and time.time() < deadline:
            time.sleep(0.2)
        assert not _alive(worker_pid), "the worker outlived `ownpath serve`"
    finally:
        smtp.stop()


def test_serve_without_worker_leaves_jobs_queued(tmp_path):
    smtp = LoopbackSMTPServer()
    smtp.start()
    env = _environment(tmp_path, smtp)
    try:
        server = _start_serving(env, "--no-worker")
        try:
            _queue_email(env, "waits for a worker")
            time.sleep(3)
            assert smtp.messages == []
        finally:
            server.terminate()
            _, stderr = server.communicate(timeout=30)
        assert "worker process" not in stderr
        subprocess.run([sys.executable, "-m", "ownpath", "worker", "--once"], env=env, check=True)
        assert [m["Subject"] for m in smtp.messages] == ["waits for a worker"]
    finally:
        smtp.stop()
