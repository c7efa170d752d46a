"""An organisation of 10,000 people in 1,000 teams with a year of journals, on PostgreSQL.

    python bench/org_scale.py [--people 10000] [--per-day 2] [--requests 60]

Seeds the database ownpath_bench_org (on OWNPATH_BENCH_PG, default postgres@127.0.0.1:5432) with
psycopg's COPY: 100 departments of 10 sub-teams (1,000 teams + the departments' own), every person in
one team, a year of journals (--per-day entries on each workday), shares (about half of the people
share some items with their manager, 60% share four items for anonymous aggregates) and their
aggregate contributions (what the refresh job writes). Then, in-process through Django's test
client, it times:
  * the manager's team page (/team/manage/): the first view of each manager with nothing stored
    (their reports' insights are fitted), the first view in a new server process (insights stored
    by the first views, as the refresh job keeps them) and later views (cached), p50/p95;
  * the people lead's page (/orgs/ID/people/): first view and later views, p50/p95;
  * that a sharing change is visible on the very next request (a revoke on the team page, and an
    aggregate revoke withholding the organisation's figure at once), and how long the worker takes
    to publish the next release of the organisation's figures;
  * one person's aggregate-contribution refresh (the background job's unit of work).
Target: p95 < 300 ms for both pages. Figures are printed; nothing is asserted on time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_SERVER = os.environ.get("OWNPATH_BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
PG_DATABASE = "ownpath_bench_org"
DEPARTMENTS = 100
SUB_TEAMS = 9  # + the department's own team = 10 teams per department, 1,000 in all
SHARED_WITH_MANAGER = ("top_energizers", "top_drains", "want_from_role", "growth_share")
AGGREGATE_ITEMS = ("top_energizers", "top_drains", "hours_vs_target", "growth_share")


def _copy(cursor, table: str, columns: tuple[str, ...], rows) -> int:
    """COPY rows (tuples) into a table; returns how many."""
    n = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


def seed(people: int, per_day: int, seed_value: int = 7) -> dict:
    """Fill the (migrated) database; returns ids the timings need."""
    import psycopg
    from django.db import connection

    rng = random.Random(seed_value)
    now = dt.datetime.now(dt.timezone.utc)
    per_department = people // DEPARTMENTS
    per_team = per_department // (SUB_TEAMS + 1)
    with connection.cursor() as django_cursor:
        django_cursor.execute("SELECT id, slug FROM journal_activity WHERE owner_id IS NULL ORDER BY slug")
        activities = django_cursor.fetchall()
    raw: psycopg.Connection = connection.connection
    cursor = raw.cursor()
    started = time.perf_counter()
    _copy(cursor, "auth_user", ("id", "password", "is_superuser", "username", "first_name", "last_name", "email",
                                "is_staff", "is_active", "date_joined"),
          ((i, "!", False, f"p{i:05d}", "", "", "", False, True, now) for i in range(1, people + 1)))
    _copy(cursor, "teams_organisation", ("id", "name", "created_at"), [(1, "Bench Org", now)])
    teams, memberships, managers = [], [], {}
    team_id = 0
    person = 1
    for d in range(DEPARTMENTS):
        team_id += 1
        department = team_id
        teams.append((department, 1, None, f"Department {d:03d}", now))
        team_ids = [department]
        for s in range(SUB_TEAMS):
            team_id += 1
            teams.append((team_id, 1, department, f"Team {d:03d}-{s}", now))
            team_ids.append(team_id)
        for t in team_ids:
            for k in range(per_team):
                role = "manager" if k == 0 else "member"
                memberships.append((len(memberships) + 1, t, person, role, now))
                if role == "manager":
                    managers[t] = person
                person += 1
    _copy(cursor, "teams_team", ("id", "organisation_id", "parent_id", "name", "created_at"), teams)
    _copy(cursor, "teams_membership", ("id", "team_id", "person_id", "role", "created_at"), memberships)
    lead = 1
    _copy(cursor, "teams_organisationrole", ("id", "organisation_id", "person_id", "role", "created_at"),
          [(1, 1, lead, "people_lead", now), (2, 1, 2, "admin", now)])
    _copy(cursor, "journal_personsettings", ("id", "user_id", "target_hours_per_week"),
          ((i, i, 40.0) for i in range(1, people + 1)))
    _copy(cursor, "sharing_careerwish", ("id", "person_id", "want_from_role", "five_year_wish", "updated_at"),
          ((i, i, f"more of what I am good at (person {i})", "lead a small team", now) for i in range(1, people + 1)))
    seeded = time.perf_counter()

    # A year of workdays, `per_day` entries each; each person likes some activities and not others.
    start = dt.date.today() - dt.timedelta(days=365)
    days = [start + dt.timedelta(days=i) for i in range(365) if (start + dt.timedelta(days=i)).weekday() < 5]

    def episodes():
        import uuid

        episode_id = 0
        for p in range(1, people + 1):
            taste = {a: rng.gauss(0, 0.8) for a, _ in activities}
            mine = rng.sample(activities, 6)
            for day in days:
                for _ in range(per_day):
                    activity_id, _slug = mine[rng.randrange(6)]
                    energy = max(-2, min(2, round(taste[activity_id] + rng.gauss(0, 0.9))))
                    episode_id += 1
                    yield (episode_id, uuid.uuid4(), p, day, activity_id, rng.choice((2.0, 3.0, 4.0)), energy,
                           rng.randint(2, 5), rng.random() < 0.4, False, "", "", "", False, "", "", "", now, now)

    n_episodes = _copy(cursor, "journal_episode",
                       ("id", "uuid", "user_id", "date", "activity_id", "hours", "energy", "skill", "growth",
                        "off_clock", "with_whom", "place", "tools", "flow", "note", "source", "external_id",
                        "created_at", "updated_at"),
                       episodes())
    journals = time.perf_counter()

    shares, contributions = [], []
    for p in range(1, people + 1):
        if rng.random() < 0.5:
            for item in SHARED_WITH_MANAGER:
                shares.append((len(shares) + 1, p, item, "manager", "live", now))
        if rng.random() < 0.6:
            for item in AGGREGATE_ITEMS:
                shares.append((len(shares) + 1, p, item, "aggregate", "live", now))
                slugs = [slug for _, slug in rng.sample(activities, 3)]
                value = {"top_energizers": {"activities": slugs}, "top_drains": {"activities": slugs[::-1]},
                         "hours_vs_target": {"excess": rng.gauss(2, 4), "over": rng.random() < 0.6},
                         "growth_share": {"share": rng.random() * 0.6}}[item]
                contributions.append((len(contributions) + 1, p, item, json.dumps(value), "seeded", now))
    _copy(cursor, "sharing_share", ("id", "owner_id", "item", "audience", "mode", "created_at"), shares)
    _copy(cursor, "sharing_aggregatecontribution", ("id", "person_id", "item", "value", "journal_state",
                                                    "computed_at"), contributions)
    for table in ("auth_user", "teams_organisation", "teams_team", "teams_membership", "teams_organisationrole",
                  "journal_personsettings", "sharing_careerwish", "journal_episode", "sharing_share",
                  "sharing_aggregatecontribution"):
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    cursor.execute("ANALYZE")
    raw.commit()
    done = time.perf_counter()
    print(f"seeded {people:,} people, {len(teams):,} teams, {n_episodes:,} entries, {len(shares):,} shares "
          f"in {done - started:.0f} s (journals {journals - seeded:.0f} s)")
    return {"managers": managers, "lead": lead, "people": people}


def _timings(label: str, values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return f"{label:<48} n={len(values):>3}  p50 {statistics.median(values) * 1000:7.0f} ms  p95 {p95 * 1000:7.0f} ms"


def measure(ids: dict, requests: int) -> None:
    """Time the pages, check sharing changes are immediate, time one contribution refresh."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from ownpath.sharing import aggregates
    from ownpath.sharing import services as sharing
    from django.core.cache import cache

    from ownpath.sharing.models import AggregateRelease, Share, StoredInsights
    from ownpath.teams.models import Organisation

    User = get_user_model()
    rng = random.Random(11)
    managers = rng.sample(sorted(set(ids["managers"].values())), requests)
    clients = {}

    def client(person_id: int) -> Client:
        if person_id not in clients:
            clients[person_id] = Client(HTTP_HOST="localhost")
            clients[person_id].force_login(User.objects.get(pk=person_id))
        return clients[person_id]

    def timed(person_id: int, url: str) -> tuple[float, str]:
        started = time.perf_counter()
        response = client(person_id).get(url)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url, response.status_code)
        return elapsed, response.content.decode()

    # Start afresh (a re-used database keeps the last run's releases and stored insights).
    AggregateRelease.objects.all().delete()
    StoredInsights.objects.all().delete()
    first = [timed(m, "/team/manage/")[0] for m in managers]
    cache.clear()  # a new server process: empty cache, the insights stored by the first views (or the job)
    restarted = [timed(m, "/team/manage/")[0] for m in managers]
    again = [timed(m, "/team/manage/")[0] for m in managers for _ in range(2)]
    organisation = Organisation.objects.get()
    people_url = f"/orgs/{organisation.pk}/people/"
    lead_first = [timed(ids["lead"], people_url)[0]]
    lead_again = [timed(ids["lead"], people_url)[0] for _ in range(requests)]
    print(_timings("manager's team page, first view, nothing stored", first))
    print(_timings("manager's team page, new process, stored", restarted))
    print(_timings("manager's team page, later views", again))
    print(_timings("people lead's page, first view", lead_first))
    print(_timings("people lead's page, later views", lead_again))

    # A sharing change is visible on the next request.
    manager = managers[0]
    report_share = Share.objects.filter(owner__memberships__team__memberships__person_id=manager,
                                        owner__memberships__role="member", audience="manager",
                                        item="want_from_role", revoked_at__isnull=True).first()
    if report_share is not None:
        owner = report_share.owner
        before = timed(manager, "/team/manage/")[1].count(f"(person {owner.pk})")
        started = time.perf_counter()
        sharing.revoke(owner, report_share.pk)
        elapsed, page = timed(manager, "/team/manage/")
        print(f"revoke -> team page: words shown {before}x before, {page.count(f'(person {owner.pk})')}x on the "
              f"next request ({(time.perf_counter() - started) * 1000:.0f} ms later)")
    lead = User.objects.get(pk=ids["lead"])

    def organisation_growth_share() -> str:
        entry = aggregates.organisation_figures(lead, organisation)["organisation"]["growth_share"]
        return f"n={entry['figure']['n']}" if entry["figure"] else f"withheld ({entry['withheld'][:50]}…)"

    shown_before = organisation_growth_share()
    quitters = list(Share.objects.filter(audience="aggregate", item="growth_share", revoked_at__isnull=True)[:5])
    sharing.revoke(quitters[0].owner, quitters[0].pk)
    started = time.perf_counter()
    shown_next = organisation_growth_share()
    print(f"aggregate revoke -> organisation growth-share figure {shown_before} before, {shown_next} on the next "
          f"read ({(time.perf_counter() - started) * 1000:.0f} ms)")
    started = time.perf_counter()
    aggregates.publish_figures(organisation)
    print(f"the worker's new release of the organisation's figures: {time.perf_counter() - started:.2f} s; "
          f"then {organisation_growth_share()}")
    for quitter in quitters[1:]:
        sharing.revoke(quitter.owner, quitter.pk)
    aggregates.publish_figures(organisation)
    print(f"after 5 people stopped sharing and the next release: {organisation_growth_share()}")
    shown = aggregates.organisation_figures(lead, organisation)
    released = sum(1 for t in shown["teams"] if t["items"]["growth_share"]["figure"])
    print(f"team growth-share figures shown: {released} of {len(shown['teams'])} teams "
          f"(the rest: too few contributors, withheld against differencing, or changed by fewer than 5)")
    refresh = []
    for person in User.objects.filter(pk__in=[quitter.owner_id + i for i in range(1, 6)]):
        started = time.perf_counter()
        aggregates.refresh_contributions([person], stale_only=False)
        refresh.append(time.perf_counter() - started)
    print(_timings("one person's contribution refresh", refresh))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--per-day", type=int, default=2, help="journal entries per person per workday")
    parser.add_argument("--requests", type=int, default=60, help="managers sampled (each page view repeated)")
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded database")
    args = parser.parse_args()

    import psycopg

    if not args.reuse:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            connection.execute(f"CREATE DATABASE {PG_DATABASE}")
    os.environ["OWNPATH_DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
    os.environ.setdefault("OWNPATH_ALLOWED_HOSTS", "localhost")
    sys.path.insert(0, str(ROOT / "src"))
    from ownpath.cli.context import setup_django

    setup_django()
    if args.reuse:
        from ownpath.teams.models import Membership

        managers = dict(Membership.objects.filter(role="manager").values_list("team_id", "person_id"))
        ids = {"managers": managers, "lead": 1, "people": args.people}
    else:
        ids = seed(args.people, args.per_day)
    measure(ids, min(args.requests, len(ids["managers"])))


if __name__ == "__main__":
    main()
