"""Career-conversation pages: the list, one conversation page (the person's or the manager's side),
HTMX forms for agenda items, answers and notes, agreements and exports. Views only call
``conversations.services``, which decides who sees what.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django_htmx.http import reswap, retarget
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
    }, status=status)


@require_POST
@person_view
def conversation_open(request):
    """A manager opens a conversation with one of their reports."""
    try:
        report = conversations.find_report(request.user, request.POST.get("person", ""))
        made = conversations.open_conversation(request.user, report, request.POST.get("date", ""),
                                               cadence_weeks=request.POST.get("cadence", ""))
    except UserInputError as exc:
        _not_found_stays_404(exc)
        messages.error(request, error_html(exc))
        return conversation_list(request, status=400)
    messages.success(request, f"Conversation with {report.username} on {made.date} opened; the agenda is ready.")
    return redirect("web:conversation", made.pk)


CADENCE_CHOICES = (1, 2, 3, 4, 6, 8, 12)


def _page(request, conversation_id: int, status: int = 200):
    view = conversations.conversation_view(request.user, conversation_id)
    is_person = view["side"] == "person"
    # The activities either side may name in agreements (the person's, read through the gate).
    labels = conversations.activity_labels_for(request.user, conversation_id)
    return render(request, "web/conversation.html", {
        "c": view, "activities": labels, "activity_names": labels, "cadence_choices": CADENCE_CHOICES,
        "prefill": conversations.agenda_prefill(request.user, conversation_id) if is_person else {},
        "beside": {} if is_person else conversations.shared_beside_agenda(request.user, conversation_id),
        "posted": request.POST if status == 400 else {},
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


def _sides(request, conversation_id: int) -> dict:
    """What an agenda item's template needs to know of the conversation (without reading any answer)."""
    found = conversations.get_conversation(request.user, conversation_id)
    return {"id": found.pk, "side": "person" if found.person_id == request.user.pk else "manager",
            "person": found.person.username, "manager": found.manager.username}


@require_POST
@person_view
def agenda_add(request, conversation_id: int):
    """Either side adds an agenda item (HTMX: only the new item is added to the list, so answers being
    typed in the other boxes stay as they are; an error goes into the form's own message slot)."""
    try:
        item = conversations.add_agenda_item(request.user, conversation_id, request.POST.get("text", ""))
    except UserInputError as exc:
        _not_found_stays_404(exc)
        if request.htmx:
            response = render(request, "web/partials/form_error.html", {"error": exc.message})
            return reswap(retarget(response, "#agenda-add-error"), "innerHTML")
        messages.error(request, exc.message)
        return _page(request, conversation_id, status=400)
    if request.htmx:
        c = _sides(request, conversation_id)
        shown = {"id": item.pk, "text": item.text, "question": item.question, "added_by": request.user.username,
                 "answered": False, "answer": None, "shared_with_manager": False}
        return render(request, "web/partials/agenda_item.html", {"c": c, "item": shown, "prefill": {}, "beside": {}})
    return redirect("web:conversation", conversation_id)


@require_POST
@person_view
def answer_save(request, conversation_id: int, item_id: int):
    """The person saves one answer and whether their manager sees it (HTMX: only that answer's block
    is redrawn, so the other answers being typed are never emptied)."""
    typed = request.POST.get("text", "")
    error = None
    try:
        conversations.answer(request.user, conversation_id, item_id, typed,
                             shared_with_manager=request.POST.get("shared") == "on")
    except UserInputError as exc:
        _not_found_stays_404(exc)
        error = exc.message
    if not request.htmx:
        if error:
            messages.error(request, error)
            return _page(request, conversation_id, status=400)
        return redirect(f"{reverse('web:conversation', args=[conversation_id])}#item-{item_id}")
    return render(request, "web/partials/agenda_item.html", {
        "c": _sides(request, conversation_id), "error": error, "typed": typed if error else None,
        "saved": error is None, "prefill": {}, "beside": {},
        "item": conversations.own_agenda_item(request.user, conversation_id, item_id)})


@require_POST
@person_view
def note_add(request, conversation_id: int):
    """Either side writes a shared note, or the manager a private one (HTMX: only that list is redrawn)."""
    private = request.POST.get("private") == "1"
    partial = "web/partials/conversation_private_notes.html" if private else "web/partials/conversation_notes.html"
    return _change_section(request, conversation_id, partial, lambda: (
        conversations.add_note(request.user, conversation_id, request.POST.get("text", ""), private=private)))


@require_POST
@person_view
def conversation_cadence(request, conversation_id: int):
    """Make the conversation recurring (every N weeks) or not; holding it then plans the next one."""
    try:
        found = conversations.set_cadence(request.user, conversation_id, request.POST.get("cadence", ""))
    except UserInputError as exc:
        _not_found_stays_404(exc)
        messages.error(request, exc.message)
        return _page(request, conversation_id, status=400)
    messages.success(request, f"Recurring every {found.cadence_weeks} weeks." if found.cadence_weeks
                     else "Not recurring.")
    return redirect("web:conversation", conversation_id)


@require_POST
@person_view
def agreement_add(request, conversation_id: int):
    """Either side records an agreement, with owner, due date and the hours it changes."""
    try:
        conversations.agree(request.user, conversation_id, request.POST.get("text", ""),
                            owner=request.POST.get("owner") or None, due_date=request.POST.get("due_date") or None,
                            hour_changes=request.POST.get("hours", ""), detail=request.POST.get("detail", ""))
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
        found = conversations.set_status(request.user, conversation_id, request.POST.get("status", ""))
    except UserInputError as exc:
        _not_found_stays_404(exc)
        messages.error(request, error_html(exc))
        return _page(request, conversation_id, status=400)
    following = found.following.order_by("date", "id").first()
    if found.status == "held" and following is not None:
        messages.success(request, f"Marked held; the next conversation is planned for {following.date}.")
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
