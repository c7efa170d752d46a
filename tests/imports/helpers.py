"""Plan and apply a file in one step, the way the CLI does after its preview."""

from __future__ import annotations

from ownpath.imports.planning import ImportOptions, apply_import, plan_import


def import_file(user, data: bytes | str, filename: str = "", options: ImportOptions | None = None) -> dict:
    """Import a file for a person, all or nothing; the summary ``apply_import`` returns."""
    return apply_import(user, plan_import(user, data, filename, options))
