"""Forms of the web app. Episode fields are checked by the journal's shared validation, so a
mistake is worded the same on a page, in the CLI and in an import."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

from ownpath.errors import UserInputError
from ownpath.inputs import date_in_window, visible_name
from ownpath.journal.validation import growth_word

# The form's inputs are named with the words people see (journal.validation.PUBLIC_NAMES);
# the journal's services read them, and name a bad field the same way.
EPISODE_FIELDS = ("date", "activity", "hours", "energy", "skill", "engagement", "note", "growth", "with",
                  "off_clock", "start", "where", "tools", "flow")


class SignUpForm(UserCreationForm):
    """A new account: a username, an optional e-mail address and a password (Django's validators).

    The address is asked for (invitations and reminders go there) but not required: a journal
    kept on one's own needs none. When given it must be an address, and not one already in use.
    """

    email = forms.EmailField(required=False, label="E-mail (optional: for invitations and reminders)",
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    class Meta:
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self) -> str:
        """The address, lower-cased in its domain part; one account per address."""
        email = forms.EmailField(required=False).clean(self.cleaned_data.get("email", "")).strip()
        if email:
            local, _, domain = email.rpartition("@")
            email = f"{local}@{domain.lower()}"
            if get_user_model().objects.filter(email__iexact=email).exists():
                raise forms.ValidationError("An account with this e-mail address exists already; log in instead.")
        return email

    def clean_username(self):
        """The username as others will see it: one line, nothing invisible (ownpath.inputs)."""
        from django.core.exceptions import ValidationError

        try:
            return visible_name(super().clean_username(), "username", limit=150)
        except UserInputError as exc:
            raise ValidationError(exc.message) from None


def episode_raw_from_post(post) -> dict:
    """The raw episode fields a quick-log or edit form posted, as the validation expects them."""
    raw = {name: post.get(name, "") for name in EPISODE_FIELDS}
    raw["off_clock"] = "true" if post.get("off_clock") in {"on", "true", "1"} else ""
    raw["flow"] = "true" if post.get("flow") in {"on", "true", "1"} else ""
    return raw


def episode_initial(episode=None) -> dict:
    """Values to show in the episode form: an existing episode's, or today's blank entry."""
    if episode is None:
        return {"date": dt.date.today().isoformat(), "activity": "", "hours": "", "energy": "", "skill": "",
                "engagement": "",
                "note": "", "growth": "", "with": "", "off_clock": False, "start": "", "where": "", "tools": "",
                "flow": False}
    return {"date": episode.date.isoformat(), "activity": episode.activity.slug, "hours": f"{episode.hours:g}",
            "energy": str(episode.energy), "skill": "" if episode.skill is None else str(episode.skill),
            "engagement": "" if episode.engagement is None else str(episode.engagement),
            "note": episode.note, "with": episode.with_whom, "off_clock": episode.off_clock,
            "growth": growth_word(episode.growth),
            "start": episode.start_time.strftime("%H:%M") if episode.start_time else "", "where": episode.place,
            "tools": episode.tools, "flow": episode.flow}


def import_options_from_post(values: dict) -> tuple:
    """ImportOptions from the import form's fields, and field → message for each bad one."""
    from ownpath.imports.planning import ImportOptions
    errors: dict[str, str] = {}
    dates = {}
    for name in ("since", "until"):
        dates[name] = None
        if values.get(name):
            try:
                dates[name] = date_in_window(values[name], name)
            except UserInputError as exc:
                errors[name] = exc.message.partition(": ")[2]
    hours = None
    if values.get("hours"):
        try:
            hours = float(values["hours"].replace(",", "."))
            if not 0 < hours <= 24:
                raise ValueError(hours)
        except ValueError:
            errors["hours"] = f"expected hours between 0 and 24, got {values['hours']!r}"
    options = ImportOptions(file_format=values.get("format") or "auto", column_map=values.get("map") or None,
                            energy_range=values.get("energy_range") or None,
                            date_format=values.get("date_format") or None, encoding=values.get("encoding") or None,
                            default_hours=hours, since=dates["since"], until=dates["until"],
                            time_zone=values.get("tz") or None)
    return options, errors
