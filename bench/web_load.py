"""Load test of the web app on loopback: 20 concurrent people on 5,000-episode journals.

    python bench/web_load.py [--backend sqlite|postgresql|both] [--users 20] [--episodes 5000] [--seconds 15]

For each database it fills one journal of ~5,000 episodes per person, starts `ownpath serve`
(waitress) on 127.0.0.1, logs every person in, and then, for a bounded time each, runs:
  * insights (cold): every person opens the insights page for the first time at once (the model is fitted);
  * insights: every person reloads the insights page in a loop (cached until their journal changes);
  * quick-log POST: every person logs entries in a loop (the HTMX request the browser sends).
Each runs once with no pause between requests (a stress test: 20 requests always in flight) and
once with people pausing about --think seconds between requests, as people using a page do.
  * quick-log POST while another person imports: the 20 log (no pause) while one more person
    uploads a 300-row CSV and confirms it, again and again (`--scenarios import` runs only this).
It prints requests per second, p50/p95/max latency and the error count (any answer but the
expected one: a 500, "database is locked", a 503 busy). Targets on a 2-core machine:
p95 < 150 ms for the quick-log POST and < 400 ms for the insights page.
PostgreSQL uses the database ownpath_bench_web on OWNPATH_BENCH_PG (default postgres@127.0.0.1:5432).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from serving import free_port, start_server

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench passphrase 2026"
PG_SERVER = os.environ.get("OWNPATH_BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
# Name it per checkout (e.g. ownpath_bench_web_BRANCH) when several runs share one server.
PG_DATABASE = os.environ.get("OWNPATH_BENCH_PG_DATABASE", "ownpath_bench_web")
WORKERS = 2
IMPORTER = "bench-importer"
IMPORT_ROWS = 300


# --- preparing a database (runs in a child process, so each backend gets a fresh Django) --------

def setup_database(database_url: str, users: int, episodes: int) -> None:
    """Migrate, create the people and fill each journal with a generated persona."""
    os.environ["OWNPATH_DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT / "src"))
    from ownpath.cli.context import setup_django

    setup_django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from ownpath.demo.services import fill_demo_journal

    weeks = max(1, round(episodes / 20))  # the personas log about 20 entries a week
    password = make_password(PASSWORD)
    get_user_model().objects.create(username=IMPORTER, password=password)
    personas = ("research_analyst", "top_salesperson", "people_coach")
    for i in range(users):
        user = get_user_model().objects.create(username=f"bench{i:02d}", password=password)
        fill_demo_journal(user, personas[i % len(personas)], weeks=weeks, seed=i)


def prepare(backend: str, workdir: Path, users: int, episodes: int) -> str:
    """A fresh database for the backend, filled; returns its URL."""
    if backend == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            connection.execute(f"CREATE DATABASE {PG_DATABASE}")
        url = f"{PG_SERVER}/{PG_DATABASE}"
    subprocess.run([sys.executable, __file__, "--setup", url, "--users", str(users), "--episodes", str(episodes)],
                   check=True, cwd=ROOT)
    return url


# --- the server -----------------------------------------------------------------------------

# --- a person in a browser (keep-alive connection, cookies, CSRF) ------------------------------

class Person:
    """One logged-in person with their own keep-alive connection."""

    def __init__(self, port: int, username: str):
        self.port, self.username = port, username
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        data = urllib.parse.urlencode(body) if body is not None else None
        all_headers = {"Host": f"127.0.0.1:{self.port}",
                       "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} | (headers or {})
        if data is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
            all_headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        self.connection.request(method, path, body=data, headers=all_headers)
        response = self.connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content

    def log_in(self) -> None:
        self.request("GET", "/login/")
        status, _ = self.request("POST", "/login/", {"username": self.username, "password": PASSWORD,
                                                     "csrfmiddlewaretoken": self.cookies["csrftoken"]})
        if status != 302:
            raise SystemExit(f"log-in of {self.username} failed with {status}")

    def upload(self, filename: str, data: bytes) -> int:
        """Upload a file on the Import page (multipart, as the browser sends it); 200 shows its preview."""
        boundary = f"----ownpath-bench-{random.getrandbits(64):x}"
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
                 f'{self.cookies["csrftoken"]}\r\n'.encode(),
                 f'--{boundary}\r\nContent-Disposition: form-data; name="format"\r\n\r\nauto\r\n'.encode(),
                 f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                 f'Content-Type: text/csv\r\n\r\n'.encode() + data + b"\r\n", f"--{boundary}--\r\n".encode()]
        body = b"".join(parts)
        self.connection.request("POST", "/import/", body=body, headers={
            "Host": f"127.0.0.1:{self.port}", "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Referer": f"http://127.0.0.1:{self.port}/import/",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())})
        response = self.connection.getresponse()
        content = response.read()
        return response.status if b"confirm-import" in content else 599

    def import_once(self, round_number: int) -> tuple[int, int]:
        """Upload a CSV of IMPORT_ROWS new entries and confirm it; the two answers' statuses."""
        today = dt.date.today()
        # Spread over ten years, so no day nears 24 logged hours however many rounds run.
        rows = [f"{today - dt.timedelta(days=1 + (round_number * IMPORT_ROWS + i) % 3650)},research,0.5,1,"
                f"bench import {round_number}-{i}"
                for i in range(IMPORT_ROWS)]
        data = ("date,activity,hours,energy,note\n" + "\n".join(rows) + "\n").encode()
        uploaded = self.upload(f"bench-{round_number}.csv", data)
        if uploaded != 200:
            return uploaded, 0
        status, _ = self.request("POST", "/import/confirm/", {"csrfmiddlewaretoken": self.cookies["csrftoken"]})
        return uploaded, status

    def insights(self) -> int:
        status, content = self.request("GET", "/insights/")
        return status if b"What energizes and drains you" in content else 599

    def quick_log(self, rng: random.Random) -> int:
        status, content = self.request("POST", "/journal/log/", {
            "csrfmiddlewaretoken": self.cookies["csrftoken"], "activity": rng.choice(
                ["research", "writing", "meetings", "analysis", "managing"]),
            "hours": str(rng.choice([0.5, 1, 1.5, 2])), "energy": str(rng.randint(-2, 2)),
            # A day holds at most 24 h: spread entries over years before the seeded journals.
            "date": (dt.date.today() - dt.timedelta(days=rng.randint(2000, 9000))).isoformat(), "note": "bench"},
            headers={"HX-Request": "true"})
        return status if b"Saved:" in content else 599


# --- running a scenario ---------------------------------------------------------------------

def run(people: list[Person], action, seconds: float | None, once: bool = False, think: float = 0.0) -> dict:
    """Every person repeats the action until the time is up (or once), pausing `think` seconds on
    average (uniform 0.5–1.5 x think) between requests; latencies of successes."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start_gate = threading.Barrier(len(people))
    deadline = [0.0]

    def worker(person: Person, seed: int):
        rng = random.Random(seed)
        start_gate.wait()
        if not deadline[0]:
            deadline[0] = time.perf_counter() + (seconds or 0)
        while True:
            t0 = time.perf_counter()
            status = action(person, rng)
            elapsed = time.perf_counter() - t0
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1
            if once or time.perf_counter() >= deadline[0]:
                break
            if think:
                time.sleep(rng.uniform(0.5, 1.5) * think)

    t_start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(p, i)) for i, p in enumerate(people)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t_start
    ordered = sorted(latencies)

    def pct(q):
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")

    return {"requests": len(latencies), "errors": errors[0], "rps": len(latencies) / wall, "p50": pct(0.50),
            "p95": pct(0.95), "max": ordered[-1] * 1000 if ordered else float("nan"),
            "mean": statistics.fmean(ordered) * 1000 if ordered else float("nan")}


def run_while_importing(people: list[Person], importer: Person, action, seconds: float) -> tuple[dict, dict]:
    """`run` the action for every person while `importer` uploads and confirms files in a loop."""
    stop = threading.Event()
    imports = {"imports": 0, "errors": 0, "latencies": []}

    def keep_importing():
        round_number = 0
        while not stop.is_set():
            round_number += 1
            t0 = time.perf_counter()
            uploaded, confirmed = importer.import_once(round_number)
            if (uploaded, confirmed) == (200, 302):
                imports["imports"] += 1
                imports["latencies"].append(time.perf_counter() - t0)
            else:
                imports["errors"] += 1
                print(f"  import round {round_number}: upload {uploaded}, confirm {confirmed}", flush=True)

    thread = threading.Thread(target=keep_importing)
    thread.start()
    try:
        logging = run(people, action, seconds)
    finally:
        stop.set()
        thread.join()
    ordered = sorted(imports["latencies"])
    imports["p50"] = ordered[len(ordered) // 2] * 1000 if ordered else float("nan")
    return logging, imports


def bench_backend(backend: str, users: int, episodes: int, seconds: float, think: float,
                  scenarios: str = "all") -> list[tuple]:
    workdir = Path(tempfile.mkdtemp(prefix=f"ownpath-bench-{backend}-"))
    try:
        t0 = time.perf_counter()
        url = prepare(backend, workdir, users, episodes)
        print(f"[{backend}] {users} people x ~{episodes} episodes prepared in {time.perf_counter() - t0:.0f} s",
              flush=True)
        port = free_port()
        server = start_server(url, port, workdir, workers=WORKERS, extra_env={"OWNPATH_LOGIN_MAX_FAILURES": "1000"})
        try:
            people = [Person(port, f"bench{i:02d}") for i in range(users)]
            for person in people:
                person.log_in()
            insights = lambda p, r: p.insights()  # noqa: E731
            quick_log = lambda p, r: p.quick_log(r)  # noqa: E731
            results = []
            if scenarios == "all":
                # Insights first: a quick log changes the journal, so the next insights view refits.
                results += [("insights, first view (model fit)", run(people, insights, None, once=True)),
                            ("insights, no pause", run(people, insights, seconds))]
                if think:
                    results.append((f"insights, {think:g} s pauses", run(people, insights, seconds, think=think)))
                results.append(("quick-log POST, no pause", run(people, quick_log, seconds)))
                if think:
                    results.append((f"quick-log POST, {think:g} s pauses",
                                    run(people, quick_log, seconds, think=think)))
            importer = Person(port, IMPORTER)
            importer.log_in()
            logging, imports = run_while_importing(people, importer, quick_log, seconds)
            results.append(("quick-log POST, another imports", logging))
            results.append((f"import {IMPORT_ROWS} rows + confirm", {
                "requests": imports["imports"], "errors": imports["errors"], "rps": float("nan"),
                "p50": imports["p50"], "p95": float("nan"), "max": float("nan")}))
        finally:
            server.terminate()
            server.wait(timeout=10)
        return [(backend, name, r) for name, r in results]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--episodes", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=15.0, help="time per scenario")
    parser.add_argument("--workers", type=int, default=2, help="server processes (ownpath serve --workers)")
    parser.add_argument("--think", type=float, default=1.0,
                        help="also run with each person pausing about this long between requests (0: skip)")
    parser.add_argument("--scenarios", choices=["all", "import"], default="all",
                        help="import: only the quick log while another person imports")
    parser.add_argument("--setup", metavar="DATABASE_URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    global WORKERS
    WORKERS = args.workers
    if args.setup:
        setup_database(args.setup, args.users, args.episodes)
        return 0
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    rows = []
    for backend in backends:
        rows += bench_backend(backend, args.users, args.episodes, args.seconds, args.think, args.scenarios)
    print(f"\n{args.users} concurrent people, each with a ~{args.episodes}-episode journal, {args.seconds:g} s per "
          f"scenario, ownpath serve (waitress, {WORKERS} processes x 8 threads) on 127.0.0.1, {os.cpu_count()} CPUs")
    print(f"{'database':<11}{'scenario':<36}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}"
          f"{'errors':>7}")
    for backend, name, r in rows:
        print(f"{backend:<11}{name:<36}{r['requests']:>9}{r['rps']:>8.1f}{r['p50']:>8.0f}{r['p95']:>8.0f}"
              f"{r['max']:>8.0f}{r['errors']:>7}")
    print("targets: quick-log POST p95 < 150 ms; insights page p95 < 400 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
