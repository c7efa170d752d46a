"""Readers for the O*NET text release (tab-separated files with a header row), no Django.

A release is a folder of ``.txt`` files as published by the O*NET Resource Center
("O*NET 29.3 Database by the U.S. Department of Labor, Employment and Training
Administration", CC BY 4.0). Each reader checks the header against the documented layout
and refuses a file that does not follow it, naming the file and the column, before any
row is used. The activity profile of an occupation over ownpath's taxonomy is derived here
from Tasks -> DWAs -> GWAs, because the release has no direct mapping to it.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ownpath.errors import UserInputError
from ownpath.taxonomy import BUILTIN_SLUGS, activity_for_dwa

ONET_CREDIT = ("O*NET {version} Database by the U.S. Department of Labor, Employment and "
               "Training Administration, used under the CC BY 4.0 license")

# Weight of a task in the activity profile by its O*NET "Task Type". Core tasks are rated
# critical and frequent by incumbents, so they count double a supplemental one; tasks with
# no rating count as core (no evidence to discount them); tasks linked to DWAs but absent
# from the release's Task Statements (an older Tasks-to-DWAs file) count as supplemental.
TASK_WEIGHTS = {"Core": 1.0, "Supplemental": 0.5, "": 1.0}
STALE_TASK_WEIGHT = 0.5

ONET_SOC_PATTERN = re.compile(r"^\d{2}-\d{4}\.\d{2}$")


class OnetFileError(UserInputError):
    """A release file is missing or does not follow the O*NET text layout."""


@dataclass(frozen=True)
class FileLayout:
    """Documented header of one release file: columns we need, and columns we tolerate."""

    filename: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()


LAYOUTS: dict[str, FileLayout] = {
    "occupations": FileLayout("Occupation Data.txt", ("O*NET-SOC Code", "Title", "Description")),
    "alternate_titles": FileLayout(
        "Alternate Titles.txt", ("O*NET-SOC Code", "Alternate Title"),
        ("Title", "Short Title", "Source(s)")),
    "reported_titles": FileLayout(
        "Sample of Reported Titles.txt", ("O*NET-SOC Code", "Reported Job Title"),
        ("Title", "Shown in My Next Move")),
    "work_values": FileLayout(
        "Work Values.txt",
        ("O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Data Value"),
        ("Title", "Scale Name", "Date", "Domain Source")),
    "interests": FileLayout(
        "Interests.txt",
        ("O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Data Value"),
        ("Title", "Scale Name", "Date", "Domain Source")),
    "job_zones": FileLayout(
        "Job Zones.txt", ("O*NET-SOC Code", "Job Zone"), ("Title", "Date", "Domain Source")),
    "tasks": FileLayout(
        "Task Statements.txt", ("O*NET-SOC Code", "Task ID", "Task", "Task Type"),
        ("Title", "Incumbents Responding", "Date", "Domain Source")),
    "tasks_to_dwas": FileLayout(
        "Tasks to DWAs.txt", ("O*NET-SOC Code", "Task ID", "DWA ID"),
        ("Title", "Task", "DWA Title", "Date", "Domain Source")),
    # 29.3 adds the GWA and IWA names; 27.0 has only the IDs. Both are the O*NET layout.
    "dwa_reference": FileLayout(
        "DWA Reference.txt", ("Element ID", "IWA ID", "DWA ID", "DWA Title"),
        ("Element Name", "IWA Title")),
    "related_occupations": FileLayout(
        "Related Occupations.txt",
        ("O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index"),
        ("Title", "Related Title")),
}


@dataclass(frozen=True)
class OccupationRow:
    """One row of Occupation Data: the O*NET-SOC code, official title and description."""

    code: str
    title: str
    description: str


@dataclass(frozen=True)
class TitleRow:
    """A title people use for an occupation; ``kind`` is official, alternate, short or reported."""

    code: str
    title: str
    kind: str


@dataclass(frozen=True)
class ScoreRow:
    """One rated element of an occupation (a work value on scale EX, an interest on OI)."""

    code: str
    element_id: str
    element_name: str
    value: float


@dataclass(frozen=True)
class TaskRow:
    """A task statement of an occupation with its type (Core, Supplemental or blank)."""

    code: str
    task_id: str
    task: str
    task_type: str


@dataclass(frozen=True)
class TaskDwaRow:
    """A link from an occupation's task to a detailed work activity (DWA)."""

    code: str
    task_id: str
    dwa_id: str


@dataclass(frozen=True)
class RelatedRow:
    """An occupation O*NET names as related to another: its tier and rank (1 = most related)."""

    code: str
    related_code: str
    tier: str
    rank: int


@dataclass(frozen=True)
class DwaRow:
    """A detailed work activity and the generalized work activity (GWA, ``4.A.*``) above it."""

    dwa_id: str
    title: str
    iwa_id: str
    gwa_id: str


def read_table(path: Path | str, layout: FileLayout) -> Iterator[dict[str, str]]:
    """Yield the rows of a release file as dicts, after checking its header against ``layout``.

    Raises OnetFileError naming the file and the first missing or unexpected column, or the
    line of a row with the wrong number of fields.
    """
    path = Path(path)
    try:
        handle = open(path, newline="", encoding="utf-8-sig")
    except FileNotFoundError:
        raise OnetFileError(f"{path}: file not found (expected the O*NET file "
                            f"'{layout.filename}')") from None
    with handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if not header:
            raise OnetFileError(f"{path.name}: empty file, expected a header row with "
                                f"columns {', '.join(layout.required)}")
        header = [column.strip() for column in header]
        _check_header(path, header, layout)
        width = len(header)
        for line_number, fields in enumerate(reader, start=2):
            if not fields:
                continue
            if len(fields) != width:
                raise OnetFileError(f"{path.name}, line {line_number}: {len(fields)} fields, "
                                    f"the header has {width}")
            yield dict(zip(header, fields))


def _check_header(path: Path, header: Sequence[str], layout: FileLayout) -> None:
    known = set(layout.required) | set(layout.optional)
    for column in layout.required:
        if column not in header:
            raise OnetFileError(
                f"{path.name}: missing column '{column}' — not the O*NET layout of "
                f"'{layout.filename}' (header: {', '.join(header)})")
    for column in header:
        if column not in known:
            raise OnetFileError(
                f"{path.name}: unexpected column '{column}' — not the O*NET layout of "
                f"'{layout.filename}' (expected {', '.join(layout.required + layout.optional)})")
    duplicates = {c for c in header if header.count(c) > 1}
    if duplicates:
        raise OnetFileError(f"{path.name}: duplicate column '{sorted(duplicates)[0]}'")


def _code(path: Path | str, row: dict[str, str], line_hint: str = "") -> str:
    code = row["O*NET-SOC Code"].strip()
    if not ONET_SOC_PATTERN.match(code):
        raise OnetFileError(f"{Path(path).name}: O*NET-SOC Code '{code}' is not of the form "
                            f"NN-NNNN.NN{line_hint}")
    return code


def _float(path: Path | str, row: dict[str, str], column: str) -> float:
    try:
        return float(row[column])
    except ValueError:
        raise OnetFileError(f"{Path(path).name}: column '{column}' holds '{row[column]}', "
                            f"not a number (occupation {row.get('O*NET-SOC Code', '?')})") from None


def read_occupations(path: Path | str) -> list[OccupationRow]:
    """Read ``Occupation Data.txt``: every O*NET-SOC occupation with title and description."""
    return [OccupationRow(_code(path, r), r["Title"].strip(), r["Description"].strip())
            for r in read_table(path, LAYOUTS["occupations"])]


def read_alternate_titles(path: Path | str) -> list[TitleRow]:
    """Read ``Alternate Titles.txt``: alternate titles, plus their short forms (e.g. "CEO")."""
    rows: list[TitleRow] = []
    for r in read_table(path, LAYOUTS["alternate_titles"]):
        code = _code(path, r)
        rows.append(TitleRow(code, r["Alternate Title"].strip(), "alternate"))
        short = r.get("Short Title", "").strip()
        if short:
            rows.append(TitleRow(code, short, "short"))
    return rows


def read_reported_titles(path: Path | str) -> list[TitleRow]:
    """Read ``Sample of Reported Titles.txt``: titles incumbents reported for their job."""
    return [TitleRow(_code(path, r), r["Reported Job Title"].strip(), "reported")
            for r in read_table(path, LAYOUTS["reported_titles"])]


def _read_scores(path: Path | str, layout: str, scale: str) -> list[ScoreRow]:
    return [ScoreRow(_code(path, r), r["Element ID"].strip(), r["Element Name"].strip(),
                     _float(path, r, "Data Value"))
            for r in read_table(path, LAYOUTS[layout]) if r["Scale ID"].strip() == scale]


def read_work_values(path: Path | str) -> list[ScoreRow]:
    """Read ``Work Values.txt`` on scale EX (extent, 1-7); the high-point rows are skipped."""
    return _read_scores(path, "work_values", "EX")


def read_interests(path: Path | str) -> list[ScoreRow]:
    """Read ``Interests.txt`` on scale OI (RIASEC occupational interests, 1-7)."""
    return _read_scores(path, "interests", "OI")


def read_job_zones(path: Path | str) -> dict[str, int]:
    """Read ``Job Zones.txt``: O*NET-SOC code -> job zone 1 (little preparation) .. 5 (extensive)."""
    zones: dict[str, int] = {}
    for r in read_table(path, LAYOUTS["job_zones"]):
        zone = _float(path, r, "Job Zone")
        if zone not in (1, 2, 3, 4, 5):
            raise OnetFileError(f"{Path(path).name}: Job Zone '{r['Job Zone']}' is not 1-5 "
                                f"(occupation {r['O*NET-SOC Code']})")
        zones[_code(path, r)] = int(zone)
    return zones


def read_tasks(path: Path | str) -> list[TaskRow]:
    """Read ``Task Statements.txt``: each occupation's tasks and whether they are Core."""
    return [TaskRow(_code(path, r), r["Task ID"].strip(), r["Task"].strip(),
                    r["Task Type"].strip())
            for r in read_table(path, LAYOUTS["tasks"])]


def read_tasks_to_dwas(path: Path | str) -> list[TaskDwaRow]:
    """Read ``Tasks to DWAs.txt``: which detailed work activities each task involves."""
    return [TaskDwaRow(_code(path, r), r["Task ID"].strip(), r["DWA ID"].strip())
            for r in read_table(path, LAYOUTS["tasks_to_dwas"])]


def read_dwa_reference(path: Path | str) -> dict[str, DwaRow]:
    """Read ``DWA Reference.txt``: DWA ID -> its title, IWA and generalized work activity."""
    return {r["DWA ID"].strip(): DwaRow(r["DWA ID"].strip(), r["DWA Title"].strip(),
                                        r["IWA ID"].strip(), r["Element ID"].strip())
            for r in read_table(path, LAYOUTS["dwa_reference"])}


def read_related_occupations(path: Path | str) -> list[RelatedRow]:
    """Read ``Related Occupations.txt``: for each occupation, the ones O*NET ranks as related."""
    rows: list[RelatedRow] = []
    for r in read_table(path, LAYOUTS["related_occupations"]):
        related = r["Related O*NET-SOC Code"].strip()
        if not ONET_SOC_PATTERN.match(related):
            raise OnetFileError(f"{Path(path).name}: Related O*NET-SOC Code '{related}' is not of "
                                f"the form NN-NNNN.NN")
        rows.append(RelatedRow(_code(path, r), related, r["Relatedness Tier"].strip(),
                               int(_float(path, r, "Index"))))
    return rows


def read_release_version(folder: Path | str) -> str | None:
    """Return the release version ("29.3") from the folder's ``Read Me.txt``, if there is one."""
    readme = Path(folder) / "Read Me.txt"
    if not readme.is_file():
        return None
    match = re.search(r"O\*NET\s+(\d+\.\d+)\s+Database", readme.read_text("utf-8", "replace"))
    return match.group(1) if match else None


def _holds_release_files(folder: Path) -> bool:
    return any((folder / layout.filename).is_file() for layout in LAYOUTS.values())


def _version_key(folder: Path) -> tuple[int, ...]:
    version = read_release_version(folder) or re.sub(r"[^0-9.]", "", folder.name)
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def expand_release_folders(folders: Iterable[Path | str]) -> list[Path]:
    """Resolve the folders a user gave: a folder of releases stands for its releases, newest first.

    ``ownpath data onet ../shared/data`` then reads onet-29.3 and fills in from onet-27.0.
    """
    expanded: list[Path] = []
    for folder in (Path(f) for f in folders):
        if not folder.is_dir():
            raise OnetFileError(f"{folder}: not a folder (expected an O*NET text release)")
        if _holds_release_files(folder):
            expanded.append(folder)
            continue
        releases = [sub for sub in folder.iterdir() if sub.is_dir() and _holds_release_files(sub)]
        expanded.extend(sorted(releases, key=_version_key, reverse=True) or [folder])
    return expanded


def locate_release_files(folders: Iterable[Path | str]) -> dict[str, Path]:
    """Find each known release file in the given folders; the first folder holding it wins.

    A full release is one folder; several let a user combine a release with files that
    moved out of it (e.g. ``Tasks to DWAs.txt`` of an earlier release). A folder holding
    releases in sub-folders stands for them, newest first.
    """
    found: dict[str, Path] = {}
    folders = expand_release_folders(folders)
    for key, layout in LAYOUTS.items():
        for folder in folders:
            candidate = folder / layout.filename
            if candidate.is_file():
                found[key] = candidate
                break
    if "occupations" not in found:
        raise OnetFileError(f"no '{LAYOUTS['occupations'].filename}' in "
                            f"{', '.join(str(f) for f in folders)} — not an O*NET text release")
    return found


@dataclass
class ActivityProfile:
    """Share of an occupation's work under each ownpath activity (shares sum to 1).

    ``basis`` says where it comes from ("tasks": the occupation's own task-DWA links;
    "related": averaged over detailed occupations sharing its 6-digit SOC code; "none").
    """

    code: str
    shares: dict[str, float] = field(default_factory=dict)
    task_count: int = 0
    link_count: int = 0
    basis: str = "none"

    def hours(self, hours_per_week: float = 40.0) -> dict[str, float]:
        """Split a working week across activities in proportion to the shares."""
        return {slug: round(share * hours_per_week, 1) for slug, share in self.shares.items()}


def activity_profiles(
    tasks_to_dwas: Iterable[TaskDwaRow],
    dwa_reference: dict[str, DwaRow],
    tasks: Iterable[TaskRow] = (),
    occupation_codes: Iterable[str] = (),
) -> dict[str, ActivityProfile]:
    """Derive each occupation's activity profile from Tasks -> DWAs -> GWAs -> ownpath activity.

    Every task contributes its weight (Core 1, Supplemental 0.5) split evenly across the DWAs
    it is linked to, so a task with many DWAs does not count more than a plain one. An
    occupation without links of its own ("All Other" codes) borrows the mean profile of the
    detailed occupations under the same 6-digit SOC code, when there are any.
    """
    task_type = {(t.code, t.task_id): t.task_type for t in tasks}
    dwas_of_task: dict[tuple[str, str], list[str]] = defaultdict(list)
    for link in tasks_to_dwas:
        dwas_of_task[(link.code, link.task_id)].append(link.dwa_id)

    weights: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (code, task_id), dwa_ids in dwas_of_task.items():
        kind = task_type.get((code, task_id))
        weight = STALE_TASK_WEIGHT if kind is None else TASK_WEIGHTS.get(kind, 1.0)
        counts[code][0] += 1
        for dwa_id in dwa_ids:
            dwa = dwa_reference.get(dwa_id)
            # The DWA ID begins with its IWA's and GWA's, so IWA refinements apply to it.
            slug = activity_for_dwa(dwa_id if dwa_id.startswith(dwa.gwa_id) else dwa.gwa_id,
                                    dwa.title) if dwa else activity_for_dwa(dwa_id)
            if slug is None:
                continue
            weights[code][slug] += weight / len(dwa_ids)
            counts[code][1] += 1

    profiles: dict[str, ActivityProfile] = {}
    for code, by_slug in weights.items():
        total = sum(by_slug.values())
        if total <= 0:
            continue
        shares = {slug: by_slug[slug] / total for slug in BUILTIN_SLUGS if by_slug.get(slug)}
        profiles[code] = ActivityProfile(code, shares, counts[code][0], counts[code][1], "tasks")

    for code in occupation_codes:
        if code in profiles:
            continue
        siblings = [p for c, p in profiles.items() if c[:7] == code[:7] and p.basis == "tasks"]
        if not siblings:
            profiles[code] = ActivityProfile(code)
            continue
        mean = {slug: sum(p.shares.get(slug, 0.0) for p in siblings) / len(siblings)
                for slug in BUILTIN_SLUGS}
        profiles[code] = ActivityProfile(code, {s: v for s, v in mean.items() if v > 0},
                                         0, 0, "related")
    return profiles
