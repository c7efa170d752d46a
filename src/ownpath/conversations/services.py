"""Career-conversation use cases. Every function takes the acting person first and checks who they are.

- Only a current manager of the person (teams relation) opens a conversation; the person and
  that manager are its two sides, and nobody else reads any of it (others get NotFound, as for
  a missing conversation). A manager who no longer manages the person loses access too.
- The person's answers are theirs: the manager sees an answer only while the person shares it,
  and the journal review of an agreement only while the person shares that review. Both are read
  through the one read gate (``sharing.gate.conversation_answers`` and ``agreement_journals``),
  which checks those flags and writes the person's access log.
- Agenda items, agreements and notes are visible to both sides; both can export them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ownpath.analytics.agreement_review import ReviewEpisode, review_agreement, review_as_dict
from ownpath.analytics.plain_words import signed
from ownpath.conversations.models import AgendaItem, Agreement, AgreementChange, Answer, Conversation, Note
from ownpath.errors import NotFound, UserInputError
from ownpath.inputs import as_id, date_in_window, in_window
from ownpath.journal.validation import FieldError, parse_activity
from ownpath.sharing import gate
from ownpath.teams import services as teams

# The questions every career conversation starts from (key, question).
STARTING_QUESTIONS = [
    ("energizes", "What energizes you in your work?"),
    ("drains", "What drains you?"),
    ("want_from_role", "What do you want out of this role?"),
    ("learn", "What do you want to learn, and from whom?"),
    ("five_years", "Where do you want to be in five years?"),
]
ANSWER_READ = gate.ANSWER_READ
REVIEW_READ = gate.REVIEW_READ
REVIEW_WEEKS_BEFORE = 10  # a review compares the 10 weeks before the agreement with the weeks after
MAX_TEXT = 4000
MAX_ITEM = 500


@dataclass(frozen=True)
class Side:
    """Which side of a conversation the acting person is on."""

    conversation: Conversation
    is_person: bool

    @property
    def is_manager(self) -> bool:
        return not self.is_person


def _not_found(conversation_id) -> NotFound:
    return NotFound(f"no conversation {conversation_id}")


def _text(value, field: str, limit: int = MAX_TEXT) -> str:
    text = ("" if value is None else str(value)).strip()
    if not text:
        raise UserInputError(f"{field}: write something")
    if len(text) > limit:
        raise UserInputError(f"{field}: keep it under {limit:,} characters")
    return text


def _date(value, field: str) -> dt.date:
    return date_in_window(value, field)


def _side(viewer, conversation_id) -> Side:
    """The conversation seen by `viewer`: its person, or its manager while still managing them."""
    if not getattr(viewer, "is_authenticated", False):
        raise _not_found(conversation_id)
    try:
        conversation = Conversation.objects.select_related("manager", "person").get(pk=int(conversation_id))
    except (Conversation.DoesNotExist, ValueError, TypeError):
        raise _not_found(conversation_id) from None
    if conversation.person_id == viewer.pk:
        return Side(conversation, True)
    if conversation.manager_id == viewer.pk and teams.is_manager_of(viewer, conversation.person):
        return Side(conversation, False)
    raise _not_found(conversation_id)


def activity_labels_for(viewer, conversation_id) -> dict[str, str]:
    """The activities the viewer may name in this conversation's agreements (slug → label)."""
    return gate.conversation_activity_labels(viewer, _side(viewer, conversation_id).conversation)


def get_conversation(viewer, conversation_id) -> Conversation:
    """The conversation, if `viewer` is one of its two sides; NotFound for anyone else."""
    return _side(viewer, conversation_id).conversation


# --- opening and listing ------------------------------------------------------------------------

MAX_CADENCE_WEEKS = 26


def _cadence(value) -> int | None:
    """Weeks between recurring conversations: empty for none, else a whole number from 1 to 26."""
    if value in (None, "", 0, "0"):
        return None
    try:
        weeks = int(str(value).strip())
    except ValueError:
        raise UserInputError(f"cadence: '{value}' is not a whole number of weeks") from None
    if not 1 <= weeks <= MAX_CADENCE_WEEKS:
        raise UserInputError(f"cadence: every 1 to {MAX_CADENCE_WEEKS} weeks, not {weeks}")
    return weeks


def open_conversation(manager, person, date, *, cadence_weeks=None, previous: Conversation | None = None
                      ) -> Conversation:
    """A manager opens a conversation with a report; the agenda starts from the starting questions.

    ``cadence_weeks`` makes it a recurring 1:1: when it is held, the next one is planned that many
    weeks later (``previous`` links the series).
    """
    if person is None or not teams.is_manager_of(manager, person):
        raise NotFound("no report of yours by that name")
    day = _date(date, "date")
    cadence = _cadence(cadence_weeks)
    with transaction.atomic():
        conversation = Conversation.objects.create(manager=manager, person=person, date=day, cadence_weeks=cadence,
                                                   previous=previous)
        AgendaItem.objects.bulk_create([
            AgendaItem(conversation=conversation, position=i, text=text, question=key)
            for i, (key, text) in enumerate(STARTING_QUESTIONS)])
    return conversation


def find_report(manager, name_or_id) -> object:
    """One of the manager's reports by username or id; NotFound for anyone else."""
    key = str(name_or_id).strip()
    reports = teams.reports_of(manager)
    found = reports.filter(pk=as_id(key)).first() if as_id(key) is not None else reports.filter(username=key).first()
    if found is None:
        raise NotFound(f"no report of yours called '{key}'")
    return found


def conversations_of(viewer):
    """Conversations the viewer is in: as the person, or as their current manager (newest first)."""
    if not getattr(viewer, "is_authenticated", False):
        return Conversation.objects.none()
    reports = teams.reports_of(viewer).values("pk")
    return (Conversation.objects.filter(Q(person=viewer) | Q(manager=viewer, person__in=reports))
            .select_related("manager", "person").order_by("-date", "-id"))


def set_status(viewer, conversation_id, status: str) -> Conversation:
    """Mark a conversation planned, held or cancelled (either side may).

    Holding a recurring conversation plans the next one, ``cadence_weeks`` after it, once.
    """
    conversation = _side(viewer, conversation_id).conversation
    if status not in dict(Conversation.STATUSES):
        raise UserInputError(f"status: '{status}' is not one of planned, held, cancelled")
    with transaction.atomic():
        # Lock the row: two "held" at once (both sides, a double click) plan the next one once.
        conversation = Conversation.objects.select_for_update().select_related("manager", "person").get(
            pk=conversation.pk)
        conversation.status = status
        conversation.save(update_fields=["status"])
        if status == Conversation.HELD:
            plan_next(conversation)
    return conversation


def plan_next(conversation: Conversation) -> Conversation | None:
    """The next conversation of a recurring series, planned once (None when not recurring).

    Only while the manager still manages the person; a series already continued is not continued twice.
    """
    if not conversation.cadence_weeks:
        return None
    following = conversation.following.order_by("date", "id").first()
    if following is not None:
        return following
    if not teams.is_manager_of(conversation.manager, conversation.person):
        return None
    return open_conversation(conversation.manager, conversation.person,
                             conversation.date + dt.timedelta(weeks=conversation.cadence_weeks),
                             cadence_weeks=conversation.cadence_weeks, previous=conversation)


def set_cadence(viewer, conversation_id, weeks) -> Conversation:
    """Make a conversation recurring every ``weeks`` weeks, or not (empty); either side may."""
    conversation = _side(viewer, conversation_id).conversation
    cadence = _cadence(weeks)
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().select_related("manager", "person").get(
            pk=conversation.pk)
        conversation.cadence_weeks = cadence
        conversation.save(update_fields=["cadence_weeks"])
        if conversation.status == Conversation.HELD:
            plan_next(conversation)
    return conversation


def next_conversations(manager, people, today: dt.date | None = None) -> dict[int, Conversation]:
    """For each of the manager's reports among ``people``: their next planned conversation (today or later)."""
    today = today or timezone.localdate()
    reports = teams.relations_among(manager, [p.pk for p in people], wanted=["reports"])["reports"]
    found: dict[int, Conversation] = {}
    for conversation in (Conversation.objects.filter(manager=manager, person_id__in=reports,
                                                     status=Conversation.PLANNED, date__gte=today)
                         .order_by("date", "id")):
        found.setdefault(conversation.person_id, conversation)
    return found


# --- agenda and answers -------------------------------------------------------------------------

def add_agenda_item(viewer, conversation_id, text: str) -> AgendaItem:
    """Either side adds a point to the agenda."""
    conversation = _side(viewer, conversation_id).conversation
    body = _text(text, "agenda item", MAX_ITEM)
    with transaction.atomic():
        last = conversation.agenda.order_by("-position").values_list("position", flat=True).first()
        return AgendaItem.objects.create(conversation=conversation, position=(last or 0) + 1, text=body,
                                         added_by=viewer)


def _item(side: Side, item_id) -> AgendaItem:
    try:
        return side.conversation.agenda.get(pk=int(item_id))
    except (AgendaItem.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"no agenda item {item_id} in this conversation") from None


def answer(person, conversation_id, item_id, text: str, shared_with_manager: bool | None = None) -> Answer:
    """The person writes (or rewrites) their private answer; `shared_with_manager` sets who sees it."""
    side = _side(person, conversation_id)
    if not side.is_person:
        raise NotFound(f"no conversation {conversation_id}")  # a manager never writes the person's answers
    item = _item(side, item_id)
    body = _text(text, "answer")
    found = Answer.objects.filter(item=item).first() or Answer(item=item)
    found.text = body
    if shared_with_manager is not None:
        _apply_share(found, shared_with_manager)
    found.save()
    return found


def _apply_share(found: Answer, shared: bool) -> None:
    if shared and not found.shared_with_manager:
        found.shared_at = timezone.now()
    if not shared:
        found.shared_at = None
    found.shared_with_manager = bool(shared)


def share_answer(person, conversation_id, item_id, shared: bool) -> Answer:
    """The person shows an answer to the manager, or takes it back (from then on the manager sees nothing)."""
    side = _side(person, conversation_id)
    if not side.is_person:
        raise NotFound(f"no conversation {conversation_id}")
    found = Answer.objects.filter(item=_item(side, item_id)).first()
    if found is None:
        raise UserInputError("answer: write an answer before sharing it")
    _apply_share(found, shared)
    found.save(update_fields=["shared_with_manager", "shared_at", "updated_at"])
    return found


def own_agenda_item(person, conversation_id, item_id) -> dict:
    """One agenda item as the person sees it (their answer and its share), for redrawing that item alone.

    Only the person's side: a manager's view of answers goes through ``conversation_view``.
    """
    side = _side(person, conversation_id)
    if not side.is_person:
        raise NotFound(f"no conversation {conversation_id}")
    item = _item(side, item_id)
    found = Answer.objects.filter(item=item).first()
    return {"id": item.pk, "text": item.text, "question": item.question,
            "added_by": item.added_by.username if item.added_by else None,
            "answered": found is not None, "answer": found.text if found else None,
            "shared_with_manager": bool(found and found.shared_with_manager)}


# Where an unanswered starting question can start from: the shared item holding the person's own
# words or their journal's findings on it.
PREFILL_ITEMS = {"energizes": "top_energizers", "drains": "top_drains", "want_from_role": "want_from_role",
                 "five_years": "target_role"}
PREFILL_SOURCES = {"energizes": "your journal's findings (Insights)", "drains": "your journal's findings (Insights)",
                   "want_from_role": "what you wrote under “What I want out of my role” on Sharing",
                   "five_years": "what you wrote under “In five years” on Sharing"}


def _evidence(words: str) -> str:
    """ "energizes you — fairly sure, 14 entries" → "fairly sure, 14 entries" (the part about the evidence)."""
    return words.split(" — ", 1)[1] if " — " in words else words


def _prefill_text(question: str, content: dict, first_person: bool = True) -> str:
    """The words a starting question is offered, from one item's content ('' when there is nothing).

    In the person's own voice for their answer box; about them (never "you") for the manager.
    """
    if question in ("energizes", "drains"):
        found = content.get("activities") or []
        if not found:
            return ""
        listed = "; ".join(f"{a['label']} ({_evidence(a['words'])})" for a in found)
        if not first_person:
            verb = "energize them most" if question == "energizes" else "drain them most"
            return f"By their journal, these {verb}: {listed}."
        verb = "energizes me most" if question == "energizes" else "drains me most"
        return f"My journal says this {verb}: {listed}."
    if question == "want_from_role":
        return (content.get("text") or "").strip()
    if question == "five_years":
        return (content.get("five_year_wish") or "").strip()
    return ""


def agenda_prefill(person, conversation_id) -> dict[int, dict]:
    """For the person only: item id → {text, source} for unanswered starting questions that can start
    from their own words or their journal's findings, to edit and share answer by answer.

    Nothing here is saved or shown to the manager: it is an offer in the person's own answer box.
    """
    from ownpath.sharing import services as sharing

    side = _side(person, conversation_id)
    if not side.is_person:
        raise NotFound(f"no conversation {conversation_id}")
    offered: dict[int, dict] = {}
    for item in side.conversation.agenda.filter(question__in=list(PREFILL_ITEMS), answer__isnull=True):
        content = sharing.read_shared(person, person, PREFILL_ITEMS[item.question])["content"]  # own: unlogged
        text = _prefill_text(item.question, content)
        if text:
            offered[item.pk] = {"text": text[:MAX_TEXT], "source": PREFILL_SOURCES[item.question]}
    return offered


def shared_beside_agenda(manager, conversation_id) -> dict[int, dict]:
    """For the manager: item id → {text, label} of what the person shares on their profile that answers
    an unanswered (or privately answered) starting question, read through the sharing gate (logged).

    So the manager sees "What I want out of my role", shared on the team page, beside the question
    it answers instead of "Not answered yet". Items the person does not share are left out.
    """
    from ownpath.sharing import services as sharing

    side = _side(manager, conversation_id)
    if side.is_person:
        return {}
    person = side.conversation.person
    readable = set(sharing.readable_items(manager, person))
    beside: dict[int, dict] = {}
    for item in side.conversation.agenda.filter(question__in=list(PREFILL_ITEMS)).select_related("answer"):
        answer_found = getattr(item, "answer", None)
        if answer_found is not None and answer_found.shared_with_manager:
            continue
        slug = PREFILL_ITEMS[item.question]
        if slug not in readable:
            continue
        try:
            shared = sharing.read_shared(manager, person, slug)
        except NotFound:
            continue
        text = _prefill_text(item.question, shared["content"], first_person=False)
        if text:
            beside[item.pk] = {"text": text, "label": shared["label"]}
    return beside


# --- agreements -----------------------------------------------------------------------------------

def parse_hour_changes(labels: dict[str, str], changes) -> dict[str, float]:
    """`{"admin": -4, "research": 4}` or "admin=-4,research=+4" → activity slug → hours per week, checked.

    ``labels`` are the activities the writer may name (``gate.conversation_activity_labels``).
    """
    if not changes:
        return {}
    if isinstance(changes, str):
        pairs = []
        for part in filter(None, (p.strip() for p in changes.split(","))):
            name, sep, hours = part.partition("=")
            if not sep:
                raise UserInputError(f"hours: '{part}' should look like activity=-4")
            pairs.append((name.strip(), hours.strip()))
    else:
        pairs = list(dict(changes).items())
    parsed: dict[str, float] = {}
    for name, hours in pairs:
        try:
            slug = parse_activity(name, labels, labels)
        except FieldError as exc:
            raise UserInputError(f"hours: {exc.message}") from None
        try:
            value = float(hours)
        except (TypeError, ValueError):
            raise UserInputError(f"hours: '{hours}' for {slug} is not a number of hours per week") from None
        if not -80 <= value <= 80 or value == 0:
            raise UserInputError(f"hours: {slug} must change by between -80 and 80 hours a week, not {value:g}")
        parsed[slug] = value
    return parsed


MAX_TITLE = 160


def agree(viewer, conversation_id, text: str, *, owner=None, due_date=None, hour_changes=None, detail: str = "",
          note_to_person: str = "") -> Agreement:
    """Either side records an agreement: a short title, its owner (either side), due date, the hours it changes.

    ``detail`` (both sides see it) says what it means in practice; ``note_to_person`` holds words
    addressed to the person ("log each session…") that only the person sees.
    """
    side = _side(viewer, conversation_id)
    conversation = side.conversation
    body = _text(text, "agreement", MAX_TITLE)
    detail = (detail or "").strip()
    if len(detail) > MAX_TEXT:
        raise UserInputError(f"detail: keep it under {MAX_TEXT:,} characters")
    note_to_person = (note_to_person or "").strip()[:MAX_TEXT]
    if owner is None:
        owner_user = conversation.person
    elif isinstance(owner, str):
        names = {conversation.person.username: conversation.person, conversation.manager.username: conversation.manager,
                 "person": conversation.person, "manager": conversation.manager}
        owner_user = names.get(owner.strip())
        if owner_user is None:
            raise UserInputError(f"owner: '{owner}' is not {conversation.person.username} or "
                                 f"{conversation.manager.username}")
    else:
        owner_user = owner
        if owner_user.pk not in (conversation.person_id, conversation.manager_id):
            raise UserInputError("owner: an agreement belongs to one of the two people in the conversation")
    due = _date(due_date, "due date") if due_date not in (None, "") else None
    changes = parse_hour_changes(gate.conversation_activity_labels(viewer, conversation), hour_changes)
    with transaction.atomic():
        agreement = Agreement.objects.create(conversation=conversation, text=body, owner=owner_user, due_date=due,
                                             detail=detail, note_to_person=note_to_person, created_by=viewer)
        AgreementChange.objects.bulk_create([AgreementChange(agreement=agreement, activity=slug, hours_per_week=h)
                                             for slug, h in changes.items()])
        if changes:
            # The person's week changes: ownpath keeps its forecast of it, privately, to keep score.
            from ownpath.options.forecasts import record_agreement_forecast

            record_agreement_forecast(conversation.person, agreement, changes)
    return agreement


def _agreement(viewer, agreement_id) -> tuple[Side, Agreement]:
    try:
        found = Agreement.objects.select_related("conversation").get(pk=int(agreement_id))
    except (Agreement.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"no agreement {agreement_id}") from None
    try:
        side = _side(viewer, found.conversation_id)
    except NotFound:
        raise NotFound(f"no agreement {agreement_id}") from None
    return side, found


def get_agreement(viewer, agreement_id) -> Agreement:
    """The agreement, if `viewer` is one of its conversation's two sides; NotFound for anyone else."""
    return _agreement(viewer, agreement_id)[1]


def set_agreement_status(viewer, agreement_id, status: str) -> Agreement:
    """Either side marks an agreement open, done or dropped."""
    _, found = _agreement(viewer, agreement_id)
    if status not in dict(Agreement.STATUSES):
        raise UserInputError(f"status: '{status}' is not one of open, done, dropped")
    found.status = status
    found.save(update_fields=["status"])
    return found


def share_agreement_review(person, agreement_id, shared: bool) -> Agreement:
    """The person lets the manager see how their journal moved against this agreement, or stops it."""
    side, found = _agreement(person, agreement_id)
    if not side.is_person:
        raise NotFound(f"no agreement {agreement_id}")
    found.review_shared_with_manager = bool(shared)
    found.save(update_fields=["review_shared_with_manager"])
    return found


def _review(agreement: Agreement, episodes, today: dt.date | None = None) -> dict | None:
    """The journal review of an agreement with hour changes (None for agreements without hours).

    ``episodes`` are the person's, as the read gate returned them for this agreement.
    """
    changes = {c.activity: c.hours_per_week for c in agreement.changes.all()}
    if not changes:
        return None
    if not in_window(agreement.conversation.date):
        # A row saved before dates were checked (e.g. year 1): no review rather than an overflow.
        return None
    today = today or timezone.localdate()
    records = [ReviewEpisode(e.date, e.activity.slug, e.hours, e.energy) for e in episodes]
    return review_as_dict(review_agreement(agreement.conversation.date, changes, records, today))


# --- notes ------------------------------------------------------------------------------------------

def add_note(viewer, conversation_id, text: str, *, private: bool = False) -> Note:
    """Either side writes a shared note (both see it); the manager may write a private one instead.

    A private note is the manager's alone: never in the person's view, export or API answer.
    """
    side = _side(viewer, conversation_id)
    if private and side.is_person:
        raise UserInputError("private: your answers are already private; notes here are shared with your manager")
    return Note.objects.create(conversation=side.conversation, author=viewer, text=_text(text, "note"),
                               private=bool(private))


# --- what each side sees --------------------------------------------------------------------------

def _agreement_data(agreement: Agreement, for_person: bool = False) -> dict:
    """An agreement as plain data; the words addressed to the person only on the person's side."""
    return {"id": agreement.pk, "text": agreement.text, "owner": agreement.owner.username,
            "detail": agreement.detail, "note_to_person": agreement.note_to_person if for_person else "",
            "due_date": agreement.due_date.isoformat() if agreement.due_date else None,
            "status": agreement.status, "conversation_id": agreement.conversation_id,
            "agreed_on": agreement.conversation.date.isoformat(),
            "hour_changes": {c.activity: c.hours_per_week for c in agreement.changes.all()},
            "review_shared_with_manager": agreement.review_shared_with_manager}


def conversation_view(viewer, conversation_id, today: dt.date | None = None) -> dict:
    """Everything one side may see of a conversation, as plain data; the manager's reads are logged.

    The person sees all their answers and every review; the manager sees only shared answers
    and shared reviews (each read logged), and for the rest only that something is private.
    """
    side = _side(viewer, conversation_id)
    conversation = side.conversation
    person, manager = conversation.person, conversation.manager
    answers = gate.conversation_answers(viewer, conversation)  # the manager: shared ones only, logged
    agenda = []
    for item in conversation.agenda.select_related("added_by").all():
        found = answers.get(item.pk)  # None: answered privately (the manager sees only that)
        entry = {"id": item.pk, "text": item.text, "question": item.question,
                 "added_by": item.added_by.username if item.added_by else None,
                 "answered": item.pk in answers, "answer": None, "shared_with_manager": False}
        if found is not None:
            entry["shared_with_manager"] = found.shared_with_manager
            entry["answer"] = found.text
        agenda.append(entry)
    agreements = [_agreement_data(a, side.is_person) for a in
                  conversation.agreements.select_related("owner", "conversation").prefetch_related("changes")]
    earlier = list(Agreement.objects.filter(conversation__person=person, conversation__manager=manager,
                                            conversation__date__lt=conversation.date)
                   .exclude(conversation=conversation).select_related("owner", "conversation")
                   .prefetch_related("changes").order_by("conversation__date", "id"))
    today = today or timezone.localdate()
    journals = gate.agreement_journals(viewer, conversation, [a for a in earlier if a.changes.all()],
                                       REVIEW_WEEKS_BEFORE, today)
    reviewed = []
    for agreement in earlier:
        data = _agreement_data(agreement, side.is_person)
        data["review"] = _review(agreement, journals[agreement.pk], today) if agreement.pk in journals else None
        data["review_hidden"] = (side.is_manager and not agreement.review_shared_with_manager
                                 and bool(data["hour_changes"]))
        reviewed.append(data)
    notes = [{"id": n.pk, "author": n.author.username if n.author else None, "text": n.text,
              "created_at": n.created_at.isoformat(), "private": n.private}
             # A private note is its author's alone (the manager's); the other side never receives it.
             for n in conversation.notes.filter(Q(private=False) | Q(author=viewer)).select_related("author")]
    following = conversation.following.order_by("date", "id").first()
    return {"id": conversation.pk, "date": conversation.date.isoformat(), "status": conversation.status,
            "cadence_weeks": conversation.cadence_weeks,
            "next": None if following is None else {"id": following.pk, "date": following.date.isoformat()},
            "previous": None if conversation.previous_id is None else {
                "id": conversation.previous_id, "date": conversation.previous.date.isoformat()},
            "person": person.username, "manager": manager.username,
            "side": "person" if side.is_person else "manager",
            "agenda": agenda, "agreements": agreements, "earlier_agreements": reviewed, "notes": notes}


def open_agreements_with(manager, person) -> list[dict]:
    """Open agreements from the manager's conversations with this report (for the team page)."""
    return open_agreements_by_person(manager, [person]).get(person.pk, [])


def open_agreements_by_person(manager, people) -> dict[int, list[dict]]:
    """Open agreements from the manager's conversations with each of these people who report to them now.

    {person id: agreements, by due date}; people who are not the manager's reports get none.
    """
    reports = teams.relations_among(manager, [p.pk for p in people], wanted=["reports"])["reports"]
    found: dict[int, list[dict]] = {p.pk: [] for p in people}
    for agreement in (Agreement.objects.filter(conversation__manager=manager, conversation__person_id__in=reports,
                                               status=Agreement.OPEN)
                      .select_related("owner", "conversation").prefetch_related("changes")
                      .order_by("due_date", "id")):
        found[agreement.conversation.person_id].append(_agreement_data(agreement))
    return found


# --- export -------------------------------------------------------------------------------------------

def export_conversation(viewer, conversation_id, file_format: str = "markdown") -> str:
    """The conversation as the viewer sees it, as Markdown or JSON (either side may export)."""
    if file_format not in ("markdown", "json"):
        raise UserInputError(f"format: '{file_format}' is not one of markdown, json")
    data = conversation_view(viewer, conversation_id)
    if file_format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    lines = [f"# Career conversation: {data['person']} with {data['manager']}, {data['date']}",
             "", f"Status: {data['status']}", "", "## Agenda", ""]
    for item in data["agenda"]:
        lines.append(f"### {item['text']}")
        if item["answer"] is not None:
            shared = "shared with the manager" if item["shared_with_manager"] else "private"
            lines += ["", f"{item['answer']}", "", f"*({shared})*"]
        elif item["answered"]:
            lines += ["", "*(answered privately)*"]
        lines.append("")
    lines += ["## Agreements", ""]
    for agreement in data["agreements"] or []:
        lines.append(_agreement_line(agreement))
    if not data["agreements"]:
        lines.append("None yet.")
    if data["earlier_agreements"]:
        lines += ["", "## Earlier agreements, reviewed against the journal", ""]
        for agreement in data["earlier_agreements"]:
            lines.append(_agreement_line(agreement))
            for activity in (agreement["review"] or {}).get("activities", []):
                lines.append(f"  - {_review_line(activity)}")
            if agreement["review_hidden"]:
                lines.append("  - review not shared")
    lines += ["", "## Notes", ""]
    for note in data["notes"]:
        lines.append(f"- **{note['author']}** ({note['created_at'][:16].replace('T', ' ')}): {note['text']}")
    if not data["notes"]:
        lines.append("None yet.")
    return "\n".join(lines) + "\n"


def _agreement_line(agreement: dict) -> str:
    hours = ", ".join(f"{a} {h:+g} h/week" for a, h in agreement["hour_changes"].items())
    due = f", due {agreement['due_date']}" if agreement["due_date"] else ""
    line = f"- {agreement['text']} (owner {agreement['owner']}{due}, {agreement['status']}){': ' + hours if hours else ''}"
    for extra in (agreement.get("detail"), agreement.get("note_to_person")):
        if extra:
            line += f"\n  {extra}"
    return line


def _review_line(activity: dict) -> str:
    """One activity of a review in plain words, with interval and sample sizes, or what is missing."""
    change = activity["hours_change"]
    if change is None:
        return f"{activity['activity']}: {activity['hours_missing']}"
    text = (f"{activity['activity']}: {activity['verdict']} — {signed(change['estimate'], 1)} h/week "
            f"(90% interval {signed(change['low'], 1)} to {signed(change['high'], 1)}; {activity['hours_before']['weeks']} weeks "
            f"before, {activity['hours_after']['weeks']} after; agreed {activity['agreed_change']:+g})")
    energy = activity["energy_change"]
    if energy is not None:
        text += (f"; energy {signed(energy['estimate'], 2)} ({signed(energy['low'], 2)} to {signed(energy['high'], 2)}; "
                 f"{activity['energy_before']['entries']} and {activity['energy_after']['entries']} entries)")
    else:
        text += f"; energy: {activity['energy_missing']}"
    return text


review_line = _review_line

