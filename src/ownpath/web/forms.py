"""Forms of the web app. Episode fields are checked by the journal's shared validation, so a
mistake is worded the same on a page, in the CLI and in an import."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

from ownpath.journal.services import activity_labels
from ownpath.journal.validation import validate_episode

ENERGY_FACES = [(-2, "drained"), (-1, "tired"), (0, "neutral"), (1, "good"), (2, "energized")]
EPISODE_FIELDS = ("date", "activity", "hours", "energy", "skill", "note", "growth", "with", "off_clock")


class SignUpForm(UserCreationForm):
    """A new account: a username and a password (checked by Django's password validators)."""

    class Meta:
        model = get_user_model()
        fields = ("username",)


def episode_raw_from_post(post) -> dict:
    """The raw episode fields a quick-log or edit form posted, as the validation expects them."""
    raw = {name: post.get(name, "") for name in EPISODE_FIELDS}
    raw["off_clock"] = "true" if post.get("off_clock") in {"on", "true", "1"} else ""
    return raw


def episode_field_errors(user, raw: dict) -> dict[str, str]:
    """Field name → message for every bad field of a posted episode (empty when it is valid)."""
    labels = activity_labels(user)
    _, errors = validate_episode(raw, labels.keys(), labels)
    return {("with" if e.field == "with_whom" else e.field): e.message for e in errors}


def episode_initial(episode=None) -> dict:
    """Values to show in the episode form: an existing episode's, or today's blank entry."""
    if episode is None:
        return {"date": dt.date.today().isoformat(), "activity": "", "hours": "", "energy": "", "skill": "",
                "note": "", "growth": "", "with": "", "off_clock": False}
    return {"date": episode.date.isoformat(), "activity": episode.activity.slug, "hours": f"{episode.hours:g}",
            "energy": str(episode.energy), "skill": "" if episode.skill is None else str(episode.skill),
            "note": episode.note, "with": episode.with_whom, "off_clock": episode.off_clock,
            "growth": "" if episode.growth is None else ("growth" if episode.growth else "required")}
