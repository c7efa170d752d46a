"""Reminders: the person's choices (daily nudge, weekly reflection) and their private calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from ownpath.errors import NotFound, UserInputError
from ownpath.reminders import services
from ownpath.web.views.common import person_view


def _app_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@person_view
def reminders_page(request):
    """Turn the daily nudge, the weekly reflection and career-conversation e-mails on or off; a calendar link."""
    errors = {}
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "new_link":
                services.new_calendar_link(request.user)
                messages.success(request, "Here is your new calendar link; the old one no longer works.")
            elif action == "no_link":
                services.turn_off_calendar_link(request.user)
                messages.success(request, "Calendar link turned off: it no longer works.")
            elif action == "conversation_emails":
                wanted = services.set_conversation_emails(
                    request.user, request.POST.get("conversation_emails") == "on").conversation_emails
                messages.success(request, "Career conversation e-mails are on." if wanted else
                                 "Career conversation e-mails stopped; the other side still gets theirs.")
            else:
                services.set_reminders(request.user, {
                    "email": request.POST.get("email", ""), "daily": request.POST.get("daily") == "on",
                    "daily_hour": request.POST.get("daily_hour", ""), "weekly": request.POST.get("weekly") == "on",
                    "weekly_weekday": request.POST.get("weekly_weekday", ""),
                    "weekly_hour": request.POST.get("weekly_hour", "")})
                messages.success(request, "Reminders saved.")
            return redirect("web:reminders")
        except UserInputError as exc:
            field, _, text = exc.message.partition(": ")
            errors[field] = text or exc.message
    choice = services.reminder_settings_for(request.user)
    feed = (request.build_absolute_uri(reverse("web:reminders_calendar", args=[choice.calendar_secret]))
            if choice.calendar_secret else "")
    return render(request, "web/reminders.html", {
        "choice": choice, "errors": errors, "feed": feed, "hours": range(24), "weekdays": list(enumerate(services.WEEKDAYS)),
        "questions": services.WEEKLY_QUESTIONS}, status=400 if errors else 200)


def reminders_calendar(request, secret: str):
    """The private calendar feed (no log-in: calendar apps cannot; the secret in the link is the key)."""
    try:
        body = services.calendar_feed(secret, app_url=_app_url(request))
    except NotFound:
        raise Http404("no such calendar") from None
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response
