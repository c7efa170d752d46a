"""Two confirms of one upload at the same moment, as two browser tabs would send them.

Used in-process by the tests (PostgreSQL) and as a script on a file-backed SQLite database:
``python -m tests.imports.concurrent_confirm sqlite:///PATH`` prints the outcome as JSON.
"""

from __future__ import annotations

import json
import os
import sys
import threading

JOURNAL_CSV = b"date,activity,hours,energy,note\n2025-03-03,research,2,2,read\n2025-03-04,writing,1,1,draft\n"


def confirm_twice_at_once(user) -> dict:
    """Upload a file for `user`, confirm it from two threads at once; the answers and the entries saved."""
    from django.db import connections
    from django.test import Client

    from ownpath.imports.planning import ImportOptions
    from ownpath.imports.uploads import store_upload
    from ownpath.journal.models import Episode

    store_upload(user, JOURNAL_CSV, "journal.csv", ImportOptions())
    start = threading.Barrier(2)
    answers: list[tuple[int, str]] = []

    def confirm():
        try:
            client = Client()
            client.force_login(user)
            start.wait()
            response = client.post("/import/confirm/")
            answers.append((response.status_code, response.content.decode()))
        except Exception as exc:  # what a server would answer with a 500
            answers.append((500, repr(exc)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"statuses": sorted(status for status, _ in answers),
            "messages": [body for status, body in answers if status != 302],
            "entries": Episode.objects.filter(user=user).count()}


def main(database_url: str) -> None:
    """Set up Django on the given database, make a person and print the outcome of the two confirms."""
    os.environ["OWNPATH_DATABASE_URL"] = database_url
    os.environ["OWNPATH_ALLOWED_HOSTS"] = "testserver"  # the host Django's test client sends
    from ownpath.cli.context import setup_django

    setup_django()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("robin", password="a long unusual phrase 42")
    outcome = confirm_twice_at_once(user)
    outcome["messages"] = ["already imported or cancelled" in body for body in outcome["messages"]]
    print(json.dumps(outcome))


if __name__ == "__main__":
    main(sys.argv[1])
