"""Your path: set a target role, see the gap, the steps, the quarterly plan and your progress.

Every call goes to ownpath.paths.services; the page and the insights section show the same
plain data as `ownpath path show --json`.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ownpath.errors import NotFound, UserInputError
from ownpath.paths import services as paths
from ownpath.web import sources
from ownpath.web.views.common import person_view


def _page(request, form: dict, error: str = "", status: int = 200, candidates=None):
    from ownpath.options.services import options_for

    # An option marked as the target role is the path's natural target: offered, not set silently.
    target_option = options_for(request.user).filter(is_target=True).values_list("name", flat=True).first()
    if target_option and not form.get("target"):
        form = form | {"target": target_option}
    context = {"path": sources.path_for(request.user), "form": form, "error": error,
               "option_names": sources.option_names(request.user), "candidates": candidates,
               "target_option": target_option}
    return render(request, "web/path.html", context, status=status)


@person_view
def path_page(request):
    """The person's path, or a form to set one."""
    return _page(request, {"target": "", "years": "5", "mix": "", "current": ""})


@require_POST
@person_view
def path_set(request):
    """Set the target role from the form: a title (chosen among its occupations when ambiguous), an
    occupation code, one of the person's options, or the role's own weekly mix."""
    form = {"target": request.POST.get("target", "").strip(), "years": request.POST.get("years", "").strip() or "5",
            "mix": request.POST.get("mix", "").strip(), "current": request.POST.get("current", "").strip()}
    try:
        paths.set_path(request.user, form["target"], horizon_years=form["years"],
                       choice=request.POST.get("choice", "").strip(), mix=form["mix"] or None, current=form["current"])
    except paths.AmbiguousTarget as exc:
        return _page(request, form, status=200, candidates=exc.candidates)
    except (UserInputError, NotFound) as exc:
        return _page(request, form, exc.message, status=400)
    messages.success(request, "Your path is set: here is the gap and the steps towards it.")
    return redirect("web:path")


@require_POST
@person_view
def path_clear(request):
    """Forget the person's path."""
    if paths.clear_path(request.user):
        messages.success(request, "Path cleared; your journal is as it was.")
    return redirect("web:path")
