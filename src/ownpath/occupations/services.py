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

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone

from ownpath.errors import LOG_HINT, Hint, NotFound, UserInputError
from ownpath.occupations import onet_files, reference_data
from ownpath.occupations.models import (
    OnetRelease, Occupation, OccupationActivity, OccupationInterest, OccupationTitle,
    OccupationValue, RelatedOccupation,
)
from ownpath.taxonomy import BUILTIN_ACTIVITIES

DEFAULT_VERSION = "29.3"
ACTIVITY_LABELS = {a.slug: a.label for a in BUILTIN_ACTIVITIES}
_BATCH = 2000
_SHARE_DIGITS = 6


def database_option(database: Mapping[str, Any] | None = None) -> str:
    """``--db URL `` when this process uses another database than the CLI's default, else "".

    A hint to run a command must name the database the page or command actually uses (the
    quickstart's web app runs on the demo database, not the default one). ``database`` is a
    Django database setting (default: this process's).
    """
    from ownpath.settings import default_database_url

    database = database or settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        if database["NAME"] == ":memory:":
            return ""
        url = f"sqlite:///{database['NAME']}"
    else:
        host = f"{database.get('HOST') or 'localhost'}:{database.get('PORT') or 5432}"
        url = f"postgresql://{database.get('USER') or ''}@{host}/{database['NAME']}"
    return "" if url == default_database_url() else f"--db {url} "


def ownpath_command(arguments: str) -> str:
    """An ``ownpath`` command line that acts on the database in use (see ``database_option``)."""
    return f"ownpath {database_option()}{arguments}"


def no_data_message() -> str:
    """Why there is no occupation data here, and the command that loads it into this database."""
    return (f"no occupation data in this database: load the data shipped with ownpath with "
            f"`{ownpath_command('data bundled')}`, or an O*NET text release with "
            f"`{ownpath_command('data onet PATH')}` (https://www.onetcenter.org/database.html)")


def no_data_words() -> str:
    """The same for a page: only whoever runs this ownpath can load the data, so no command is shown."""
    return ("no occupation data in this database yet: whoever runs this ownpath loads the data shipped "
            "with it (or an O*NET text release)")


ACTIVITY_FILES = ("Tasks to DWAs.txt", "DWA Reference.txt")


def occupation_data_status() -> dict[str, Any]:
    """What occupation data this database holds and what is missing, with the command that fixes it.

    ``{loaded, version, source, bundled, missing_files, missing_activity_files, fix}``; ``fix``
    is empty when nothing the pages need is missing.
    """
    ensure_reference_data()
    record = OnetRelease.objects.defer("title_index").first()
    loaded = record is not None and Occupation.objects.exists()
    missing = list(record.missing_files) if record else []
    activity_files = [name for name in ACTIVITY_FILES if name in missing]
    fix = fix_words = ""
    if not loaded:
        fix, fix_words = no_data_message(), no_data_words()
    elif activity_files and not OccupationActivity.objects.exists():
        fix = activity_files_message(record, activity_files)
        fix_words = (f"occupations have no activity profile: the O*NET release loaded here lacks "
                     f"{' and '.join(activity_files)}; whoever runs this ownpath loads it with those files")
    return {"fix_words": fix_words, "loaded": loaded, "version": record.version if record else "",
            "source": record.source if record else "", "bundled": bool(record and record.reference_sha256),
            "missing_files": missing, "missing_activity_files": activity_files, "fix": fix}


def onet_dwa_rows() -> list[tuple[str, str]]:
    """DWA (ID, title) rows of the loaded O*NET release; [] when none is loaded or readable.

    The release folders are those `ownpath occupations load` recorded (or OWNPATH_ONET_DIR);
    DWA titles are read in place, never copied.
    """
    folders = [settings.OWNPATH_ONET_DIR] if settings.OWNPATH_ONET_DIR else []
    try:
        release = OnetRelease.objects.first()
        if release is not None and release.source:
            folders += [f.strip() for f in release.source.split(";") if f.strip()]
        for folder in onet_files.expand_release_folders(folders):
            path = Path(folder) / onet_files.LAYOUTS["dwa_reference"].filename
            if path.is_file():
                return [(row.dwa_id, row.title) for row in onet_files.read_dwa_reference(path).values()]
    except Exception:  # a moved or damaged release must not stop an import; train without it
        return []
    return []


def activity_files_message(record: OnetRelease, files: Sequence[str]) -> str:
    """Say which release file the activity profiles need and how to load it."""
    names = " and ".join(f"'{name}'" for name in files)
    return (f"the O*NET release loaded from {record.source or 'a folder'} has no {names}, which link "
            f"each task to its work activities, so occupations have no activity profile. O*NET 29.3 "
            f"ships them in release 27.0: load both folders, newest first "
            f"(`{ownpath_command('data onet PATH/onet-29.3 PATH/onet-27.0')}`), or go back to the data "
            f"shipped with ownpath (`{ownpath_command('data bundled')}`)")


def profile_missing_reason(occupation: Occupation) -> str:
    """Why an occupation has no activity profile: a file missing from the load, or O*NET has no tasks."""
    if occupation.profile_basis != "none" and occupation.activities.exists():
        return ""
    record = OnetRelease.objects.defer("title_index").first()
    files = [name for name in ACTIVITY_FILES if record and name in record.missing_files]
    if files and not occupation.activities.exists():
        return activity_files_message(record, files)
    return ("O*NET publishes no tasks for this occupation (nor for other occupations under its "
            "SOC code), so it has no activity profile")


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


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(float(a) - float(b)) <= 1e-9
    return a == b


def _insert_rows(model, field_names: Sequence[str], rows: Sequence[tuple]) -> None:
    """Insert plain rows in batches of one statement each (no model instances).

    The first load inserts ~100,000 rows of reference data; building a model instance per
    row made that take ~20 s, over the 5 s a first use may take. Values are plain str, int
    and float, so the driver's own parameter binding is all the conversion they need.
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = [model._meta.get_field(name).column for name in field_names]
    per_statement = max(1, min(_BATCH, 900 // len(columns)))  # SQLite: at most 999 parameters
    for start in range(0, len(rows), per_statement):
        batch = rows[start:start + per_statement]
        values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(batch))
        sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
               f"VALUES {values}")
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for row in batch for value in row])


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
                to_create.append((occupation_ids[code], *key, *(values[f] for f in fields)))
            elif not all(_same(current[f], values[f]) for f in fields):
                to_update.append(model(id=current["id"], **values))
    stale = [row["id"] for key, row in existing.items() if key not in seen]
    _insert_rows(model, ("occupation_id", *key_fields, *fields), to_create)
    if to_update and fields:
        model.objects.bulk_update(to_update, list(fields), batch_size=_BATCH)
    for start in range(0, len(stale), 500):
        model.objects.filter(id__in=stale[start:start + 500]).delete()
    changes.created, changes.updated, changes.deleted = len(to_create), len(to_update), len(stale)
    changes.total = len(seen)
    return changes


@dataclass
class _Release:
    """Everything read and checked (from files or the bundled dataset) before the database is touched.

    A part left None was not in the release: its table is left as it was.
    """

    version: str
    source: str
    occupations: dict[str, dict[str, Any]]
    titles: dict[str, dict[tuple, dict]] | None
    values: dict[str, dict[tuple, dict]] | None
    interests: dict[str, dict[tuple, dict]] | None
    activities: dict[str, dict[tuple, dict]] | None
    related: dict[str, list[tuple[str, str]]] | None
    missing_files: list[str]
    ignored_rows: int
    pay_release: str
    pay_note: str
    reference_sha256: str = ""


_PAY_COLUMNS = {"annual_median": "pay_annual_median", "annual_p25": "pay_annual_p25",
                "annual_p75": "pay_annual_p75", "hourly_median": "pay_hourly_median",
                "hourly_p25": "pay_hourly_p25", "hourly_p75": "pay_hourly_p75",
                "employment": "employment"}


def _release_from_reference(data: dict[str, Any], source: str, pay: Mapping[str, dict] | None,
                            pay_release: str, pay_note: str = "") -> _Release:
    """Turn the dataset dict (``reference_data``) into rows for the sync, with pay by SOC."""
    occupations: dict[str, dict[str, Any]] = {}
    parts: dict[str, dict[str, dict[tuple, dict]] | None] = {
        "titles": None, "work_values": None, "interests": None, "activities": None}
    for part in parts:
        if any(part in o for o in data["occupations"].values()):
            parts[part] = {}
    related = {} if any("related" in o for o in data["occupations"].values()) else None
    names = data.get("elements", {})
    for code, o in data["occupations"].items():
        row = {"title": o["title"], "description": o["description"], "job_zone": o["job_zone"],
               "profile_basis": o["profile_basis"], "profile_tasks": o["profile_tasks"]}
        figures = pay.get(code[:7]) if pay is not None else None
        if figures is None:
            row.update({column: None for column in _PAY_COLUMNS.values()}, pay_soc="",
                       pay_note=pay_note or (f"{pay_release} has no national estimate for SOC {code[:7]}"
                                             if pay_release else "pay not loaded"))
        else:
            row.update({column: figures.get(name) for name, column in _PAY_COLUMNS.items()},
                       pay_soc=figures.get("source_soc") or "", pay_note=(figures.get("reason") or "")[:300])
        occupations[code] = row
        if parts["titles"] is not None:
            titles = {("official", o["title"][:250]): {}}
            for kind, values in o.get("titles", {}).items():
                titles.update({(kind, title): {} for title in values})
            parts["titles"][code] = titles
        for part in ("work_values", "interests"):
            if parts[part] is not None and o.get(part):
                parts[part][code] = {(element,): {"name": names.get(part, {}).get(element, element),
                                                  "value": value}
                                     for element, value in o[part].items()}
        if parts["activities"] is not None and o.get("activities"):
            parts["activities"][code] = {(slug,): {"share": share} for slug, share in o["activities"].items()}
        if related is not None:
            related[code] = [(other, tier) for other, tier in o.get("related", ())]
    return _Release(data["sources"].get("onet", ""), source, occupations, parts["titles"],
                    parts["work_values"], parts["interests"], parts["activities"], related,
                    list(data.get("missing_files", ())), int(data.get("ignored_rows", 0)),
                    pay_release if pay is not None else "", pay_note)


def _read_release(folders: Sequence[Path | str], with_pay: bool) -> _Release:
    """Read and check a release from folders; pay comes from the bundled OEWS figures."""
    folders = onet_files.expand_release_folders(folders)
    data = reference_data.build_reference(folders)
    pay, pay_release, note = None, "", "pay not loaded with this occupation data"
    if with_pay:
        try:
            bundled = reference_data.read_bundled()
            pay, pay_release, note = bundled["pay"], bundled["sources"]["pay"], ""
        except reference_data.ReferenceDataError as exc:
            note = exc.message[:300]
    return _release_from_reference(data, "; ".join(str(Path(f)) for f in folders), pay, pay_release, note)


def _sync_occupations(release: _Release) -> TableChanges:
    fields = ["title", "description", "job_zone", "pay_annual_median", "pay_annual_p25",
              "pay_annual_p75", "pay_hourly_median", "pay_hourly_p25", "pay_hourly_p75", "employment",
              "pay_soc", "pay_note"]
    if release.activities is not None:  # without task links, the profiles loaded before stay
        fields += ["profile_basis", "profile_tasks"]
    existing = {row["code"]: row for row in Occupation.objects.values("id", "code", *fields)}
    to_create, to_update = [], []
    for code, values in release.occupations.items():
        current = existing.get(code)
        if current is None:
            to_create.append(Occupation(code=code, **values))
        elif not all(_same(current[f], values[f]) for f in fields):
            to_update.append(Occupation(id=current["id"], code=code, **{f: values[f] for f in fields}))
    stale = [row["id"] for code, row in existing.items() if code not in release.occupations]
    Occupation.objects.bulk_create(to_create, batch_size=_BATCH)
    Occupation.objects.bulk_update(to_update, fields, batch_size=_BATCH)
    for start in range(0, len(stale), 500):
        Occupation.objects.filter(id__in=stale[start:start + 500]).delete()
    return TableChanges(len(to_create), len(to_update), len(stale), len(release.occupations))


def _sync_release(release: _Release, started: float, build_index: bool = True) -> LoadSummary:
    """Make the database equal the release in one transaction; a second run changes nothing.

    ``build_index=False`` leaves the title search index to the first search (it takes ~2 s of
    its own), so a first use that only shows occupations stays fast.
    """
    summary = LoadSummary(release.version or DEFAULT_VERSION, missing_files=release.missing_files,
                          ignored_rows=release.ignored_rows, pay_note=release.pay_note)
    with transaction.atomic():
        summary.tables["occupations"] = _sync_occupations(release)
        ids = dict(Occupation.objects.values_list("code", "id"))
        related = None
        if release.related is not None:
            related = {code: {(ids[other],): {"tier": tier, "rank": rank}
                              for rank, (other, tier) in enumerate(others, start=1) if other in ids}
                       for code, others in release.related.items() if others}
        for name, model, fields, keys, desired in (
            ("titles", OccupationTitle, (), ("kind", "title"), release.titles),
            ("work values", OccupationValue, ("name", "value"), ("element_id",), release.values),
            ("interests", OccupationInterest, ("name", "value"), ("element_id",), release.interests),
            ("activity profiles", OccupationActivity, ("share",), ("activity",), release.activities),
            ("related occupations", RelatedOccupation, ("tier", "rank"), ("related_id",), related),
        ):
            if desired is not None:
                summary.tables[name] = _sync_children(model, fields, keys, desired, ids)

        record = OnetRelease.objects.first()
        wanted = {"version": release.version, "source": release.source,
                  "pay_release": release.pay_release, "pay_note": release.pay_note[:300],
                  "missing_files": release.missing_files, "reference_sha256": release.reference_sha256}
        # Deleting an occupation drops its titles by cascade, unseen by the titles sync.
        titles_changed = any(t.created or t.updated or t.deleted for name, t in summary.tables.items()
                             if name in ("titles", "occupations"))
        if record is None or titles_changed or not record.title_index:
            wanted["title_index"] = _build_title_index().to_bytes() if build_index else None
        if record is None:
            OnetRelease.objects.create(loaded_at=timezone.now(), **wanted)
        elif summary.changed or wanted.get("title_index") or any(
                getattr(record, k) != v for k, v in wanted.items()):
            for key, value in wanted.items():
                setattr(record, key, value)
            record.loaded_at = timezone.now()
            record.save()
    _index_cache.clear()
    _profiles_cache.clear()
    summary.seconds = time.perf_counter() - started
    return summary


def load_onet_release(folders: Sequence[Path | str], *, with_pay: bool = True) -> LoadSummary:
    """Load an O*NET text release (one or more folders; the first holding a file wins).

    All files are read and checked first (a wrong header names file and column, nothing is
    written); then one transaction creates, updates and deletes rows so the database equals
    the release (over the bundled data too: a newer release updates it in place). Pay is the
    bundled BLS OEWS May 2025 figures. Files absent from the release leave their tables as
    they were, and are remembered so pages can say which file is missing.
    """
    started = time.perf_counter()
    if not folders:
        raise UserInputError("give the folder of an O*NET text release")
    return _sync_release(_read_release(folders, with_pay), started)


def load_reference_data(build_index: bool = True) -> LoadSummary:
    """Load the occupation dataset shipped in ownpath (O*NET 29.3 with BLS OEWS May 2025 pay)."""
    started = time.perf_counter()
    data = reference_data.read_bundled()
    sources = reference_data.bundled_sources() or {}
    release = _release_from_reference(data, f"bundled with ownpath ({reference_data.DATA_FILE})",
                                      data["pay"], data["sources"]["pay"])
    release.reference_sha256 = sources.get("sha256", "")
    return _sync_release(release, started, build_index)


def _needs_reference_data() -> bool:
    record = OnetRelease.objects.defer("title_index").first()
    if record is None:
        return True
    # Data loaded from an earlier bundle is replaced by this ownpath's; a release a person
    # loaded themselves (no checksum) is left alone.
    if record.reference_sha256:
        sources = reference_data.bundled_sources()
        return bool(sources) and sources["sha256"] != record.reference_sha256
    return False


def ensure_reference_data() -> LoadSummary | None:
    """Load the bundled occupation data into this database if it has none yet (first use).

    Idempotent and cheap when loaded (one query). When two processes start at once, the one
    that loses the race finds the data loaded by the other. Returns the load's summary, or
    None when nothing needed loading (or this ownpath ships no dataset).
    """
    if not getattr(settings, "OWNPATH_AUTOLOAD_OCCUPATIONS", True) or reference_data.bundled_sources() is None:
        return None
    if not _needs_reference_data():
        return None
    try:
        return load_reference_data(build_index=False)
    except (IntegrityError, OperationalError):
        if _needs_reference_data():
            raise
        return None


# --- search and details ---------------------------------------------------------------

_index_cache: dict[tuple, Any] = {}
_profiles_cache: dict[tuple, Any] = {}


def _build_title_index():
    from ownpath.analytics.title_normaliser import TitleIndex

    rows = OccupationTitle.objects.values_list("occupation__code", "title").iterator(chunk_size=_BATCH)
    try:
        return TitleIndex(rows)
    except ValueError:
        raise UserInputError(no_data_message()) from None


def _title_index():
    """The title index of the loaded release: saved at load time, kept once per process."""
    from ownpath.analytics.title_normaliser import TitleIndex

    ensure_reference_data()
    release = OnetRelease.objects.defer("title_index").first()
    if release is None or not Occupation.objects.exists():
        raise UserInputError(no_data_message())
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


def prepare_title_search() -> None:
    """Build (and save) the title search index now, so the first search answers at once."""
    _title_index()


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
    ensure_reference_data()
    found = Occupation.objects.filter(code=code).first()
    if found is None and len(code) == 7:
        found = Occupation.objects.filter(code=code + ".00").first()
    if found is None:
        if not Occupation.objects.exists():
            raise UserInputError(no_data_message())
        raise NotFound(f"no occupation with code '{code}'",
                       hint=Hint("ownpath occupations search TITLE", "web:occupations", "search by job title"))
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
        "profile_missing": profile_missing_reason(occupation),
        "related": [{"code": r.related.code, "title": r.related.title, "job_zone": r.related.job_zone}
                    for r in occupation.related.select_related("related")[:10]],
        "work_values": {v.name: v.value for v in occupation.work_values.all()},
        "interests": {i.name: i.value for i in occupation.interests.all()},
        "titles": sorted(t.title for t in occupation.titles.filter(kind__in=["alternate", "reported"]))[:20],
        "credit": onet_credit(),
    }


def add_option_from_occupation(user, name: str, *, occupation: str | None = None,
                               occupation_title: str | None = None, hours=None, **option_fields):
    """Add an option whose mix and pay are prefilled from an O*NET occupation (by code, or the best title match).

    Without an occupation or title it is a plain ``options.services.add_option``; any mix or pay
    in ``option_fields`` overrides the prefilled ones.
    """
    from ownpath.options import services as options

    prefill = None
    if occupation or occupation_title:
        prefill = occupation_option_prefill(occupation, title=None if occupation else occupation_title,
                                            hours=options.check_hours(hours) or 40.0)
    return options.add_option(user, name, hours=hours, prefill=prefill, **option_fields)


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
        raise UserInputError(f"{occupation.code} {occupation.title}: {profile_missing_reason(occupation)}; "
                             f"its activity mix cannot be prefilled, so type the hours in")
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
    status = occupation_data_status()
    if status["fix"]:
        raise UserInputError(status["fix"])
    pay_source = "given"
    if min_pay is None:
        min_pay = _pay_baseline(user)
        pay_source = "your pay baseline" if min_pay is not None else "none"
    release = OnetRelease.objects.defer("title_index").first()
    cache_key = None
    if effects is None:  # the person's own journal: cached until it (or the data) changes
        from django.core.cache import cache

        from ownpath.journal.services import journal_state
        from ownpath.sharing.priors import organisation_prior_for, prior_version

        # Keyed on the prior too: the fit borrows from consenting colleagues when there are enough.
        cache_key = (f"ownpath:occupation-fit:{user.pk}:{journal_state(user)}:"
                     f"{prior_version(organisation_prior_for(user))}:{release.pk}:"
                     f"{release.loaded_at.isoformat()}:{min_pay}:{job_zone}:{limit}")
        cached = cache.get(cache_key)
        if cached is not None:
            return cached | {"min_pay_source": pay_source}
    fit = effects if effects is not None else _energy_effects(user)
    if fit is None or not fit.effects or not getattr(fit, "n_episodes", 1):
        raise UserInputError("no journal entries yet: log some work and how it felt so ownpath can "
                             "predict how occupations would feel to you", hint=LOG_HINT)

    catalogue = _fit_catalogue(release)
    eligible = [code for code, o in catalogue.items() if job_zone is None or o["job_zone"] == job_zone]
    without_pay = 0
    if min_pay:  # 0 means "no minimum": keep occupations without published pay too
        without_pay = sum(1 for code in eligible if catalogue[code]["pay"]["annual_median"] is None)
        eligible = [code for code in eligible if catalogue[code]["pay"]["annual_median"] is not None
                    and catalogue[code]["pay"]["annual_median"] >= min_pay]
    profiles = {code: catalogue[code]["profile"] for code in eligible if catalogue[code]["profile"]}
    ranked = rank_occupations(profiles, fit, limit=limit)
    results = []
    for item in ranked:
        occupation = catalogue[item.code]
        results.append({
            "code": item.code, "title": occupation["title"], "job_zone": occupation["job_zone"],
            "energy": round(item.energy, 3), "low": round(item.low, 3), "high": round(item.high, 3),
            "p_energizing": round(item.probability_energizing, 3),
            "logged_share": round(item.coverage, 3),
            "pay": dict(occupation["pay"]),
            "drivers": [{"activity": d.slug, "label": ACTIVITY_LABELS.get(d.slug, d.slug),
                         "share": round(d.share, 3), "effect": round(d.estimate, 3),
                         "contribution": round(d.contribution, 3), "logged": d.logged,
                         "feeling": d.feeling}
                        for d in item.drivers[:3]],
        })
    report = {
        "n_episodes": getattr(fit, "n_episodes", None),
        "min_pay": min_pay, "min_pay_source": pay_source, "job_zone": job_zone,
        "considered": len(profiles), "left_out_without_pay": without_pay,
        "results": results, "credit": onet_credit(release.version or None),
    }
    if cache_key is not None:
        cache.set(cache_key, report, 60 * 60)
    return report


def occupations_like(mix: Mapping[str, float], limit: int = 3,
                     among: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Occupations whose working week looks most like ``mix`` (cosine of activity shares), best first.

    For an option typed in by hand ("Principal researcher"), whose title may match a different
    job ("Principal" of a school) better than its work does.
    """
    ensure_reference_data()
    release = OnetRelease.objects.defer("title_index").first()
    if release is None:
        return []
    among = set(among) if among is not None else None
    total = sum(h for h in mix.values() if h > 0)
    if total <= 0:
        return []
    wanted = {slug: h / total for slug, h in mix.items() if h > 0}
    norm = sum(v * v for v in wanted.values()) ** 0.5
    scored = []
    for code, occupation in _fit_catalogue(release).items():
        if among is not None and code not in among:
            continue
        profile = occupation["profile"]
        dot = sum(share * profile.get(slug, 0.0) for slug, share in wanted.items())
        other = sum(v * v for v in profile.values()) ** 0.5
        if dot > 0 and other > 0:
            scored.append((dot / (norm * other), code))
    scored.sort(key=lambda item: (-item[0], item[1]))
    catalogue = _fit_catalogue(release)
    return [{"code": code, "title": catalogue[code]["title"], "job_zone": catalogue[code]["job_zone"],
             "similarity": round(similarity, 3)} for similarity, code in scored[:limit]]


def _fit_catalogue(release: OnetRelease) -> dict[str, dict[str, Any]]:
    """Every occupation with an activity profile: title, job zone, pay and profile (plain data).

    Kept once per process and release (~1,000 occupations, ~12,000 shares): reading them
    through the ORM on every call cost more than the whole ranking.
    """
    stamp = (release.pk, release.loaded_at)
    if stamp not in _profiles_cache:
        profiles: dict[str, dict[str, float]] = {}
        for code, slug, share in OccupationActivity.objects.values_list("occupation__code", "activity", "share"):
            profiles.setdefault(code, {})[slug] = share
        pay_fields = {"annual_median": "pay_annual_median", "annual_p25": "pay_annual_p25",
                      "annual_p75": "pay_annual_p75", "hourly_median": "pay_hourly_median",
                      "hourly_p25": "pay_hourly_p25", "hourly_p75": "pay_hourly_p75",
                      "employment": "employment", "soc": "pay_soc", "note": "pay_note"}
        catalogue = {}
        for row in Occupation.objects.exclude(profile_basis="none").values(
                "code", "title", "job_zone", *pay_fields.values()):
            catalogue[row["code"]] = {"title": row["title"], "job_zone": row["job_zone"],
                                      "pay": {key: row[column] for key, column in pay_fields.items()},
                                      "profile": profiles.get(row["code"], {})}
        _profiles_cache.clear()
        _profiles_cache[stamp] = catalogue
    return _profiles_cache[stamp]
