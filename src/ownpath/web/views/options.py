"""Values questionnaire, options (add, edit, remove) and the side-by-side comparison.

Every call goes to the options services.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ownpath.errors import UserInputError
from ownpath.journal.services import activities_for
from ownpath.options import services
from ownpath.web import sources
from ownpath.web.views.common import person_view

MIX_ROWS = 8
SET_BY = ("me", "manager", "family", "expected")


def _value_choices():
    from ownpath.analytics.values_elicitation import VALUE_SLUGS, value_label

    return [(slug, value_label(slug)) for slug in VALUE_SLUGS]


def _field_of(message: str) -> str:
    """The field a service's message names ("mix: …" → "mix")."""
    head, sep, _ = message.partition(":")
    return head.strip().replace("-", "_") if sep and " " not in head.strip() else "form"


def _option_from_post(post) -> dict:
    """The option fields a form posted, as the options services take them."""
    mix = {}
    for i in range(MIX_ROWS):
        activity, hours = post.get(f"mix_activity_{i}", "").strip(), post.get(f"mix_hours_{i}", "").strip()
        if activity or hours:
            mix[activity or "(blank)"] = hours or "(blank)"
    ratings = {slug: post[f"rate_{slug}"] for slug, _ in _value_choices() if post.get(f"rate_{slug}")}
    return {"name": post.get("name", ""), "mix": mix, "pay": post.get("pay", "").strip() or None,
            "hours": post.get("hours", "").strip() or None, "ratings": ratings,
            "set_by": post.get("set_by", "me"), "current": post.get("current") == "on",
            "target": post.get("target") == "on"}


def _form_context(request, values: dict, errors: dict | None = None, editing: str | None = None) -> dict:
    mix_rows = list(values.get("mix", {}).items())
    mix_rows += [("", "")] * (MIX_ROWS - len(mix_rows))
    return {"values": values, "errors": errors or {}, "editing": editing, "mix_rows": mix_rows[:MIX_ROWS],
            "activities": activities_for(request.user), "value_choices": _value_choices(), "set_by_choices": SET_BY}


@person_view
def options_page(request):
    """The person's options with links to edit, and the form to add one."""
    options = [services.option_as_dict(o) for o in services.options_for(request.user)]
    return render(request, "web/options.html", {"options": options})


@person_view
def option_new(request):
    """Add an option: activity mix, pay, hours, ratings, who set it; nothing saved on a bad field."""
    if request.method == "POST":
        values = _option_from_post(request.POST)
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


@person_view
def compare_page(request):
    """Every option side by side against the current role, with flags and explanations."""
    return render(request, "web/compare.html", {"comparison": sources.comparison_for(request.user)})


@person_view
def values_page(request):
    """The values questionnaire, one question at a time, and the pay baseline."""
    from ownpath.analytics.values_elicitation import question_for, value_label

    if request.method == "POST":
        try:
            if request.POST.get("action") == "baseline":
                services.set_values(request.user, baseline=request.POST.get("baseline", "").strip() or None)
                messages.success(request, "Pay baseline saved.")
            elif request.POST.get("action") == "reset":
                services.reset_value_answers(request.user)
            else:
                choice = request.POST.get("choice", "")
                services.record_value_answer(request.user, request.POST.get("first", ""),
                                             request.POST.get("second", ""), None if choice == "equal" else choice)
        except UserInputError as exc:
            messages.error(request, exc.message)
            return redirect("web:values")
        return redirect("web:values")
    first, second = services.next_value_question(request.user)
    summary = services.values_summary(request.user)
    return render(request, "web/values.html", {
        "first": first, "second": second, "first_label": value_label(first), "second_label": value_label(second),
        "question": question_for((first, second)), "values": summary, "answered": summary.get("answers", 0),
    })
