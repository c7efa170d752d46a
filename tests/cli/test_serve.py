"""`ownpath serve` really serves: waitress on loopback, local mode, our own static files."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
    response = connection.getresponse()
    return response.status, response.read()


def test_serve_local_runs_the_app_on_loopback_without_a_log_in(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("OWNPATH_")}
    env.update(PYTHONPATH=str(ROOT / "src"), OWNPATH_DATA_DIR=str(tmp_path))
    server = subprocess.Popen([sys.executable, "-m", "ownpath", "serve", "--local", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 60
        while True:
            try:
                status, body = _get(port, "/journal/")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.time() < deadline, "server did not start"
                time.sleep(0.3)
        assert status == 200 and b"Log what you did" in body
        assert _get(port, "/static/web/htmx.min.js")[0] == 200
        assert _get(port, "/api/journal")[0] == 401  # the API always needs a token or a session
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/".encode() in stderr
