"""Static files under hashed names, served by WhiteNoise: cached for good, offline shell in step."""

from __future__ import annotations

import http.client
import os
import re
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


def _get(port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
    response = connection.getresponse()
    response.body = response.read()
    return response


def test_serve_collects_and_serves_hashed_static_files_with_the_strict_policy(tmp_path):
    port = _free_port()
    # The production settings, as a person's `ownpath serve` runs them (not the test settings).
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OWNPATH_", "DJANGO_SETTINGS"))}
    env.update(PYTHONPATH=str(ROOT / "src"), OWNPATH_DATA_DIR=str(tmp_path))
    server = subprocess.Popen([sys.executable, "-m", "ownpath", "serve", "--local", "--port", str(port),
                               "--workers", "1", "--no-worker"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 120
        while True:
            try:
                page = _get(port, "/journal/")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.time() < deadline, "server did not start"
                time.sleep(0.5)
        html = page.body.decode()
        css = re.search(r'href="(/static/web/app\.[0-9a-f]{12}\.css)"', html)
        assert css, "the page links the stylesheet by its hashed name"
        asset = _get(port, css.group(1))
        assert asset.status == 200 and "immutable" in asset.getheader("Cache-Control")
        assert "script-src 'self'" in asset.getheader("Content-Security-Policy")
        worker = _get(port, "/service-worker.js").body.decode()
        assert css.group(1) in worker and 'var CACHE = "ownpath-v1"' not in worker
        assert (tmp_path / "static" / "staticfiles.json").is_file()
    finally:
        server.terminate()
        server.communicate(timeout=20)
