"""The job that sends one e-mail (run by `ownpath worker`)."""

from __future__ import annotations

from django.core.mail import send_mail
from django_tasks import task


@task()
def deliver_email(to: list[str], subject: str, body: str) -> int:
    """Send one plain-text message now; returns how many were sent (SMTP errors fail the job)."""
    return send_mail(subject, body, None, to, fail_silently=False)
