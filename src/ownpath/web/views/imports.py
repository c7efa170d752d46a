"""Import from the web: upload a file, see the same preview and summary as `ownpath import`,
then confirm — all of it is saved or nothing. The file stays on the server between the two steps."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from ownpath.analytics.plain_words import entries_word
from ownpath.errors import ImportRejected, NotFound, UserInputError
from ownpath.errors import Problem as ImportProblem
from ownpath.imports import rating, runs, uploads
from ownpath.imports.formats.daylio import NeedsActivityMapping
from ownpath.imports.models import ImportRun
from ownpath.journal.services import activities_for, activity_labels
from ownpath.web.forms import import_options_from_post
from ownpath.web.present import error_html
from ownpath.web.views.common import person_view

PREVIEW_ROWS = 10
FORMATS = [("auto", "detect it"), ("ics", "calendar (.ics)"), ("daylio", "Daylio CSV export"),
           ("csv", "spreadsheet CSV (with a column mapping)"), ("ownpath-csv", "ownpath CSV export"),
           ("ownpath-json", "ownpath JSON export")]


# How dates are written, by example (the reader's own format codes stay out of sight).
DATE_FORMATS = [("", "detect it"), ("%d/%m/%Y", "31/12/2026 (day first)"), ("%m/%d/%Y", "12/31/2026 (month first)"),
                ("%d.%m.%Y", "31.12.2026"), ("%Y-%m-%d", "2026-12-31"), ("%d-%m-%Y", "31-12-2026")]


def _page(request, status: int = 200, **context):
    base = {"date_formats": DATE_FORMATS,
            "formats": FORMATS, "values": {"format": "auto"}, "errors": {}, "activities": activities_for(request.user),
            "max_mb": uploads.UPLOAD_MAX_BYTES / 1024 / 1024}
    if "runs" not in context:
        context["runs"] = [_run_context(run) for run in runs.unfinished_import_runs(request.user)]
    return render(request, "web/import.html", base | context, status=status)


def _preview(plan, labels: dict[str, str]) -> dict:
    """What the preview shows: first rows, hours by activity, counts, what is left out."""
    rows = [{"date": r.date, "start": r.start_time, "hours": r.hours, "activity": labels.get(r.activity, r.activity),
             "energy": r.energy, "text": r.note} for _, r in plan.episodes[:PREVIEW_ROWS]]
    rows += [{"date": r.date, "start": r.start, "hours": r.hours,
              "activity": labels.get(r.activity or "", r.activity or ""), "energy": r.energy,
              "text": r.title or r.note} for _, r in plan.pending[:PREVIEW_ROWS - len(rows)]]
    for row in rows:
        row["text"] = (row["text"] or "").split("\n")[0][:80]
    hours = [{"activity": labels.get(slug, slug) if slug else "unassigned", "hours": total}
             for slug, total in plan.hours_by_activity().most_common()]
    reasons = Counter(reason.split(" on ")[0].split(" (")[0] for _, reason in plan.skipped)
    unassigned = [{"title": g.title, "count": len(g.records), "hours": g.hours} for g in plan.unassigned[:30]]
    notes = list(plan.notes)  # worded for both: no command or flag in them
    unreadable = [(where, reason) for where, reason in plan.skipped if reason.startswith("cannot be read")][:20]
    return {"plan": plan, "notes": notes, "unreadable": unreadable,
            "rows": rows, "hours_by_activity": hours, "left_out": reasons.most_common(),
            "unassigned": unassigned}


def _problem_rows(problems) -> list[dict]:
    """Each problem with where it is (line N, event UID …, file) and its field."""
    return [{"where": f"line {p.line}" if isinstance(p.line, int) else str(p.line), "field": p.field,
             "message": p.message} for p in problems]


def _summary_text(summary: dict) -> str:
    """What an import saved, in the words the page shows for an inline and a background import alike."""
    parts = []
    if summary["imported"] or not summary.get("pending"):
        parts.append(f"Imported {entries_word(summary['imported'])}")
    if summary.get("pending"):
        parts.append(f"{summary['pending']} imported events wait for your energy rating")
    text = "; ".join(parts)
    if summary.get("skipped_duplicates"):
        text += f"; skipped {summary['skipped_duplicates']} already in your journal"
    return text + "."


def _run_context(run: ImportRun) -> dict:
    """What the status of a background import shows: its state, then its summary or its problems."""
    problems = [ImportProblem(p.get("line"), p.get("field", ""), p.get("message", "")) for p in run.problems or []]
    return {"run": run, "entries": entries_word(run.entries),
            "summary_text": _summary_text(run.summary) if run.summary else "",
            "pending": (run.summary or {}).get("pending", 0), "problems": _problem_rows(problems)}


def _show_upload(request, status: int = 200, discard_refused: bool = True):
    """Plan the pending upload and show its preview, its Daylio mapping question or its problems.

    A refused file is forgotten right after its upload; a GET only shows (it changes nothing).
    """
    try:
        upload, plan = uploads.plan_upload(request.user)
    except NeedsActivityMapping as needs:
        labels = activity_labels(request.user)
        rows = [{"name": name, "count": count, "suggested": needs.suggestions.get(name) or ""}
                for name, count in sorted(needs.counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        moods = [{"name": name, "count": count, "proposed": needs.mood_levels.get(name, 0)}
                 for name, count in sorted(needs.moods.items(), key=lambda kv: (-kv[1], kv[0]))]
        return _page(request, status, upload=uploads.pending_upload_for(request.user), daylio_rows=rows,
                     daylio_moods=moods, daylio_question=True, labels=labels)
    except ImportRejected as rejected:
        if discard_refused:
            uploads.discard_upload(request.user)
        return _page(request, 400, problems=_problem_rows(rejected.problems))
    except NotFound:
        raise
    except UserInputError as exc:
        if discard_refused:
            uploads.discard_upload(request.user)
        return _page(request, 400, errors={"form": exc.message})
    return _page(request, status, upload=upload, **_preview(plan, activity_labels(request.user)))


@person_view
def import_page(request):
    """GET: the upload form, or the preview of a file awaiting confirmation. POST: upload a file."""
    if request.method != "POST":
        if uploads.pending_upload_for(request.user) is None:
            return _page(request)
        return _show_upload(request, discard_refused=False)
    values = {name: request.POST.get(name, "").strip()
              for name in ("format", "map", "energy_range", "date_format", "encoding", "hours", "since", "until", "tz")}
    options, errors = import_options_from_post(values)
    uploaded = request.FILES.get("file")
    if uploaded is None:
        errors["file"] = "choose a file to import"
    elif uploaded.size > uploads.UPLOAD_MAX_BYTES:
        errors["file"] = (f"{uploaded.size / 1024 / 1024:.1f} MB is more than the "
                          f"{uploads.UPLOAD_MAX_BYTES / 1024 / 1024:g} MB a web upload may hold; split the file, "
                          "or import it on the computer that runs ownpath")
    if errors:
        return _page(request, 400, values=values, errors=errors)
    try:
        uploads.store_upload(request.user, uploaded.read(), uploaded.name or "", options)
    except UserInputError as exc:
        return _page(request, 400, values=values, errors={"file": error_html(exc)})
    return _show_upload(request)


@require_POST
@person_view
def import_confirm(request):
    """Import the file awaiting confirmation, re-read from the server: everything or nothing.

    A big file is imported by the background worker: the answer is then its run's page.
    """
    try:
        outcome = uploads.confirm_upload(request.user)
    except ImportRejected as rejected:
        uploads.discard_upload(request.user)
        return _page(request, 400, problems=_problem_rows(rejected.problems))
    except NeedsActivityMapping:
        return _show_upload(request, 400)
    except NotFound:
        # Confirmed twice (two tabs, a double click): the first confirm imported it, or it was cancelled.
        return _page(request, 409, errors={"form": "Nothing is waiting to be imported: this upload was already "
                                                   "imported or cancelled (perhaps in another tab). Your journal "
                                                   "has everything the first confirm saved."})
    except UserInputError as exc:
        return _page(request, 400, errors={"form": exc.message})
    if isinstance(outcome, ImportRun):
        return redirect("web:import_run", run_id=outcome.pk)
    messages.success(request, _summary_text(outcome))
    return redirect("web:rate_week" if outcome.get("pending") else "web:import")


@require_GET
@person_view
def import_run_page(request, run_id: int):
    """The import page with one background import's state (where a big confirm lands).

    Its status section polls itself until the run ends; the reload link does the same without JavaScript.
    """
    return _page(request, runs=[_run_context(runs.import_run_for(request.user, run_id))])


@require_GET
@person_view
def import_run_status(request, run_id: int):
    """The status of one background import: the partial the import page polls every 2 seconds.

    Once the run is done or failed the partial carries no trigger, so the polling stops.
    """
    run_status = _run_context(runs.import_run_for(request.user, run_id))
    return render(request, "web/partials/import_run.html", {"run_status": run_status})


@require_POST
@person_view
def import_cancel(request):
    """Forget the file awaiting confirmation."""
    uploads.discard_upload(request.user)
    messages.info(request, "Nothing imported; the uploaded file is gone.")
    return redirect("web:import")


def _indexed_pairs(post, name_field: str, value_field: str) -> dict[str, str]:
    pairs = {}
    for key in post:
        if key.startswith(name_field + "_"):
            index = key[len(name_field) + 1:]
            pairs[post[key]] = post.get(f"{value_field}_{index}", "")
    return pairs


@require_POST
@person_view
def import_daylio(request):
    """Confirm how the upload's Daylio activities map ('' = not work) and what its renamed moods mean,
    in one step; both are saved with the import (nothing before it)."""
    try:
        moods = _indexed_pairs(request.POST, "mood", "level")
        if moods:
            uploads.set_upload_mood_levels(request.user, moods)
        names = _indexed_pairs(request.POST, "name", "slug")
        if names:
            uploads.set_upload_activity_names(request.user, names)
    except NotFound:
        raise
    except UserInputError as exc:
        messages.error(request, error_html(exc))
    return redirect("web:import")


@require_POST
@person_view
def import_assign(request):
    """Give unclassified calendar titles their activity (remembered for later imports too)."""
    try:
        count = rating.remember_title_activities(request.user, _indexed_pairs(request.POST, "title", "activity"))
    except UserInputError as exc:
        messages.error(request, error_html(exc))
    else:
        messages.success(request, f"Assigned {count} title(s).")
    return redirect("web:import")
