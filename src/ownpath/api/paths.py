"""API routes for the path to a target role: `GET/PUT/DELETE /api/path` (registered in api.api)."""

from __future__ import annotations

from ninja import Router
from ninja.responses import Status

from ownpath.api import answers as A
from ownpath.api.strict import StrictSchema
from ownpath.paths import services as paths

router = Router(tags=["path"])


class PathIn(StrictSchema):
    """The target role: a job title, an O*NET-SOC code or the name of one of your options; ``choice`` the
    occupation an ambiguous title means; ``mix`` the role's own weekly hours; ``current`` your own occupation."""

    target: str
    years: int = 5
    choice: str = ""
    mix: dict[str, float] | None = None
    current: str = ""


@router.get("", summary="Your path to a target role", response=A.answers(A.PathSummary | None))
def get_path(request):
    """The same JSON as `ownpath path show --json` (null when no path is set)."""
    return paths.path_summary(request.user)


@router.put("", summary="Set your target role", response=A.answers(A.PathSummary | None) | {409: A.PathAmbiguous})
def set_path(request, data: PathIn):
    """Set (or replace) the target; answers the path as `ownpath path show --json` does.

    An ambiguous title answers 409 with ``candidates`` (code, title, how its title matched, whether it
    is a move from your work); send one as ``choice``, or a ``mix``.
    """
    try:
        paths.set_path(request.user, data.target, horizon_years=data.years, choice=data.choice, mix=data.mix,
                       current=data.current)
    except paths.AmbiguousTarget as exc:
        return Status(409, {"detail": exc.message, "candidates": exc.candidates})
    return paths.path_summary(request.user)


@router.get("/candidates", summary="The occupations a job title may mean", response=A.answers(list[A.PathCandidate]))
def candidates(request, title: str):
    """Most plausible for you first: each with how its title matched and whether it is a move from your work."""
    return paths.target_candidates(request.user, title)


@router.delete("", summary="Clear your path", response=A.answers(None, 204))
def clear_path(request):
    """Forget the path; the journal is untouched."""
    paths.clear_path(request.user)
    return Status(204, None)
