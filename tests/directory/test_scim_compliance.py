"""An independent SCIM 2.0 checker (scim2-tester) against a real `ownpath serve` on loopback.

The checker discovers the server, then creates, reads, searches, patches, replaces and deletes
Users and Groups; every one of its checks must pass.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter

from tests.cli.test_serve import ROOT, _free_port, _get


def _ownpath(env: dict, *args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "ownpath", *args], env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_scim_endpoint_passes_an_independent_compliance_checker(tmp_path):
    import httpx2
    from scim2_client.engines.httpx2 import SyncSCIMClient
    from scim2_tester import Status, check_server

    env = {k: v for k, v in os.environ.items() if not k.startswith("OWNPATH_")}
    env.update(PYTHONPATH=str(ROOT / "src"), OWNPATH_DATA_DIR=str(tmp_path))
    _ownpath(env, "org", "create", "Acme")
    key = _ownpath(env, "directory", "token", "create", "Acme", "compliance checker").strip().splitlines()[-1]
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "ownpath", "serve", "--port", str(port), "--no-worker"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 90
        while True:
            try:
                _get(port, "/scim/v2/ServiceProviderConfig")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.time() < deadline, "server did not start"
                time.sleep(0.3)
        client = SyncSCIMClient(httpx2.Client(base_url=f"http://127.0.0.1:{port}/scim/v2", timeout=60,
                                              headers={"Authorization": f"Bearer {key}"}))
        results = check_server(client)
    finally:
        server.terminate()
        server.communicate(timeout=20)
    failed = [f"{r.title}: {r.reason}" for r in results if r.status not in (Status.SUCCESS, Status.SKIPPED)]
    assert not failed, failed
    assert Counter(r.status for r in results)[Status.SUCCESS] >= 100
