"""Queue e-mail to people: the request returns at once, the worker talks to the mail server."""

from __future__ import annotations

from ownpath.errors import UserInputError


def queue_email(to: str | list[str], subject: str, body: str) -> str:
    """Queue a plain-text e-mail for the worker; returns the job id.

    Call it inside the transaction that decided to send: a rolled-back change sends nothing.
    """
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [address.strip() for address in recipients if address and address.strip()]
    if not recipients:
        raise UserInputError("an e-mail needs at least one recipient address")
    if "\n" in subject or "\r" in subject:
        raise UserInputError("an e-mail subject must be one line")
    from ownpath.mail.tasks import deliver_email

    return str(deliver_email.enqueue(recipients, subject, body).id)
