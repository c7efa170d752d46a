"""`ownpath serve` as deployed: behind a trusted HTTPS proxy, one server per port, workers that stop
with their parent. Every test runs the real command in a subprocess on a free port."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(port: int, method: str, path: str, headers: dict | None = None, body: str | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    connection.request(method, path, body=body, headers={"Host": f"127.0.0.1:{port}"} | (headers or {}))
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read().decode()


def _env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OWNPATH_")}
    env.update(PYTHONPATH=str(ROOT / "src"), OWNPATH_DATA_DIR=str(tmp_path), **extra)
    return env


def _start(tmp_path, port: int, *args: str, **env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ownpath", "serve", "--port", str(port), *args],
                            env=_env(tmp_path, **env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def _wait_until_serving(server: subprocess.Popen, port: int) -> None:
    deadline = time.time() + 90
    while True:
        try:
            _request(port, "GET", "/static/web/app.css")
            return
        except OSError:
            assert server.poll() is None, server.stderr.read().decode()
            assert time.time() < deadline, "server did not start"
            time.sleep(0.3)


def _stop(server: subprocess.Popen) -> str:
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
    try:
        _, stderr = server.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        _, stderr = server.communicate()
    return stderr.decode()


def _serve_behind_proxy(tmp_path, trusted_proxy: str):
    """Start `ownpath serve` with HTTPS settings, trusting `trusted_proxy`, with one account; yields the port."""
    env = dict(OWNPATH_SECURE="1", OWNPATH_TRUSTED_PROXY=trusted_proxy, OWNPATH_SECRET_KEY=secrets.token_urlsafe(50))
    for command in (["migrate", "-v", "0"], ["shell", "-c", "from django.contrib.auth import get_user_model; "
                     "get_user_model().objects.create_user('robin', password='a long unusual phrase 42')"]):
        subprocess.run([sys.executable, "-m", "ownpath", "manage", *command], env=_env(tmp_path, **env),
                       check=True, capture_output=True, timeout=120)
    port = _free_port()
    server = _start(tmp_path, port, "--workers", "1", **env)
    _wait_until_serving(server, port)
    yield port
    _stop(server)


@pytest.fixture
def served_behind_proxy(tmp_path):
    """`ownpath serve` behind HTTPS whose trusted proxy is this machine (where the tests connect from)."""
    yield from _serve_behind_proxy(tmp_path, "127.0.0.1")


@pytest.fixture
def served_behind_another_proxy(tmp_path):
    """`ownpath serve` behind HTTPS trusting a proxy elsewhere: the tests' requests are not from it."""
    yield from _serve_behind_proxy(tmp_path, "192.0.2.10")


def _log_in(port: int, client: str, password: str) -> int:
    """One log-in through the proxy (https) from `client`, with the CSRF cookie and token a browser sends."""
    proxy = {"X-Forwarded-Proto": "https", "X-Forwarded-For": client}
    status, headers, body = _request(port, "GET", "/login/", proxy)
    assert status == 200, (status, headers)
    cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "robin", "password": password})
    status, _, _ = _request(port, "POST", "/login/", proxy | {
        "Cookie": f"csrftoken={cookie}", "Origin": f"https://127.0.0.1:{port}",
        "Content-Type": "application/x-www-form-urlencoded"}, form)
    return status


def test_https_from_the_trusted_proxy_is_served_without_a_redirect_loop(served_behind_proxy):
    port = served_behind_proxy
    status, headers, _ = _request(port, "GET", "/login/", {"X-Forwarded-Proto": "https"})
    assert status == 200
    assert "Strict-Transport-Security" in headers
    # Plain http is still sent to https.
    status, headers, _ = _request(port, "GET", "/login/")
    assert status == 301 and headers["Location"] == f"https://127.0.0.1:{port}/login/"


def test_the_throttle_counts_the_client_address_the_trusted_proxy_forwards(served_behind_proxy):
    port = served_behind_proxy
    for _ in range(5):
        assert _log_in(port, "203.0.113.7", "wrong") == 400
    assert _log_in(port, "203.0.113.7", "a long unusual phrase 42") == 429
    # Somebody else behind the same proxy is not locked out by the attacker's failures.
    assert _log_in(port, "198.51.100.20", "a long unusual phrase 42") == 302


def test_a_port_in_use_is_refused_in_one_line_naming_a_free_one(tmp_path):
    port = _free_port()
    first = _start(tmp_path, port, "--local", "--workers", "2")
    try:
        _wait_until_serving(first, port)
        second = subprocess.run([sys.executable, "-m", "ownpath", "serve", "--local", "--port", str(port)],
                                env=_env(tmp_path / "other"), capture_output=True, text=True, timeout=120)
        assert second.returncode == 2
        message = second.stderr.strip()
        assert "\n" not in message and "Traceback" not in message
        assert f"port {port} on 127.0.0.1 is already in use" in message and "try --port" in message
        suggested = int(re.search(r"--port (\d+)", message).group(1))
        assert suggested > port
    finally:
        _stop(first)


def test_a_port_taken_by_another_program_is_refused_too(tmp_path):
    with socket.socket() as other_program:
        other_program.bind(("127.0.0.1", 0))
        other_program.listen()
        port = other_program.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "ownpath", "serve", "--local", "--port", str(port)],
                                env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "already in use" in result.stderr


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state == "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads worker processes from /proc (Linux)")
@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_stopping_the_parent_stops_every_worker(tmp_path, stop_signal):
    port = _free_port()
    server = _start(tmp_path, port, "--local", "--workers", "2")
    _wait_until_serving(server, port)
    workers = _children(server.pid)
    assert len(workers) == 3  # two server processes and the background-job worker
    os.kill(server.pid, stop_signal)  # only the parent, not its process group
    server.communicate(timeout=30)
    deadline = time.time() + 15
    while not all(_gone(pid) for pid in workers) and time.time() < deadline:
        time.sleep(0.2)
    assert all(_gone(pid) for pid in workers), "a worker outlived its parent"
    with pytest.raises(OSError):
        _request(port, "GET", "/static/web/app.css")



def test_forwarded_headers_from_anybody_but_the_trusted_proxy_are_ignored(served_behind_another_proxy):
    port = served_behind_another_proxy
    status, headers, _ = _request(port, "GET", "/login/", {"X-Forwarded-Proto": "https"})
    assert status == 301 and headers["Location"].startswith("https://")  # not believed: still plain http


def _is_job_worker(pid: int) -> bool:
    try:
        return b"worker" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False


def _wait_for_children(server_pid: int, count: int, without: set[int]) -> list[int]:
    deadline = time.time() + 60
    while True:
        alive = [pid for pid in _children(server_pid) if not _gone(pid)]
        if len(alive) == count and not (set(alive) & without):
            return alive
        assert time.time() < deadline, f"children {alive}, expected {count} without {without}"
        time.sleep(0.3)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads worker processes from /proc (Linux)")
def test_a_killed_server_worker_or_job_worker_is_replaced_and_the_server_keeps_answering(tmp_path):
    port = _free_port()
    server = _start(tmp_path, port, "--local", "--workers", "2")
    try:
        _wait_until_serving(server, port)
        children = _wait_for_children(server.pid, 3, set())
        web = [pid for pid in children if not _is_job_worker(pid)]
        jobs = [pid for pid in children if _is_job_worker(pid)]
        assert len(web) == 2 and len(jobs) == 1
        for victim in web:  # both, one after the other: without replacement the second kill ends serving
            os.kill(victim, signal.SIGKILL)
            children = _wait_for_children(server.pid, 3, {victim})
            assert _request(port, "GET", "/static/web/app.css")[0] == 200
        os.kill(jobs[0], signal.SIGKILL)
        children = _wait_for_children(server.pid, 3, {jobs[0]})
        assert sum(_is_job_worker(pid) for pid in children) == 1
        for _ in range(6):  # every request is answered, whichever worker accepts it
            assert _request(port, "GET", "/static/web/app.css")[0] == 200
    finally:
        stderr = _stop(server)
    assert stderr.count("starting a replacement") == 3
