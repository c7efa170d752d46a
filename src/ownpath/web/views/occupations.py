"""Occupations: search O*NET by job title, one occupation's page with "add as option", and
"roles that pay for what you love" (the person's fit).

Occupation data is shared reference data shown to logged-in people only; the fit reads the
person's own journal. Every call goes to ownpath.occupations.services (and options for "add").
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ownpath.errors import UserInputError
from ownpath.occupations import services as occupations
from ownpath.web import charts, sources
from ownpath.web.present import error_html
from ownpath.web.views.common import person_view

SEARCH_LIMIT = 10
FIT_LIMIT = 20
FEW_ENTRIES = 20


def _no_data(request, template: str, context: dict | None = None):
    """The page in its "no O*NET release loaded yet" state: how to load one, not an error."""
    return render(request, template, (context or {}) | {"no_data": occupations.no_data_words()})


@person_view
def occupations_page(request):
    """Search box with ranked occupations; with HTMX only the results list is sent back."""
    query = request.GET.get("q", "").strip()
    context = {"query": query, "results": [], "error": ""}
    # A history restore (back button after a live search) needs the whole page, not the results.
    live = request.htmx and not request.htmx.history_restore_request
    template = "web/partials/occupation_results.html" if live else "web/occupations.html"
    if not sources.occupation_data_loaded():
        return _no_data(request, template, context)
    context["status"] = occupations.occupation_data_status()
    if query:
        try:
            context["results"] = occupations.search_occupations(query, limit=SEARCH_LIMIT)
        except UserInputError as exc:
            context["error"] = error_html(exc)
    context["credit"] = occupations.onet_credit()
    return render(request, template, context)


def _detail_context(code: str) -> dict:
    detail = occupations.occupation_detail(code)
    hours = [{"label": a["label"], "activity": a["activity"], "share": a["share"],
              "hours": round(a["share"] * 40, 1)} for a in sorted(detail["activities"], key=lambda a: -a["share"])]
    chart = charts.hours_bars([(h["label"], h["hours"]) for h in hours],
                              title=f"A 40-hour week as {detail['title']}", chart_id="occupation-hours") if hours else ""
    return {"occupation": detail, "hours": hours, "chart": chart,
            "work_values": sorted(detail["work_values"].items(), key=lambda kv: -kv[1]),
            "interests": sorted(detail["interests"].items(), key=lambda kv: -kv[1])}


@person_view
def occupation_page(request, code: str):
    """One occupation: description, job zone, pay, its working week, values, interests, "add as option"."""
    if not sources.occupation_data_loaded():
        return _no_data(request, "web/occupation.html")
    context = _detail_context(code) | {"form": {"name": "", "hours": "40"}, "errors": {},
                                       "feel": sources.occupation_feel(request.user, code)}
    context["form"]["name"] = context["occupation"]["title"][:120]
    return render(request, "web/occupation.html", context)


@require_POST
@person_view
def occupation_add_option(request, code: str):
    """Add the occupation as one of the person's options (mix and pay prefilled), then open it to adjust."""
    if not sources.occupation_data_loaded():
        return _no_data(request, "web/occupation.html")
    form = {"name": request.POST.get("name", "").strip(), "hours": request.POST.get("hours", "").strip()}
    try:
        option = occupations.add_option_from_occupation(
            request.user, form["name"], hours=form["hours"] or None, occupation=code)
    except UserInputError as exc:
        field = exc.message.partition(":")[0].strip() if ":" in exc.message[:10] else "form"
        context = _detail_context(code) | {"form": form, "errors": {field if field in form else "form": exc.message}}
        return render(request, "web/occupation.html", context, status=400)
    if request.POST.get("then") == "compare":
        messages.success(request, f"Added {option.name} to your options (activity mix and pay from O*NET).")
        return redirect("web:compare")
    messages.success(request, f"Added {option.name} to your options, with its activity mix and pay from O*NET. "
                              "Change anything that differs in your case below, or leave it as it is.")
    return redirect(reverse("web:option_edit", kwargs={"slug": option.slug}) + "?added=1")


def _fit_filters(request) -> tuple[dict, dict, dict]:
    """The fit page's filters (raw strings, parsed values, a message per bad one)."""
    raw = {name: request.GET.get(name, "").strip() for name in ("min_pay", "job_zone")}
    parsed, errors = {"min_pay": None, "job_zone": None}, {}
    if raw["min_pay"]:
        try:
            parsed["min_pay"] = float(raw["min_pay"].replace(",", ""))
        except ValueError:
            errors["min_pay"] = f"minimum pay must be a number, not '{raw['min_pay']}'"
    if raw["job_zone"]:
        if raw["job_zone"] in {"1", "2", "3", "4", "5"}:
            parsed["job_zone"] = int(raw["job_zone"])
        else:
            errors["job_zone"] = "job zone must be 1–5"
    return raw, parsed, errors


@person_view
def occupation_fit_page(request):
    """Roles that pay for what you love: occupations ranked by the energy the person's journal predicts."""
    raw, parsed, errors = _fit_filters(request)
    from ownpath.analytics.forecast import MIN_EPISODES

    context = {"filters": raw, "errors": errors, "report": None, "few": FEW_ENTRIES, "min_entries": MIN_EPISODES}
    if not sources.occupation_data_loaded():
        return _no_data(request, "web/occupation_fit.html", context)
    if errors:
        return render(request, "web/occupation_fit.html", context, status=400)
    context["data_missing"] = occupations.occupation_data_status()["fix_words"]
    if context["data_missing"]:
        return render(request, "web/occupation_fit.html", context)
    try:
        context["report"] = occupations.occupation_fit(request.user, min_pay=parsed["min_pay"],
                                                       job_zone=parsed["job_zone"], limit=FIT_LIMIT)
    except UserInputError as exc:
        context["missing"] = error_html(exc)
    context["credit"] = occupations.onet_credit()
    return render(request, "web/occupation_fit.html", context)
