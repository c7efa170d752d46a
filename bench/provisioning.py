"""A company of 500 people provisioned by SCIM through a real `ownpath serve`, on SQLite and PostgreSQL.

    PYTHONPATH=src python bench/provisioning.py [--people 500] [--postgresql postgresql://postgres@127.0.0.1:5432/ownpath_bench]

Creates the users one request each (as Entra ID and Okta do), then 25 groups, then deactivates
five; prints the median and p95 of each kind of request and what the organisation holds after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import ROOT, free_port, start_server  # noqa: E402


def _ownpath(env: dict, *args: str) -> str:
    return subprocess.run([sys.executable, "-m", "ownpath", *args], env=env, capture_output=True, text=True,
                          check=True).stdout


def _timed(client: httpx.Client, method: str, path: str, body: dict | None = None) -> tuple[float, httpx.Response]:
    start = time.perf_counter()
    response = client.request(method, path, json=body, headers={"Content-Type": "application/scim+json"})
    return (time.perf_counter() - start) * 1000, response


def run(database_url: str, people: int, workdir: Path) -> None:
    """Provision the company on one database and print the figures."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OWNPATH_")}
    env.update(PYTHONPATH=str(ROOT / "src"), OWNPATH_DATABASE_URL=database_url, OWNPATH_DATA_DIR=str(workdir))
    _ownpath(env, "org", "create", "Bench Corp")
    key = _ownpath(env, "directory", "token", "create", "Bench Corp", "bench").strip().splitlines()[-1]
    port = free_port()
    server = start_server(database_url, port, workdir, extra_env={"OWNPATH_LOG_LEVEL": "WARNING"})
    try:
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}/scim/v2", timeout=120,
                              headers={"Authorization": f"Bearer {key}"})
        users, ids = [], []
        for n in range(people):
            took, response = _timed(client, "POST", "/Users", {
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": f"person{n}",
                "name": {"givenName": "Person", "familyName": str(n)},
                "emails": [{"value": f"person{n}@bench.example", "primary": True}], "active": True})
            assert response.status_code == 201, response.text
            users.append(took)
            ids.append(response.json()["id"])
        groups = []
        size = max(1, people // 25)
        for g in range(25):
            took, response = _timed(client, "POST", "/Groups", {
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": f"Team {g}",
                "members": [{"value": pk} for pk in ids[g * size:(g + 1) * size]]})
            assert response.status_code == 201, response.text
            groups.append(took)
        leaves = []
        for pk in ids[:5]:
            took, response = _timed(client, "PATCH", f"/Users/{pk}", {
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [{"op": "replace", "path": "active", "value": False}]})
            assert response.status_code in (200, 204), response.text
            leaves.append(took)
        took, listing = _timed(client, "GET", '/Users?filter=userName eq "person250"')
    finally:
        server.terminate()
        server.communicate(timeout=20)
    members = _ownpath(env, "org", "members", "Bench Corp").count("member of Team")

    def figures(times: list[float]) -> str:
        return f"median {statistics.median(times):.0f} ms, p95 {sorted(times)[int(0.95 * (len(times) - 1))]:.0f} ms"

    print(f"{database_url.split(':')[0]}: {people} users created ({figures(users)}), 25 groups ({figures(groups)}), "
          f"5 deactivated ({figures(leaves)}), a filtered search {took:.0f} ms; "
          f"{members} team memberships afterwards")


def main() -> None:
    """Run on SQLite, and on PostgreSQL when a URL is given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--postgresql", help="a PostgreSQL URL whose database may be dropped and re-created")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{folder}/bench.sqlite3", args.people, Path(folder))
    if args.postgresql:
        name = args.postgresql.rsplit("/", 1)[-1]
        admin = args.postgresql.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
        with tempfile.TemporaryDirectory() as folder:
            run(args.postgresql, args.people, Path(folder))


if __name__ == "__main__":
    main()
