"""API routes for the path to a target role: `GET/PUT/DELETE /api/path` (registered in api.api)."""

from __future__ import annotations

from ninja import Router
from ninja.responses import Status

from ownpath.api import answers as A
from ownpath.api.strict import StrictSchema
from ownpath.paths import services as paths

router = Router(tags=["path"])


class PathIn(StrictSchema):
    """The target role: a job title, an O*NET-SOC code or the name of one of your options."""

    target: str
    years: int = 5


@router.get("", summary="Your path to a target role", response=A.answers(A.PathSummary | None))
def get_path(request):
    """The same JSON as `ownpath path show --json` (null when no path is set)."""
    return paths.path_summary(request.user)


@router.put("", summary="Set your target role", response=A.answers(A.PathSummary | None))
def set_path(request, data: PathIn):
    """Set (or replace) the target; answers the path as `ownpath path show --json` does."""
    paths.set_path(request.user, data.target, horizon_years=data.years)
    return paths.path_summary(request.user)


@router.delete("", summary="Clear your path", response=A.answers(None, 204))
def clear_path(request):
    """Forget the path; the journal is untouched."""
    paths.clear_path(request.user)
    return Status(204, None)
