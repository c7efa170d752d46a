"""Invitations by e-mail go through Django's e-mail framework to a real SMTP server (aiosmtpd on loopback)."""

from __future__ import annotations

import re
import runpy
import socket
from email import message_from_bytes
from pathlib import Path

import pytest
from django.test import Client

from ownpath.teams import services as teams

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free loopback port; Django sends to it; yields the messages that arrived."""
    from aiosmtpd.controller import Controller

    arrived = []

    class Collect:
        async def handle_DATA(self, server, session, envelope):
            arrived.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
            return "250 OK"

    port = _free_port()
    controller = Controller(Collect(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.DEFAULT_FROM_EMAIL = "ownpath@acme.test"
    try:
        yield arrived
    finally:
        controller.stop()


def test_an_invitation_e_mail_arrives_with_a_link_that_joins(org, smtp_server, django_user_model, run_jobs):
    admin = Client()
    admin.force_login(org.admin)
    response = admin.post(f"/orgs/{org.acme.pk}/invitations/new/",
                          {"role": "member", "team": org.sales.pk, "email": "nora@acme.test"})
    assert response.status_code == 302
    assert smtp_server == []  # queued: the background worker sends it
    run_jobs()
    assert len(smtp_server) == 1
    recipients, message = smtp_server[0]
    assert recipients == ["nora@acme.test"] and message["From"] == "ownpath@acme.test"
    assert message["Subject"] == "Invitation to Acme on ownpath"
    body = message.get_payload(decode=True).decode()
    assert "Joining shares nothing" in body
    link = re.search(r"http://testserver(/join/[\w-]+/)", body).group(1)
    nora = django_user_model.objects.create_user("nora")
    newcomer = Client()
    newcomer.force_login(nora)
    assert newcomer.post(link).status_code == 302
    assert teams.is_manager_of(org.other_manager, nora)


def test_send_invitation_needs_an_address(org):
    from ownpath.errors import UserInputError

    link_only = teams.invite(org.admin, org.acme, team=org.sales)
    with pytest.raises(UserInputError, match="this invitation is a link"):
        teams.send_invitation(link_only)


def test_smtp_settings_come_from_the_environment(monkeypatch):
    for name, value in {"OWNPATH_EMAIL_HOST": "smtp.acme.test", "OWNPATH_EMAIL_PORT": "2525",
                        "OWNPATH_EMAIL_USER": "bot", "OWNPATH_EMAIL_PASSWORD": "secret",
                        "OWNPATH_EMAIL_USE_TLS": "0", "OWNPATH_EMAIL_FROM": "team@acme.test"}.items():
        monkeypatch.setenv(name, value)
    loaded = runpy.run_path(str(Path(teams.__file__).parents[1] / "settings.py"))
    assert loaded["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (loaded["EMAIL_HOST"], loaded["EMAIL_PORT"], loaded["EMAIL_HOST_USER"]) == ("smtp.acme.test", 2525, "bot")
    assert loaded["EMAIL_USE_TLS"] is False and loaded["DEFAULT_FROM_EMAIL"] == "team@acme.test"
    monkeypatch.delenv("OWNPATH_EMAIL_HOST")
    assert runpy.run_path(str(Path(teams.__file__).parents[1] / "settings.py"))["EMAIL_BACKEND"].endswith("console.EmailBackend")
