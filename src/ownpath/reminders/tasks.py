"""The reminders as a periodic job of the background worker (see OWNPATH_PERIODIC_JOBS in settings)."""

from __future__ import annotations

from django_tasks import task

from ownpath.reminders.services import send_due_reminders


@task()
def send_reminders() -> dict[str, int]:
    """Send the daily nudges and weekly reflections that are due now; each at most once a day."""
    return send_due_reminders()
