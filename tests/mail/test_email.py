"""E-mail goes through a real SMTP server, from settings read from the environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ownpath.errors import UserInputError
from ownpath.mail.services import queue_email

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_queued_email_arrives_at_a_real_smtp_server(smtp_server, run_jobs, settings):
    settings.DEFAULT_FROM_EMAIL = "ownpath <team@example.org>"
    queue_email("sam@example.org", "Reminder: career conversation tomorrow", "Your agenda is ready.")
    run_jobs()
    [message] = smtp_server.messages
    assert message["Subject"] == "Reminder: career conversation tomorrow"
    assert message["To"] == "sam@example.org"
    assert message["From"] == "ownpath <team@example.org>"
    assert "Your agenda is ready." in message.get_content()
    assert smtp_server.envelopes == [("team@example.org", ["sam@example.org"])]


@pytest.mark.django_db
def test_an_unreachable_smtp_server_fails_the_job_not_the_request(settings, run_jobs):
    from django_tasks_db.models import DBTaskResult
    from tests.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", free_port(), False
    queue_email("sam@example.org", "Subject", "Body")  # returns at once
    run_jobs()
    assert DBTaskResult.objects.get().status == "FAILED"


@pytest.mark.parametrize("to, subject", [([], "Subject"), (["  "], "Subject"), ("a@example.org", "two\nlines")])
def test_queue_email_refuses_no_recipient_or_a_multi_line_subject(to, subject):
    with pytest.raises(UserInputError):
        queue_email(to, subject, "Body")


def _settings_in_a_fresh_process(**env) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OWNPATH_")}
    clean.update(PYTHONPATH=str(ROOT / "src"), DJANGO_SETTINGS_MODULE="ownpath.settings", **env)
    code = ("import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k) for k in "
            "['EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', 'EMAIL_HOST_PASSWORD', "
            "'EMAIL_USE_TLS', 'DEFAULT_FROM_EMAIL']}))")
    output = subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=True)
    return json.loads(output.stdout)


def test_smtp_settings_come_from_the_environment():
    found = _settings_in_a_fresh_process(OWNPATH_EMAIL_HOST="smtp.example.org", OWNPATH_EMAIL_PORT="2525",
                                         OWNPATH_EMAIL_USER="ownpath", OWNPATH_EMAIL_PASSWORD="s3cret",
                                         OWNPATH_EMAIL_USE_TLS="1", OWNPATH_EMAIL_FROM="people@example.org")
    assert found == {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "smtp.example.org",
                     "EMAIL_PORT": 2525, "EMAIL_HOST_USER": "ownpath", "EMAIL_HOST_PASSWORD": "s3cret",
                     "EMAIL_USE_TLS": True, "DEFAULT_FROM_EMAIL": "people@example.org"}


def test_without_an_smtp_host_email_goes_to_the_console():
    assert _settings_in_a_fresh_process()["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
