"""The compact occupation reference dataset shipped inside ownpath, and how it is built.

No Django. ``build_reference`` turns an O*NET text release (plus, optionally, a BLS OEWS
release for pay) into one plain dict; ``write_reference`` stores it as gzipped JSON that is
byte-identical for the same input (sorted keys, no timestamps, gzip mtime 0) next to a small
``sources.json`` naming the source versions and the file's SHA-256; ``read_reference`` reads
it back and refuses a file whose checksum does not match. ``ownpath`` loads it into a
database on first use (``occupations.services.ensure_reference_data``); the O*NET loader
builds the same dict from the files a person gives it, so both take one road in.

Shape: ``{"format", "sources", "missing_files", "elements", "occupations", "pay"}`` where
``occupations[code]`` holds title, description, job_zone, profile_basis, profile_tasks,
titles (by kind), work_values and interests (element id -> value), activities (slug ->
share) and related (``[code, tier]`` in O*NET's order); ``pay[soc]`` holds national pay.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ownpath.errors import UserInputError
from ownpath.occupations import onet_files

FORMAT = 1
DATA_PACKAGE = "ownpath.occupations"
DATA_FILE = "reference.json.gz"
SOURCES_FILE = "sources.json"
SHARE_DIGITS = 6
PAY_FIELDS = ("annual_median", "annual_p25", "annual_p75", "hourly_median", "hourly_p25",
              "hourly_p75", "employment", "source_soc", "reason")
# Which release file each part of the dataset comes from: when a file is missing, that part
# is None ("not in this release"), never an empty table that would wipe loaded data.
PART_FILES = {
    "titles": ("alternate_titles", "reported_titles"),
    "work_values": ("work_values",),
    "interests": ("interests",),
    "activities": ("tasks_to_dwas", "dwa_reference"),
    "related": ("related_occupations",),
    "job_zones": ("job_zones",),
}
OEWS_CREDIT = "U.S. Bureau of Labor Statistics, {release} (Occupational Employment and Wage Statistics), public domain"


class ReferenceDataError(UserInputError):
    """The bundled dataset is missing or damaged (its checksum does not match)."""


def _version_of(path: Path) -> str:
    return onet_files.read_release_version(path.parent) or path.parent.name


def build_reference(folders: Iterable[Path | str], oews_release=None) -> dict[str, Any]:
    """Read an O*NET text release (folders as for the loader) into the dataset dict.

    ``oews_release`` (an ``oews.OewsRelease``) adds national pay per SOC code; without it
    ``pay`` is empty. Every file is checked against the O*NET layout before use.
    """
    folders = onet_files.expand_release_folders(folders)
    files = onet_files.locate_release_files(folders)
    missing = [layout.filename for key, layout in onet_files.LAYOUTS.items() if key not in files]
    version = next((v for v in (onet_files.read_release_version(f) for f in folders) if v), "")
    occupations: dict[str, dict[str, Any]] = {
        o.code: {"title": o.title, "description": o.description, "job_zone": None,
                 "profile_basis": "none", "profile_tasks": 0}
        for o in onet_files.read_occupations(files["occupations"])}
    ignored = 0

    def attach(code: str, part: str, key, value) -> None:
        nonlocal ignored
        if code not in occupations:
            ignored += 1
            return
        holder = occupations[code].setdefault(part, {} if key is not None else [])
        if key is None:
            holder.append(value)
        else:
            holder[key] = value

    def present(part: str) -> bool:
        return all(name in files for name in PART_FILES[part]) if part == "activities" else any(
            name in files for name in PART_FILES[part])

    if present("titles"):
        for occupation in occupations.values():
            occupation["titles"] = {}
        rows: list[onet_files.TitleRow] = []
        if "alternate_titles" in files:
            rows += onet_files.read_alternate_titles(files["alternate_titles"])
        if "reported_titles" in files:
            rows += onet_files.read_reported_titles(files["reported_titles"])
        for row in rows:
            if row.title and row.code in occupations:
                occupations[row.code]["titles"].setdefault(row.kind, set()).add(row.title[:250])
            elif row.title:
                ignored += 1
        for occupation in occupations.values():
            occupation["titles"] = {kind: sorted(titles) for kind, titles in occupation["titles"].items()}
    elements: dict[str, dict[str, str]] = {}
    for part, reader in (("work_values", onet_files.read_work_values),
                         ("interests", onet_files.read_interests)):
        if not present(part):
            continue
        elements[part] = {}
        for occupation in occupations.values():
            occupation[part] = {}
        for score in reader(files[part]):
            elements[part][score.element_id] = score.element_name
            attach(score.code, part, score.element_id, score.value)
    if present("job_zones"):
        for code, zone in onet_files.read_job_zones(files["job_zones"]).items():
            if code in occupations:
                occupations[code]["job_zone"] = zone
            else:
                ignored += 1
    if present("activities"):
        tasks = onet_files.read_tasks(files["tasks"]) if "tasks" in files else []
        profiles = onet_files.activity_profiles(
            onet_files.read_tasks_to_dwas(files["tasks_to_dwas"]),
            onet_files.read_dwa_reference(files["dwa_reference"]), tasks, list(occupations))
        for occupation in occupations.values():
            occupation["activities"] = {}
        for code, profile in profiles.items():
            if code not in occupations:
                continue
            occupations[code].update(profile_basis=profile.basis, profile_tasks=profile.task_count,
                                     activities={slug: round(share, SHARE_DIGITS)
                                                 for slug, share in profile.shares.items()})
    if present("related"):
        for occupation in occupations.values():
            occupation["related"] = []
        related = sorted(onet_files.read_related_occupations(files["related_occupations"]),
                         key=lambda r: (r.code, r.rank, r.related_code))
        for row in related:
            if row.related_code in occupations and row.related_code != row.code:
                attach(row.code, "related", None, [row.related_code, row.tier])
    pay: dict[str, dict[str, Any]] = {}
    if oews_release is not None:
        for soc in sorted({code[:7] for code in occupations}):
            figures = oews_release.pay(soc)
            pay[soc] = {name: getattr(figures, name) for name in PAY_FIELDS}
    sources = {
        "onet": version,
        "files": {key: f"{_version_of(path)}/{path.name}" for key, path in sorted(files.items())},
        "pay": oews_release.release if oews_release is not None else "",
    }
    return {"format": FORMAT, "sources": sources, "missing_files": missing, "ignored_rows": ignored,
            "elements": elements, "occupations": occupations, "pay": pay}


def encode(data: dict[str, Any]) -> bytes:
    """The dataset as gzipped JSON, byte-identical for equal input (sorted, no timestamps)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def write_reference(data: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Write the dataset and its ``sources.json`` (versions, credit, SHA-256) into ``folder``."""
    blob = encode(data)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / DATA_FILE).write_bytes(blob)
    occupations = data["occupations"]
    sources = {
        "file": DATA_FILE,
        "sha256": hashlib.sha256(blob).hexdigest(),
        "bytes": len(blob),
        "format": data["format"],
        "onet_version": data["sources"]["onet"],
        "onet_files": data["sources"]["files"],
        "onet_credit": onet_files.ONET_CREDIT.format(version=data["sources"]["onet"] or "?"),
        "onet_licence": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); "
                        "USDOL/ETA has not approved, endorsed or tested these modifications",
        "pay_release": data["sources"]["pay"],
        "pay_credit": OEWS_CREDIT.format(release=data["sources"]["pay"]) if data["sources"]["pay"] else "",
        "counts": {
            "occupations": len(occupations),
            "titles": sum(len(t) for o in occupations.values() for t in o.get("titles", {}).values()),
            "related": sum(len(o.get("related", ())) for o in occupations.values()),
            "with_activity_profile": sum(1 for o in occupations.values() if o.get("activities")),
            "pay_socs": len(data["pay"]),
        },
        "built_by": "python scripts/build_reference_data.py",
    }
    (folder / SOURCES_FILE).write_text(json.dumps(sources, indent=2, sort_keys=True) + "\n", "utf-8")
    return sources


@lru_cache(maxsize=1)
def bundled_sources() -> dict[str, Any] | None:
    """The shipped dataset's ``sources.json`` (versions, checksum), or None if not shipped."""
    try:
        text = (resources.files(DATA_PACKAGE) / "data" / SOURCES_FILE).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return json.loads(text)


@lru_cache(maxsize=1)
def read_bundled() -> dict[str, Any]:
    """The dataset shipped in the package, checked against its SHA-256 (kept once per process)."""
    sources = bundled_sources()
    if sources is None:
        raise ReferenceDataError("this ownpath has no bundled occupation data; load an O*NET "
                                 "release with `ownpath data onet PATH`")
    blob = (resources.files(DATA_PACKAGE) / "data" / sources["file"]).read_bytes()
    if hashlib.sha256(blob).hexdigest() != sources["sha256"]:
        raise ReferenceDataError(f"the bundled occupation data ({sources['file']}) is damaged: its "
                                 f"checksum does not match sources.json; reinstall ownpath")
    data = json.loads(gzip.decompress(blob))
    if data.get("format") != FORMAT:
        raise ReferenceDataError(f"the bundled occupation data has format {data.get('format')}, "
                                 f"this ownpath reads format {FORMAT}; reinstall ownpath")
    return data


def bundled_pay(soc: str) -> dict[str, Any] | None:
    """National pay for a six-digit SOC code from the bundled dataset, or None if absent."""
    try:
        return read_bundled()["pay"].get(soc)
    except ReferenceDataError:
        return None
