"""Occupation use cases: load an O*NET release, search titles, show, prefill options, fit.

Occupation data is shared reference data, not personal: only ``occupation_fit`` reads a
person's journal, and it takes the acting user first. The loader reads and checks every
file before it writes anything, then syncs the database in one transaction keyed on
O*NET's own identifiers, so loading the same release twice changes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from ownpath.errors import NotFound, UserInputError
from ownpath.occupations import oews, onet_files
from ownpath.occupations.models import (
    OnetRelease, Occupation, OccupationActivity, OccupationInterest, OccupationTitle,
    OccupationValue,
)
from ownpath.taxonomy import BUILTIN_ACTIVITIES

DEFAULT_VERSION = "29.3"
NO_DATA_MESSAGE = ("no occupation data yet: load an O*NET text release with "
                   "`ownpath data onet PATH` (https://www.onetcenter.org/database.html)")
ACTIVITY_LABELS = {a.slug: a.label for a in BUILTIN_ACTIVITIES}
_BATCH = 2000
_SHARE_DIGITS = 6


def onet_credit(version: str | None = None) -> str:
    """The attribution O*NET's CC BY 4.0 license asks for, naming the loaded release."""
    if version is None:
        release = OnetRelease.objects.defer("title_index").first()
        version = release.version if release and release.version else DEFAULT_VERSION
    return onet_files.ONET_CREDIT.format(version=version)


# --- loading --------------------------------------------------------------------------

@dataclass
class TableChanges:
    """Rows created, updated and deleted in one table by a load."""

    created: int = 0
    updated: int = 0
    deleted: int = 0
    total: int = 0


@dataclass
class LoadSummary:
    """What a load found and changed; ``changed`` is False when the database already matched."""

    version: str
    tables: dict[str, TableChanges] = field(default_factory=dict)
    missing_files: list[str] = field(default_factory=list)
    ignored_rows: int = 0
    pay_note: str = ""
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        """True if any row was created, updated or deleted."""
        return any(t.created or t.updated or t.deleted for t in self.tables.values())


@dataclass
class _Release:
    """Everything read from the files, checked, before the database is touched."""

    version: str
    source: str
    occupations: dict[str, dict[str, Any]]
    titles: dict[str, dict[tuple, dict]] | None
    values: dict[str, dict[tuple, dict]] | None
    interests: dict[str, dict[tuple, dict]] | None
    activities: dict[str, dict[tuple, dict]] | None
    missing_files: list[str]
    ignored_rows: int
    pay_release: str
    pay_note: str


def _read_release(folders: Sequence[Path | str], with_pay: bool) -> _Release:
    folders = onet_files.expand_release_folders(folders)
    files = onet_files.locate_release_files(folders)
    missing = [layout.filename for key, layout in onet_files.LAYOUTS.items() if key not in files]
    version = next((v for v in (onet_files.read_release_version(f) for f in folders) if v), "")
    occupations = {o.code: {"title": o.title, "description": o.description, "job_zone": None,
                            "profile_basis": "none", "profile_tasks": 0}
                   for o in onet_files.read_occupations(files["occupations"])}
    ignored = 0

    def group(rows: Iterable[tuple[str, tuple, dict]]) -> dict[str, dict[tuple, dict]]:
        nonlocal ignored
        grouped: dict[str, dict[tuple, dict]] = {}
        for code, key, values in rows:
            if code not in occupations:
                ignored += 1
                continue
            grouped.setdefault(code, {})[key] = values
        return grouped

    titles = None
    if "alternate_titles" in files or "reported_titles" in files:
        rows = [onet_files.TitleRow(code, o["title"], "official") for code, o in occupations.items()]
        if "alternate_titles" in files:
            rows += onet_files.read_alternate_titles(files["alternate_titles"])
        if "reported_titles" in files:
            rows += onet_files.read_reported_titles(files["reported_titles"])
        titles = group((t.code, (t.kind, t.title[:250]), {}) for t in rows if t.title)

    def scores(key: str, reader) -> dict[str, dict[tuple, dict]] | None:
        if key not in files:
            return None
        return group((s.code, (s.element_id,), {"name": s.element_name, "value": s.value})
                     for s in reader(files[key]))

    values = scores("work_values", onet_files.read_work_values)
    interests = scores("interests", onet_files.read_interests)
    if "job_zones" in files:
        for code, zone in onet_files.read_job_zones(files["job_zones"]).items():
            if code in occupations:
                occupations[code]["job_zone"] = zone
            else:
                ignored += 1

    activities = None
    if "tasks_to_dwas" in files and "dwa_reference" in files:
        tasks = onet_files.read_tasks(files["tasks"]) if "tasks" in files else []
        profiles = onet_files.activity_profiles(
            onet_files.read_tasks_to_dwas(files["tasks_to_dwas"]),
            onet_files.read_dwa_reference(files["dwa_reference"]), tasks, list(occupations))
        for code, profile in profiles.items():
            if code in occupations:
                occupations[code]["profile_basis"] = profile.basis
                occupations[code]["profile_tasks"] = profile.task_count
        activities = group((p.code, (slug,), {"share": round(share, _SHARE_DIGITS)})
                           for p in profiles.values() for slug, share in p.shares.items())

    pay_release, pay_note = _attach_pay(occupations, with_pay)
    return _Release(version, "; ".join(str(Path(f)) for f in folders), occupations, titles,
                    values, interests, activities, missing, ignored, pay_release, pay_note)


def _attach_pay(occupations: dict[str, dict[str, Any]], with_pay: bool) -> tuple[str, str]:
    release = oews.open_bundled_release() if with_pay else None
    empty = {"pay_annual_median": None, "pay_annual_p25": None, "pay_annual_p75": None,
             "pay_hourly_median": None, "pay_hourly_p25": None, "pay_hourly_p75": None,
             "employment": None, "pay_soc": "", "pay_note": ""}
    if release is None:
        note = oews.MISSING_PACKAGE_REASON if with_pay else "pay not loaded (--no-pay)"
        for row in occupations.values():
            row.update(empty, pay_note=note)
        return "", note
    by_soc: dict[str, oews.Pay] = {}
    for code, row in occupations.items():
        soc = oews.soc_of(code)
        pay = by_soc.get(soc) or by_soc.setdefault(soc, release.pay(soc))
        row.update({
            "pay_annual_median": pay.annual_median, "pay_annual_p25": pay.annual_p25,
            "pay_annual_p75": pay.annual_p75, "pay_hourly_median": pay.hourly_median,
            "pay_hourly_p25": pay.hourly_p25, "pay_hourly_p75": pay.hourly_p75,
            "employment": pay.employment, "pay_soc": pay.source_soc or "",
            "pay_note": pay.reason[:300],
        })
    return release.release, ""


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(float(a) - float(b)) <= 1e-9
    return a == b


def _sync_children(model, fields: tuple[str, ...], key_fields: tuple[str, ...],
                   desired: dict[str, dict[tuple, dict]], occupation_ids: Mapping[str, int]
                   ) -> TableChanges:
    """Make ``model``'s rows equal ``desired`` (code -> key -> values) with bulk operations."""
    changes = TableChanges()
    id_to_code = {pk: code for code, pk in occupation_ids.items()}
    existing: dict[tuple, dict] = {}
    for row in model.objects.values("id", "occupation_id", *key_fields, *fields).iterator(chunk_size=_BATCH):
        code = id_to_code.get(row["occupation_id"])
        existing[(code, *(row[k] for k in key_fields))] = row
    to_create, to_update, seen = [], [], set()
    for code, rows in desired.items():
        for key, values in rows.items():
            full_key = (code, *key)
            seen.add(full_key)
            current = existing.get(full_key)
            if current is None:
                to_create.append(model(occupation_id=occupation_ids[code],
                                       **dict(zip(key_fields, key)), **values))
            elif not all(_same(current[f], values[f]) for f in fields):
                to_update.append(model(id=current["id"], **values))
    stale = [row["id"] for key, row in existing.items() if key not in seen]
    model.objects.bulk_create(to_create, batch_size=_BATCH)
    if to_update and fields:
        model.objects.bulk_update(to_update, list(fields), batch_size=_BATCH)
    for start in range(0, len(stale), 500):
        model.objects.filter(id__in=stale[start:start + 500]).delete()
    changes.created, changes.updated, changes.deleted = len(to_create), len(to_update), len(stale)
    changes.total = len(seen)
    return changes


def load_onet_release(folders: Sequence[Path | str], *, with_pay: bool = True) -> LoadSummary:
    """Load an O*NET text release (one or more folders; the first holding a file wins).

    All files are read and checked first (a wrong header names file and column, nothing is
    written); then one transaction creates, updates and deletes rows so the database equals
    the release. Pay comes from the optional BLS OEWS package; without it pay stays empty
    with the reason. Files absent from the release leave their tables as they were.
    """
    started = time.perf_counter()
    if not folders:
        raise UserInputError("give the folder of an O*NET text release")
    release = _read_release(folders, with_pay)
    summary = LoadSummary(release.version or DEFAULT_VERSION, missing_files=release.missing_files,
                          ignored_rows=release.ignored_rows, pay_note=release.pay_note)
    occupation_fields = ("title", "description", "job_zone", "profile_basis", "profile_tasks",
                         "pay_annual_median", "pay_annual_p25", "pay_annual_p75",
                         "pay_hourly_median", "pay_hourly_p25", "pay_hourly_p75", "employment",
                         "pay_soc", "pay_note")
    with transaction.atomic():
        existing = {row["code"]: row for row in Occupation.objects.values("id", "code", *occupation_fields)}
        to_create, to_update = [], []
        for code, values in release.occupations.items():
            current = existing.get(code)
            if current is None:
                to_create.append(Occupation(code=code, **values))
            elif not all(_same(current[f], values[f]) for f in occupation_fields):
                to_update.append(Occupation(id=current["id"], code=code, **values))
        stale = [row["id"] for code, row in existing.items() if code not in release.occupations]
        Occupation.objects.bulk_create(to_create, batch_size=_BATCH)
        Occupation.objects.bulk_update(to_update, list(occupation_fields), batch_size=_BATCH)
        for start in range(0, len(stale), 500):
            Occupation.objects.filter(id__in=stale[start:start + 500]).delete()
        summary.tables["occupations"] = TableChanges(len(to_create), len(to_update), len(stale),
                                                     len(release.occupations))
        ids = dict(Occupation.objects.values_list("code", "id"))
        for name, model, fields, keys, desired in (
            ("titles", OccupationTitle, (), ("kind", "title"), release.titles),
            ("work values", OccupationValue, ("name", "value"), ("element_id",), release.values),
            ("interests", OccupationInterest, ("name", "value"), ("element_id",), release.interests),
            ("activity profiles", OccupationActivity, ("share",), ("activity",), release.activities),
        ):
            if desired is not None:
                summary.tables[name] = _sync_children(model, fields, keys, desired, ids)

        record = OnetRelease.objects.first()
        wanted = {"version": release.version, "source": release.source,
                  "pay_release": release.pay_release, "pay_note": release.pay_note[:300]}
        # Deleting an occupation drops its titles by cascade, unseen by the titles sync.
        titles_changed = any(t.created or t.updated or t.deleted for name, t in summary.tables.items()
                             if name in ("titles", "occupations"))
        if record is None or titles_changed or not record.title_index:
            wanted["title_index"] = _build_title_index().to_bytes()
        if record is None:
            OnetRelease.objects.create(loaded_at=timezone.now(), **wanted)
        elif summary.changed or "title_index" in wanted or any(
                getattr(record, k) != v for k, v in wanted.items()):
            for key, value in wanted.items():
                setattr(record, key, value)
            record.loaded_at = timezone.now()
            record.save()
    _index_cache.clear()
    summary.seconds = time.perf_counter() - started
    return summary


# --- search and details ---------------------------------------------------------------

_index_cache: dict[tuple, Any] = {}


def _build_title_index():
    from ownpath.analytics.title_normaliser import TitleIndex

    rows = OccupationTitle.objects.values_list("occupation__code", "title").iterator(chunk_size=_BATCH)
    try:
        return TitleIndex(rows)
    except ValueError:
        raise UserInputError(NO_DATA_MESSAGE) from None


def _title_index():
    """The title index of the loaded release: saved at load time, kept once per process."""
    from ownpath.analytics.title_normaliser import TitleIndex

    release = OnetRelease.objects.defer("title_index").first()
    if release is None or not Occupation.objects.exists():
        raise UserInputError(NO_DATA_MESSAGE)
    stamp = (release.pk, release.loaded_at)
    if stamp not in _index_cache:
        _index_cache.clear()
        blob = OnetRelease.objects.filter(pk=release.pk).values_list("title_index", flat=True).first()
        try:
            index = TitleIndex.from_bytes(bytes(blob)) if blob else None
        except ValueError:  # saved by another version of ownpath: rebuild it once, and save it
            index = None
        if index is None:
            index = _build_title_index()
            OnetRelease.objects.filter(pk=release.pk).update(title_index=index.to_bytes())
        _index_cache[stamp] = index
    return _index_cache[stamp]


def search_occupations(query: str, limit: int = 10) -> list[dict[str, Any]]:
    """Rank occupations for a free-text job title, best first, with scores and pay."""
    if not query or not query.strip():
        raise UserInputError("give a job title to search for, e.g. \"regional sales director\"")
    if not 1 <= limit <= 100:
        raise UserInputError("limit must be between 1 and 100")
    matches = _title_index().search(query, limit=limit)
    occupations = Occupation.objects.in_bulk([m.code for m in matches], field_name="code")
    return [{"code": m.code, "title": occupations[m.code].title, "score": m.score,
             "similarity": m.similarity, "matched_title": m.matched_title,
             "job_zone": occupations[m.code].job_zone,
             "pay_annual_median": occupations[m.code].pay_annual_median}
            for m in matches if m.code in occupations]


def get_occupation(code: str) -> Occupation:
    """The occupation with an O*NET-SOC code ("11-2022.00"), or a SOC code ("11-2022")."""
    code = (code or "").strip()
    found = Occupation.objects.filter(code=code).first()
    if found is None and len(code) == 7:
        found = Occupation.objects.filter(code=code + ".00").first()
    if found is None:
        if not Occupation.objects.exists():
            raise UserInputError(NO_DATA_MESSAGE)
        raise NotFound(f"no occupation with code '{code}' (search: `ownpath occupations search TITLE`)")
    return found


def occupation_profile(occupation: Occupation) -> dict[str, float]:
    """Activity slug -> share of the occupation's work (empty when O*NET has no task data)."""
    return {a.activity: a.share for a in occupation.activities.all()}


def _pay_dict(occupation: Occupation) -> dict[str, Any]:
    return {"annual_median": occupation.pay_annual_median, "annual_p25": occupation.pay_annual_p25,
            "annual_p75": occupation.pay_annual_p75, "hourly_median": occupation.pay_hourly_median,
            "hourly_p25": occupation.pay_hourly_p25, "hourly_p75": occupation.pay_hourly_p75,
            "employment": occupation.employment, "soc": occupation.pay_soc,
            "note": occupation.pay_note}


def occupation_detail(code: str) -> dict[str, Any]:
    """Everything about one occupation: titles, job zone, pay, work values, interests, profile."""
    occupation = get_occupation(code)
    release = OnetRelease.objects.defer("title_index").first()
    return {
        "code": occupation.code, "title": occupation.title, "description": occupation.description,
        "job_zone": occupation.job_zone,
        "pay": _pay_dict(occupation) | {"release": release.pay_release if release else ""},
        "activities": [{"activity": slug, "label": ACTIVITY_LABELS.get(slug, slug), "share": share}
                       for slug, share in occupation_profile(occupation).items()],
        "profile_basis": occupation.profile_basis,
        "work_values": {v.name: v.value for v in occupation.work_values.all()},
        "interests": {i.name: i.value for i in occupation.interests.all()},
        "titles": sorted(t.title for t in occupation.titles.filter(kind__in=["alternate", "reported"]))[:20],
        "credit": onet_credit(),
    }


def occupation_option_prefill(code: str | None = None, *, title: str | None = None,
                              hours: float = 40.0) -> dict[str, Any]:
    """Prefill for an option from an occupation (by code, or the best match for a title).

    Returns ``{code, title, mix, hours, pay, pay_p25, pay_p75, pay_note, credit}``: ``mix``
    splits ``hours`` a week over activities by the occupation's profile; pay is the
    national annual median and 25th–75th percentiles (None when not published). All of it
    is a starting point for the person to edit.
    """
    if (code is None) == (title is None):
        raise UserInputError("give either an occupation code or a job title")
    if not 0 < hours <= 100:
        raise UserInputError(f"hours must be more than 0 and at most 100, not {hours:g}")
    if title is not None:
        matches = search_occupations(title, limit=1)
        if not matches:
            raise NotFound(f"no occupation matches the title '{title}'")
        code = matches[0]["code"]
    occupation = get_occupation(code)
    shares = occupation_profile(occupation)
    if not shares:
        raise UserInputError(f"O*NET has no task data for {occupation.code} {occupation.title}, "
                             f"so its activity mix cannot be prefilled; type the hours in")
    mix = {slug: round(share * hours, 1) for slug, share in shares.items() if share * hours >= 0.05}
    return {"code": occupation.code, "title": occupation.title, "mix": mix, "hours": hours,
            "pay": occupation.pay_annual_median, "pay_p25": occupation.pay_annual_p25,
            "pay_p75": occupation.pay_annual_p75, "pay_note": occupation.pay_note,
            "credit": onet_credit()}


# --- roles that pay for what you love ------------------------------------------------

def _energy_effects(user):
    """The person's energy model fitted on their journal (ownpath.insights)."""
    from ownpath.insights.services import energy_effects_for

    return energy_effects_for(user)


def _pay_baseline(user) -> float | None:
    """The person's pay baseline from their values profile (None until they set one)."""
    from ownpath.options.services import values_profile_for

    return values_profile_for(user).pay_baseline


def occupation_fit(user, *, min_pay: float | None = None, job_zone: int | None = None,
                   limit: int = 20, effects: Any = None) -> dict[str, Any]:
    """Occupations ranked by the energy the person's journal predicts for them.

    ``effects`` is the energy model's fit (``effects[slug].estimate/.sd``, ``activity_sd``,
    optional ``mean``, ``prior_means`` and ``n_episodes``); by default
    ``ownpath.insights.services.energy_effects_for(user)``, fitted on the user's journal.
    ``min_pay`` (default: the person's pay baseline) drops occupations paid less, and those
    without a published annual median; ``job_zone`` keeps one zone (1–5).
    """
    from ownpath.analytics.occupation_fit import rank_occupations

    if job_zone is not None and job_zone not in (1, 2, 3, 4, 5):
        raise UserInputError(f"job zone must be 1–5, not {job_zone}")
    if min_pay is not None and min_pay < 0:
        raise UserInputError(f"minimum pay cannot be negative ({min_pay:g})")
    if not 1 <= limit <= 1000:
        raise UserInputError("limit must be between 1 and 1000")
    if not Occupation.objects.exists():
        raise UserInputError(NO_DATA_MESSAGE)
    pay_source = "given"
    if min_pay is None:
        min_pay = _pay_baseline(user)
        pay_source = "your pay baseline" if min_pay is not None else "none"
    fit = effects if effects is not None else _energy_effects(user)
    if fit is None or not fit.effects or not getattr(fit, "n_episodes", 1):
        raise UserInputError("no journal entries yet: log some work and how it felt "
                             "(`ownpath log ACTIVITY --hours H --energy E`) so ownpath can predict "
                             "how occupations would feel to you")

    occupations = Occupation.objects.exclude(profile_basis="none")
    if job_zone is not None:
        occupations = occupations.filter(job_zone=job_zone)
    by_code = {o.code: o for o in occupations}
    without_pay = 0
    if min_pay:  # 0 means "no minimum": keep occupations without published pay too
        without_pay = sum(1 for o in by_code.values() if o.pay_annual_median is None)
        by_code = {c: o for c, o in by_code.items()
                   if o.pay_annual_median is not None and o.pay_annual_median >= min_pay}
    profiles: dict[str, dict[str, float]] = {}
    for code, slug, share in OccupationActivity.objects.filter(
            occupation__code__in=list(by_code)).values_list("occupation__code", "activity", "share"):
        profiles.setdefault(code, {})[slug] = share
    ranked = rank_occupations(profiles, fit)
    results = []
    for item in ranked[:limit]:
        occupation = by_code[item.code]
        results.append({
            "code": item.code, "title": occupation.title, "job_zone": occupation.job_zone,
            "energy": round(item.energy, 3), "low": round(item.low, 3), "high": round(item.high, 3),
            "p_energizing": round(item.probability_energizing, 3),
            "logged_share": round(item.coverage, 3),
            "pay": _pay_dict(occupation),
            "drivers": [{"activity": d.slug, "label": ACTIVITY_LABELS.get(d.slug, d.slug),
                         "share": round(d.share, 3), "effect": round(d.estimate, 3),
                         "contribution": round(d.contribution, 3), "logged": d.logged,
                         "feeling": d.feeling}
                        for d in item.drivers[:3]],
        })
    return {
        "n_episodes": getattr(fit, "n_episodes", None),
        "min_pay": min_pay, "min_pay_source": pay_source, "job_zone": job_zone,
        "considered": len(profiles), "left_out_without_pay": without_pay,
        "results": results, "credit": onet_credit(),
    }
