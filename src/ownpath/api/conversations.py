"""JSON API for career conversations (registered on the main API with one line).

Every route calls ``conversations.services``, which decides who sees what: the two sides only,
answers and reviews to the manager only as far as the person shares them; anyone else gets 404.
"""

from __future__ import annotations

from ninja import Router
from ninja.responses import Status

from ownpath.api import answers as A
from ownpath.api.strict import StrictSchema
from ownpath.conversations import services as conversations



def _side_of_conversation(request):
    """Authenticate (token or session), then refuse anyone but the two sides before the body is read.

    Ninja runs authentication before it parses a request body, so an outsider gets 404 for every
    route naming a conversation or agreement, whatever they send, never a 400 about their body.
    """
    from ninja.security import django_auth

    from ownpath.api.api import TokenAuth

    user = TokenAuth()(request) or django_auth(request)
    if not user:
        return None
    kwargs = getattr(request.resolver_match, "kwargs", {}) or {}
    if "conversation_id" in kwargs:
        conversations.get_conversation(user, kwargs["conversation_id"])
    if "agreement_id" in kwargs:
        conversations.get_agreement(user, kwargs["agreement_id"])
    return user


router = Router(tags=["conversations"], auth=_side_of_conversation)


class OpenIn(StrictSchema):
    """A new conversation: the report's username or id, the date, and for a recurring 1:1 the weeks between."""

    person: str
    date: str
    cadence_weeks: int | None = None


class NoteIn(StrictSchema):
    """A note: shared with the other side, or (the manager only) private to its author."""

    text: str
    private: bool = False


class TextIn(StrictSchema):
    """A piece of text: an agenda item or a note."""

    text: str


class AnswerIn(StrictSchema):
    """The person's answer; `shared_with_manager` left out keeps the earlier choice (private when new)."""

    text: str
    shared_with_manager: bool | None = None


class ShareIn(StrictSchema):
    """Show to the manager (true) or take back (false)."""

    shared: bool


class AgreementIn(StrictSchema):
    """An agreement: text, owner (username; default the person), due date, weekly hour changes per activity."""

    text: str
    owner: str | None = None
    due_date: str | None = None
    hour_changes: dict[str, float] | None = None


class StatusIn(StrictSchema):
    """A new status."""

    status: str


def _summary(c) -> dict:
    return {"id": c.pk, "date": c.date.isoformat(), "person": c.person.username, "manager": c.manager.username,
            "status": c.status}


@router.get("", summary="Your conversations", response=A.answers(list[A.ConversationSummary]))
def list_conversations(request):
    """Conversations you are in, as the person or as their current manager."""
    return [_summary(c) for c in conversations.conversations_of(request.user)]


@router.post("", summary="Open a conversation with a report", response=A.answers(A.Conversation, 201))
def open_conversation(request, data: OpenIn):
    """Managers only: opens a conversation with one of their reports; the agenda starts from five questions."""
    report = conversations.find_report(request.user, data.person)
    return Status(201, conversations.conversation_view(request.user,
                                                        conversations.open_conversation(
                                                            request.user, report, data.date,
                                                            cadence_weeks=data.cadence_weeks).pk))


@router.get("/{conversation_id}", summary="One conversation as your side sees it", response=A.answers(A.Conversation))
def get_conversation(request, conversation_id: int):
    """Agenda, answers (the manager sees shared ones only), agreements, earlier agreements reviewed, notes."""
    return conversations.conversation_view(request.user, conversation_id)


@router.post("/{conversation_id}/status", summary="Set the conversation's status",
             response=A.answers(A.ConversationSummary))
def set_status(request, conversation_id: int, data: StatusIn):
    """planned, held or cancelled."""
    return _summary(conversations.set_status(request.user, conversation_id, data.status))


@router.post("/{conversation_id}/agenda", summary="Add an agenda item", response=A.answers(A.AgendaItem, 201))
def add_agenda_item(request, conversation_id: int, data: TextIn):
    """Either side adds a point to the agenda."""
    item = conversations.add_agenda_item(request.user, conversation_id, data.text)
    return Status(201, {"id": item.pk, "text": item.text})


@router.put("/{conversation_id}/agenda/{item_id}/answer", summary="Answer an agenda item (the person only)",
            response=A.answers(A.AnswerOut))
def answer(request, conversation_id: int, item_id: int, data: AnswerIn):
    """Your private answer; shared_with_manager decides whether your manager sees it."""
    found = conversations.answer(request.user, conversation_id, item_id, data.text, data.shared_with_manager)
    return {"item": item_id, "text": found.text, "shared_with_manager": found.shared_with_manager}


@router.post("/{conversation_id}/agenda/{item_id}/share", summary="Show or hide an answer to the manager",
             response=A.answers(A.AnswerShared))
def share_answer(request, conversation_id: int, item_id: int, data: ShareIn):
    """The person only; from a take-back on the manager sees nothing of it."""
    found = conversations.share_answer(request.user, conversation_id, item_id, data.shared)
    return {"item": item_id, "shared_with_manager": found.shared_with_manager}


@router.post("/{conversation_id}/agreements", summary="Record an agreement", response=A.answers(A.Agreement, 201))
def agree(request, conversation_id: int, data: AgreementIn):
    """Either side; hour_changes such as {"admin": -4, "research": 4} are reviewed later against the journal."""
    made = conversations.agree(request.user, conversation_id, data.text, owner=data.owner, due_date=data.due_date,
                               hour_changes=data.hour_changes)
    return Status(201, {"id": made.pk, "text": made.text, "owner": made.owner.username,
                        "due_date": made.due_date.isoformat() if made.due_date else None,
                        "hour_changes": {c.activity: c.hours_per_week for c in made.changes.all()}})


@router.post("/agreements/{agreement_id}/status", summary="Mark an agreement open, done or dropped",
             response=A.answers(A.AgreementStatus))
def agreement_status(request, agreement_id: int, data: StatusIn):
    """Either side."""
    found = conversations.set_agreement_status(request.user, agreement_id, data.status)
    return {"id": found.pk, "status": found.status}


@router.post("/agreements/{agreement_id}/review-share", summary="Show or hide an agreement's journal review",
             response=A.answers(A.ReviewShared))
def review_share(request, agreement_id: int, data: ShareIn):
    """The person only: may the manager see how the journal moved against this agreement?"""
    found = conversations.share_agreement_review(request.user, agreement_id, data.shared)
    return {"id": found.pk, "review_shared_with_manager": found.review_shared_with_manager}


@router.post("/{conversation_id}/notes", summary="Write a note", response=A.answers(A.Note, 201))
def add_note(request, conversation_id: int, data: NoteIn):
    """Either side writes a shared note; the manager may write a private one (never shown to the person)."""
    note = conversations.add_note(request.user, conversation_id, data.text, private=data.private)
    return Status(201, {"id": note.pk, "author": request.user.username, "text": note.text, "private": note.private})


@router.get("/{conversation_id}/export", summary="Export as Markdown or JSON", response=A.answers(A.Export))
def export(request, conversation_id: int, format: str = "json"):
    """The conversation as your side sees it; format=markdown gives {"markdown": "..."}."""
    import json

    text = conversations.export_conversation(request.user, conversation_id, format)
    return json.loads(text) if format == "json" else {"markdown": text}
