"""Career-conversation pages: the list, one conversation page (the person's or the manager's side),
HTMX forms for agenda items, answers and notes, agreements and exports. Views only call
``conversations.services``, which decides who sees what.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ownpath.conversations import services as conversations
from ownpath.demo import switch as demo_switch
from ownpath.errors import NotFound, UserInputError
from ownpath.inputs import as_id
from ownpath.teams import services as teams
from ownpath.web.present import error_html
from ownpath.web.views.common import person_view


def _not_found_stays_404(exc: UserInputError) -> None:
    """NotFound is a UserInputError too, but must stay a 404, never become a 400 page."""
    if isinstance(exc, NotFound):
        raise exc


@person_view
def conversation_list(request, status: int = 200):
    """The viewer's conversations (as the person and as a manager) and, for managers, a form to open one."""
    return render(request, "web/conversations.html", {
        "conversations": conversations.conversations_of(request.user),
        "reports": teams.reports_of(request.user),
        "demo_people": demo_switch.people_to_act_as(request),
    }, status=status)


@require_POST
@person_view
def conversation_open(request):
    """A manager opens a conversation with one of their reports."""
    try:
        report = conversations.find_report(request.user, request.POST.get("person", ""))
        made = conversations.open_conversation(request.user, report, request.POST.get("date", ""))
    except UserInputError as exc:
        _not_found_stays_404(exc)
        messages.error(request, error_html(exc))
        return conversation_list(request, status=400)
    messages.success(request, f"Conversation with {report.username} on {made.date} opened; the agenda is ready.")
    return redirect("web:conversation", made.pk)


def _page(request, conversation_id: int, status: int = 200):
    view = conversations.conversation_view(request.user, conversation_id)
    return render(request, "web/conversation.html", {
        "c": view, "activities": conversations.activity_labels_for(request.user, conversation_id),
        "demo_people": demo_switch.people_to_act_as(request),
        "review_line": conversations.review_line,
    }, status=status)


@person_view
def conversation_page(request, conversation_id: int):
    """One conversation as the viewer's side sees it."""
    return _page(request, conversation_id)


def _partial_or_page(request, conversation_id: int, partial: str, error: str | None = None):
    """HTMX: the redrawn section (with the error inside it, so it shows); otherwise the page or a redirect."""
    if request.htmx:
        view = conversations.conversation_view(request.user, conversation_id)
        return render(request, partial, {"c": view, "error": error})
    if error:
        messages.error(request, error)
        return _page(request, conversation_id, status=400)
    return redirect("web:conversation", conversation_id)


def _change_section(request, conversation_id: int, partial: str, change) -> object:
    """Run one change to the conversation, then redraw its section (or the page) with any error in it."""
    try:
        change()
    except UserInputError as exc:
        _not_found_stays_404(exc)
        return _partial_or_page(request, conversation_id, partial, exc.message)
    return _partial_or_page(request, conversation_id, partial)


@require_POST
@person_view
def agenda_add(request, conversation_id: int):
    """Either side adds an agenda item (HTMX: the agenda is redrawn)."""
    return _change_section(request, conversation_id, "web/partials/conversation_agenda.html", lambda: (
        conversations.add_agenda_item(request.user, conversation_id, request.POST.get("text", ""))))


@require_POST
@person_view
def answer_save(request, conversation_id: int, item_id: int):
    """The person saves their answer and whether their manager sees it."""
    return _change_section(request, conversation_id, "web/partials/conversation_agenda.html", lambda: (
        conversations.answer(request.user, conversation_id, item_id, request.POST.get("text", ""),
                             shared_with_manager=request.POST.get("shared") == "on")))


@require_POST
@person_view
def note_add(request, conversation_id: int):
    """Either side writes a note (HTMX: the notes are redrawn)."""
    return _change_section(request, conversation_id, "web/partials/conversation_notes.html", lambda: (
        conversations.add_note(request.user, conversation_id, request.POST.get("text", ""))))


@require_POST
@person_view
def agreement_add(request, conversation_id: int):
    """Either side records an agreement, with owner, due date and the hours it changes."""
    try:
        conversations.agree(request.user, conversation_id, request.POST.get("text", ""),
                            owner=request.POST.get("owner") or None, due_date=request.POST.get("due_date") or None,
                            hour_changes=request.POST.get("hours", ""))
    except UserInputError as exc:
        _not_found_stays_404(exc)
        messages.error(request, error_html(exc))
        return _page(request, conversation_id, status=400)
    messages.success(request, "Agreement recorded.")
    return redirect("web:conversation", conversation_id)


@require_POST
@person_view
def agreement_status(request, agreement_id: int):
    """Mark an agreement open, done or dropped."""
    found = conversations.get_agreement(request.user, agreement_id)
    back = request.POST.get("back", "")
    conversation_id = as_id(back) or found.conversation_id
    try:
        conversations.set_agreement_status(request.user, agreement_id, request.POST.get("status", ""))
    except UserInputError as exc:
        _not_found_stays_404(exc)
        messages.error(request, error_html(exc))
        return _page(request, found.conversation_id, status=400)
    return redirect("web:conversation", conversation_id)


@require_POST
@person_view
def agreement_review_share(request, agreement_id: int):
    """The person shows (or hides) the journal review of an agreement to their manager."""
    found = conversations.share_agreement_review(request.user, agreement_id, request.POST.get("shared") == "on")
    back = request.POST.get("back", "")
    return redirect("web:conversation", as_id(back) or found.conversation_id)


@require_POST
@person_view
def conversation_status(request, conversation_id: int):
    """Mark the conversation planned, held or cancelled."""
    try:
        conversations.set_status(request.user, conversation_id, request.POST.get("status", ""))
    except UserInputError as exc:
        _not_found_stays_404(exc)
        messages.error(request, error_html(exc))
        return _page(request, conversation_id, status=400)
    return redirect("web:conversation", conversation_id)


@person_view
def conversation_export(request, conversation_id: int, file_format: str):
    """Download the conversation as this side sees it: Markdown or JSON."""
    if file_format not in ("markdown", "json"):
        return HttpResponse("format must be markdown or json", status=404, content_type="text/plain")
    body = conversations.export_conversation(request.user, conversation_id, file_format)
    suffix, kind = ("md", "text/markdown") if file_format == "markdown" else ("json", "application/json")
    response = HttpResponse(body, content_type=f"{kind}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="conversation-{conversation_id}.{suffix}"'
    return response


@require_POST
@person_view
def demo_act_as(request):
    """Local demo only: act as the demo person or their manager (anything else is a 404)."""
    from django.http import Http404

    person = demo_switch.may_act_as(request, request.POST.get("person", ""))
    if person is None:
        raise Http404("no such demo person")
    from ownpath.journal.services import local_user

    if person.pk == local_user().pk:
        request.session.pop(demo_switch.SESSION_KEY, None)
    else:
        request.session[demo_switch.SESSION_KEY] = person.pk
    messages.success(request, f"You are now looking as {person.username}.")
    from django.utils.http import url_has_allowed_host_and_scheme

    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=False)
    return redirect(back if safe and back.startswith("/") else "web:conversations")
