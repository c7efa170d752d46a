"""Values questionnaire, options (add, edit, remove) and the side-by-side comparison.

Every call goes to the options services.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ownpath.errors import UserInputError
from ownpath.inputs import as_id
from ownpath.journal.services import activities_for, activity_labels
from ownpath.options import services
from ownpath.web import sources
from ownpath.web.present import error_html
from ownpath.web.views.common import person_view

# The form shows every activity of an option, then at least this many empty rows to add more.
MIN_BLANK_ROWS = 2
MIN_ROWS = 4
SET_BY = ("me", "manager", "family", "expected")


def _value_choices():
    from ownpath.analytics.values_elicitation import VALUE_SLUGS, value_label

    return [(slug, value_label(slug)) for slug in VALUE_SLUGS]


def _field_of(message: str) -> str:
    """The field a service's message names ("mix: …" → "mix")."""
    head, sep, _ = message.partition(":")
    return head.strip().replace("-", "_") if sep and " " not in head.strip() else "form"


def _mix_indices(post) -> list[int]:
    """The row numbers of the activity rows a form posted (as many as the person added)."""
    found = set()
    for key in post:
        head, _, number = key.rpartition("_")
        if head in ("mix_activity", "mix_hours") and as_id(number) is not None and len(number) < 6:
            found.add(as_id(number))
    return sorted(found)


def _option_from_post(post) -> dict:
    """The option fields a form posted, as the options services take them."""
    mix = {}
    for i in _mix_indices(post):
        activity, hours = post.get(f"mix_activity_{i}", "").strip(), post.get(f"mix_hours_{i}", "").strip()
        if activity or hours:
            mix[activity or "(blank)"] = hours.replace(",", ".") if hours else "(blank)"
    ratings = {slug: post[f"rate_{slug}"] for slug, _ in _value_choices() if post.get(f"rate_{slug}")}
    # Pay is shown as money ("148,270"): its commas and spaces are thousands separators.
    pay = post.get("pay", "").strip().replace(",", "").replace(" ", "")
    return {"name": post.get("name", ""), "mix": mix, "pay": pay or None,
            "hours": post.get("hours", "").strip().replace(",", ".") or None, "ratings": ratings,
            "set_by": post.get("set_by", "me"), "current": post.get("current") == "on",
            "target": post.get("target") == "on"}


def _form_context(request, values: dict, errors: dict | None = None, editing: str | None = None,
                  extra_rows: int = 0) -> dict:
    labels = activity_labels(request.user)
    mix_rows = [(labels.get(activity, activity), hours) for activity, hours in values.get("mix", {}).items()]
    mix_rows += [("", "")] * max(MIN_BLANK_ROWS + extra_rows, MIN_ROWS - len(mix_rows))
    pay = values.get("pay")
    try:
        pay_text = "" if pay in (None, "") else f"{float(pay):,.0f}"
    except (TypeError, ValueError):
        pay_text = str(pay)
    return {"values": values | {"pay_text": pay_text}, "errors": errors or {}, "editing": editing,
            "mix_rows": mix_rows, "activities": activities_for(request.user), "value_choices": _value_choices(),
            "set_by_choices": SET_BY, "added": request.GET.get("added") == "1"}


def _more_rows(request, values: dict, editing: str | None = None):
    """No-script "add a row": the form again with what was typed and one more empty row."""
    return render(request, "web/option_form.html", _form_context(request, values, editing=editing, extra_rows=1))


@person_view
def options_page(request):
    """The person's options with links to edit, and the form to add one."""
    labels = activity_labels(request.user)
    options = [services.option_as_dict(o) for o in services.options_for(request.user)]
    for option in options:
        option["mix_named"] = [(labels.get(slug, slug), hours) for slug, hours in option["mix"].items()]
    mix, weeks = services.recent_weeks_mix(request.user)
    recent = sorted(((labels.get(slug, slug), hours) for slug, hours in mix.items()), key=lambda item: -item[1])
    current = next((o["name"] for o in options if o["current"]), None)
    return render(request, "web/options.html", {"options": options, "recent_mix": recent, "recent_weeks": weeks,
                                                "current_name": current, "today": dt.date.today().isoformat()})


@require_POST
@person_view
def option_from_journal(request):
    """Set the current role's activity mix from the journal's recent weeks."""
    try:
        option = services.current_role_from_journal(request.user)
    except UserInputError as exc:
        messages.error(request, error_html(exc))
    else:
        messages.success(request, f"“{option.name}” now has your recent weeks' mix ({option.weeks_counted} "
                                  f"week{'s' if option.weeks_counted != 1 else ''} of entries).")
    return redirect("web:options")


@person_view
def option_new(request):
    """Add an option: activity mix, pay, hours, ratings, who set it; nothing saved on a bad field."""
    if request.method == "POST":
        values = _option_from_post(request.POST)
        if request.POST.get("action") == "add_row":
            return _more_rows(request, values)
        try:
            option = services.add_option(request.user, values["name"], mix=values["mix"], pay=values["pay"],
                                         hours=values["hours"], ratings=values["ratings"], current=values["current"],
                                         set_by=values["set_by"], target=values["target"])
        except UserInputError as exc:
            return render(request, "web/option_form.html",
                          _form_context(request, values, {_field_of(exc.message): exc.message}), status=400)
        messages.success(request, f"Added {option.name}.")
        return redirect("web:options")
    return render(request, "web/option_form.html", _form_context(request, {"set_by": "me", "mix": {}}))


@person_view
def option_edit(request, slug: str):
    """Change one of the person's options (its mix is replaced by the form's)."""
    option = services.find_option(request.user, slug)
    if request.method == "POST":
        values = _option_from_post(request.POST)
        if request.POST.get("action") == "add_row":
            return _more_rows(request, values, option.name)
        try:
            option = services.edit_option(request.user, option.name, new_name=values["name"], mix=values["mix"],
                                          replace_mix=True, pay=values["pay"], hours=values["hours"],
                                          ratings=values["ratings"], current=values["current"],
                                          set_by=values["set_by"], target=values["target"])
        except UserInputError as exc:
            return render(request, "web/option_form.html",
                          _form_context(request, values, {_field_of(exc.message): exc.message}, option.name),
                          status=400)
        messages.success(request, f"Saved {option.name}.")
        return redirect("web:options")
    values = services.option_as_dict(option)
    values["hours"] = option.hours
    return render(request, "web/option_form.html", _form_context(request, values, editing=option.name))


@require_POST
@person_view
def option_delete(request, slug: str):
    """Remove one of the person's options."""
    option = services.find_option(request.user, slug)
    services.remove_option(request.user, option.name)
    messages.success(request, f"Removed {option.name}.")
    return redirect("web:options")


@require_POST
@person_view
def option_took(request, slug: str):
    """The person took this option: keep ownpath's forecast of it and make it the current role."""
    from ownpath.options import forecasts

    option = services.find_option(request.user, slug)
    try:
        record = forecasts.took_option(request.user, option.slug, request.POST.get("on", "").strip() or None)
    except UserInputError as exc:
        messages.error(request, exc.message.partition(": ")[2] or exc.message)
        return redirect("web:options")
    messages.success(request, f"{record.name} is now your current role. ownpath kept its forecast and will "
                              "set it against what you live.")
    return redirect("web:forecasts")


@person_view
def forecasts_page(request):
    """ownpath's forecasts of the changes the person made, against what they then lived, and its calibration."""
    from ownpath.options import forecasts

    return render(request, "web/forecasts.html", {"data": forecasts.forecasts_for(request.user)})


@require_POST
@person_view
def forecast_forget(request, forecast_id: int):
    """Remove one kept forecast (an option not taken after all)."""
    from ownpath.options import forecasts

    forecasts.forget_forecast(request.user, forecast_id)
    messages.success(request, "Forecast removed.")
    return redirect("web:forecasts")


@person_view
def compare_page(request):
    """Every option side by side against the current role, with flags and explanations."""
    comparison = sources.comparison_for(request.user)
    return render(request, "web/compare.html", {
        "comparison": comparison, "compare_columns": sources.comparison_columns_for(request.user, comparison)})


SORT_SLOTS = 8  # the card sort offers this many places; the questions settle the top six


def _posted_order(post) -> list[str]:
    """The values picked in the card sort's places, in order (empty places skipped)."""
    return [post.get(f"pick_{n}", "").strip() for n in range(1, SORT_SLOTS + 1) if post.get(f"pick_{n}", "").strip()]


@person_view
def values_page(request):
    """What matters, said at once (pick and order the values), then a few questions on close calls.

    The card sort comes first; the questions stop when the order is settled, and the count
    ("question 3 of about 5") is recomputed after every answer. Starting again is a second,
    explicit step (a disclosure with its own button).
    """
    from ownpath.analytics.values_elicitation import question_for, value_label

    sort_error = None
    posted_order = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "baseline":
                services.set_values(request.user, baseline=request.POST.get("baseline", "").strip() or None)
                messages.success(request, "Pay baseline saved.")
            elif action == "order":
                posted_order = _posted_order(request.POST)
                if not posted_order:
                    raise UserInputError("order: pick at least the one value that matters most")
                services.set_ranking(request.user, posted_order)
                messages.success(request, "Your order is saved.")
            elif action == "reset":
                removed = services.reset_values_order(request.user)
                messages.success(request, f"Erased your order and {removed} answer{'s' if removed != 1 else ''}.")
            else:
                choice = request.POST.get("choice", "")
                services.record_value_answer(request.user, request.POST.get("first", ""),
                                             request.POST.get("second", ""), None if choice == "equal" else choice)
        except UserInputError as exc:
            if action != "order":
                messages.error(request, error_html(exc))
                return redirect("web:values")
            sort_error = exc.message.partition(": ")[2] or exc.message
        else:
            return redirect("web:values")
    summary = services.values_summary(request.user)
    ranking = summary["ranking"]
    questions = summary["questions"]
    sorting = sort_error is not None or request.GET.get("sort") == "1" or not (ranking or summary["ratings"]
                                                                                 or summary["answers"])
    chosen = posted_order if posted_order is not None else ranking
    context = {"values": summary, "answered": summary["answers"], "sorting": sorting, "sort_error": sort_error,
               "slots": [{"number": n, "chosen": chosen[n - 1] if n <= len(chosen) else ""}
                         for n in range(1, SORT_SLOTS + 1)],
               "value_choices": _value_choices(),
               "asking": bool(questions and questions["next"]),
               "top": [w["label"] for w in summary["weights"][:3]],
               "has_options": services.options_for(request.user).exists()}
    if context["asking"] and not sorting:
        first, second = questions["next"]
        context |= {"first": first, "second": second, "first_label": value_label(first),
                    "second_label": value_label(second), "question": question_for((first, second)),
                    "question_number": questions["asked"] + 1, "question_total": questions["expected"]}
    return render(request, "web/values.html", context, status=400 if sort_error else 200)
