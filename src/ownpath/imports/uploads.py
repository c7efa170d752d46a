"""Uploads from the web page: kept until the person confirms the preview, then imported.

The plan of an upload is cached under everything it depends on (the file, the journal, the
person's rules and choices, the day), so the preview and the confirm plan it once. A big
upload is handed to the background worker (``imports.runs``) instead of imported in the request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping

from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max

from ownpath.errors import Hint, ImportRejected, NotFound, UserInputError
from ownpath.imports.formats.base import ImportOptions, ImportPlan
from ownpath.imports.formats.daylio import NeedsActivityMapping
from ownpath.imports.models import ImportRun, ImportSettings, PendingEvent, PendingUpload, RememberedChoice
from ownpath.imports.planning import apply_import, plan_import
from ownpath.imports.runs import background_rows, queue_import_run
from ownpath.journal.models import Episode
from ownpath.journal.services import activities_for, activity_labels

UPLOAD_MAX_BYTES = int(django_settings.OWNPATH_WEB_IMPORT_MAX_MB * 1024 * 1024)


def store_upload(user, data: bytes, filename: str, options: ImportOptions) -> PendingUpload:
    """Keep an uploaded file on the server until the person confirms it (replacing any earlier one)."""
    if not data:
        raise UserInputError("file: the uploaded file is empty")
    if len(data) > UPLOAD_MAX_BYTES:
        raise UserInputError(f"file: {len(data) / 1024 / 1024:.1f} MB is more than the "
                             f"{UPLOAD_MAX_BYTES / 1024 / 1024:g} MB a web upload may hold; split it",
                             hint=Hint("ownpath import FILE", None, "or import it on the computer that runs ownpath"))
    upload, _ = PendingUpload.objects.update_or_create(
        user=user, defaults={"data": bytes(data), "filename": filename[:255], "options": options.stored()})
    return upload


def pending_upload_for(user) -> PendingUpload | None:
    """The person's upload awaiting confirmation, if any."""
    return PendingUpload.objects.filter(user=user).first()


def upload_options(upload: PendingUpload | ImportRun) -> ImportOptions:
    """The reading options stored with an upload (or with the run importing it in the background)."""
    return ImportOptions.from_stored(upload.options)


def plan_upload(user) -> tuple[PendingUpload, ImportPlan]:
    """Plan the person's pending upload, or reuse its plan while nothing it depends on changed."""
    upload = pending_upload_for(user)
    if upload is None:
        raise NotFound("nothing uploaded to import: choose a file first")
    return upload, _upload_plan(user, upload)


# Planning a large or hostile file costs seconds; the preview page is shown again on every GET
# and the confirm needs the same plan, so it is kept (and so is a refusal) while valid.
PLAN_CACHE_SECONDS = 30 * 60


def _upload_plan(user, upload: PendingUpload, inputs: str | None = None) -> ImportPlan:
    """The plan of an upload, cached under everything it depends on; refusals are cached too."""
    inputs = inputs or _plan_inputs(user, upload)
    key = f"ownpath:import-plan:{user.pk}:{inputs}"
    outcome = cache.get(key)
    if outcome is None:
        try:
            outcome = ("plan", plan_import(user, bytes(upload.data), upload.filename, upload_options(upload)))
        except NeedsActivityMapping as needs:
            outcome = ("needs-mapping", needs.counts, needs.suggestions, needs.moods, needs.mood_levels)
        except ImportRejected as rejected:
            outcome = ("rejected", rejected.problems, rejected.source)
        except UserInputError as error:
            outcome = ("refused", error.message)
        cache.set(key, outcome, PLAN_CACHE_SECONDS)
    kind, *details = outcome
    if kind == "plan":
        _remember_planned_entries(upload, inputs, details[0].total)
        return details[0]
    if kind == "needs-mapping":
        raise NeedsActivityMapping(*details)
    if kind == "rejected":
        raise ImportRejected(*details)
    raise UserInputError(*details)


def _remember_planned_entries(upload: PendingUpload, inputs: str, entries: int) -> None:
    """Note on the upload how many entries its plan has, for the inputs it was planned from.

    The plan cache is per server process; this row is not, so any process can tell at the confirm
    that a big upload goes to the worker without planning it again.
    """
    if (upload.planned_for, upload.planned_entries) != (inputs, entries):
        # update(), not save(): saving would move created_at (auto_now), one of the plan's inputs.
        PendingUpload.objects.filter(pk=upload.pk).update(planned_for=inputs, planned_entries=entries)
        upload.planned_for, upload.planned_entries = inputs, entries


def _plan_inputs(user, upload: PendingUpload) -> str:
    """A digest of what a plan depends on: the upload, the journal, rules, choices, the day."""
    own_activities = activities_for(user).filter(owner=user).aggregate(n=Count("id"), last=Max("id"))
    episodes = Episode.objects.filter(user=user).aggregate(n=Count("id"), last=Max("id"), changed=Max("updated_at"))
    pending = PendingEvent.objects.filter(user=user).aggregate(n=Count("id"), last=Max("id"))
    remembered = RememberedChoice.objects.filter(user=user).aggregate(n=Count("id"), changed=Max("updated_at"))
    settings = list(ImportSettings.objects.filter(user=user).values_list("rules", "daylio_mapping", "mood_scale"))
    content = hashlib.blake2b(bytes(upload.data)).hexdigest()
    state = (upload.pk, upload.created_at, upload.filename, upload.options, content, dt.date.today(),
             own_activities, episodes, pending, remembered, settings, django_settings.OWNPATH_TIME_ZONE)
    return hashlib.blake2b(repr(state).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def set_upload_activity_names(user, names: Mapping[str, str | None]) -> PendingUpload:
    """Record how the upload's Daylio activities map ('' or None: not work); stored when imported."""
    upload = pending_upload_for(user)
    if upload is None:
        raise NotFound("nothing uploaded to import: choose a file first")
    known = set(activity_labels(user))
    cleaned = {" ".join(name.lower().split()): (slug or "").strip().lower() or None for name, slug in names.items()}
    bad = sorted(f"{name!r} -> {slug!r}" for name, slug in cleaned.items() if slug and slug not in known)
    if bad:
        raise UserInputError("unknown activity in the Daylio mapping: " + ", ".join(bad))
    options = dict(upload.options or {})
    options["activity_names"] = {**(options.get("activity_names") or {}), **cleaned}
    upload.options = options
    upload.save(update_fields=["options"])
    return upload


def set_upload_mood_levels(user, levels: Mapping[str, str]) -> PendingUpload:
    """Record the level (-2 … +2) of each renamed Daylio mood of the upload; added to the scale when imported."""
    upload = pending_upload_for(user)
    if upload is None:
        raise NotFound("nothing uploaded to import: choose a file first")
    cleaned, bad = {}, []
    for name, value in levels.items():
        try:
            level = int(str(value).strip().replace("+", ""))
        except ValueError:
            level = None
        if level is None or not -2 <= level <= 2:
            bad.append(f"{name!r}: {value!r}")
        else:
            cleaned[" ".join(name.lower().split())] = level
    if bad:
        raise UserInputError("mood: a level is -2 … +2, not " + ", ".join(bad))
    options = dict(upload.options or {})
    options["mood_levels"] = {**(options.get("mood_levels") or {}), **cleaned}
    upload.options = options
    upload.save(update_fields=["options"])
    return upload


def confirm_upload(user) -> dict | ImportRun:
    """Import the person's pending upload, all or nothing, and forget the upload once saved.

    An upload planning more than OWNPATH_IMPORT_BACKGROUND_ROWS entries is queued for the worker
    instead and its ImportRun returned; either way the upload is gone, so a second confirm is NotFound.
    """
    with transaction.atomic():
        upload = PendingUpload.objects.select_for_update().filter(user=user).first()
        if upload is None:
            raise NotFound("nothing uploaded to import: choose a file first")
        inputs = _plan_inputs(user, upload)
        # Planned by the preview from these very inputs (in any server process): not planned again here.
        known = upload.planned_for == inputs
        entries = upload.planned_entries if known else _upload_plan(user, upload, inputs).total
        if entries > background_rows():
            run = queue_import_run(user, upload, entries)
            upload.delete()
            return run
        summary = apply_import(user, _upload_plan(user, upload, inputs))
        upload.delete()
    return summary


def discard_upload(user) -> bool:
    """Forget the person's pending upload without importing it."""
    deleted, _ = PendingUpload.objects.filter(user=user).delete()
    return bool(deleted)
