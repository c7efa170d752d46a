"""Template helpers: the energy faces and signed numbers."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ownpath.analytics import plain_words
from ownpath.journal.validation import ENERGY_WORDS
from ownpath.web import charts

register = template.Library()


@register.simple_tag
def energy_face(level) -> str:
    """A small face for an energy level -2 … +2 (decorative: the label says it in words)."""
    return mark_safe(charts.face_svg(int(level)))


@register.filter
def signed(value, digits: int = 0) -> str:
    """+1 / -0.4 style numbers, so a direction is never shown by colour alone."""
    return plain_words.signed(None if value == "" else value, int(digits), missing="–")


@register.filter
def energy_word(level) -> str:
    """The plain word for an energy level."""
    return ENERGY_WORDS.get(int(level), "")


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (None when missing)."""
    return mapping.get(key) if hasattr(mapping, "get") else None


FLAG_WORDS = {
    "somebody_elses_dream": "somebody else's dream",
    "below_pay_baseline": "below your pay baseline",
    "long_hours": "long hours",
    "mostly_unlogged": "mostly unlogged: too little evidence",
}


@register.filter
def flag_words(flag: str) -> str:
    """A comparison flag in plain words."""
    return FLAG_WORDS.get(flag, str(flag).replace("_", " "))


@register.filter
def hours(value) -> str:
    """Hours without trailing zeros: 2, 1.5, 0.25."""
    return f"{float(value):g}"


@register.filter
def percent(value) -> str:
    """0.284 → 28%."""
    if value is None or value == "":
        return "–"
    return f"{float(value):.0%}"


@register.filter
def words(value) -> str:
    """A slug in words: 'thin_data' → 'thin data'."""
    return str(value).replace("_", " ")


@register.simple_tag
def energy_choices(selected) -> str:
    """The five faces as radio buttons (built in Python: the quick log renders it on every save)."""
    chosen = str(selected)
    return mark_safe("".join(
        format_html('<label class="face-choice"><input type="radio" name="energy" value="{}"{} required>{}'
                    '<span>{}</span></label>', level, mark_safe(" checked" if chosen == str(level) else ""),
                    mark_safe(charts.face_svg(level)), word)
        for level, word in ENERGY_WORDS.items()))


@register.simple_tag
def energy_options(selected) -> str:
    """The five energy levels as the options of a select (compact, for a row of the reconstructed day)."""
    chosen = str(selected)
    return mark_safe('<option value="">choose</option>' + "".join(
        format_html('<option value="{}"{}>{} {}</option>', level,
                    mark_safe(" selected" if chosen == str(level) else ""), f"{level:+d}" if level else "0", word)
        for level, word in ENERGY_WORDS.items()))


@register.simple_tag
def skill_options(selected) -> str:
    """The options of the 1–5 "how well it went" select, with the chosen one selected."""
    chosen = str(selected)
    return mark_safe('<option value="">not rated</option>' + "".join(
        f'<option value="{n}"{" selected" if chosen == str(n) else ""}>{n}</option>' for n in range(1, 6)))


@register.simple_tag
def engagement_options(selected) -> str:
    """The options of the 0–10 engagement select (the Good Time Journal's "how absorbed were you")."""
    chosen = str(selected)
    words = {0: " – bored", 5: "", 10: " – completely absorbed"}
    return mark_safe('<option value="">not rated</option>' + "".join(
        f'<option value="{n}"{" selected" if chosen == str(n) else ""}>{n}{words.get(n, "")}</option>'
        for n in range(0, 11)))


@register.filter
def chance(value) -> str:
    """A probability as the CLI shows it: "<1%", "37%", ">99%" (never "0.00" or "1.00")."""
    from ownpath.analytics.forecast import chance_words

    if value is None or value == "":
        return "–"
    return chance_words(float(value))


@register.filter
def week_label(week) -> str:
    """A week by the date of its Monday ("3 Nov")."""
    return charts.week_label(week)


@register.filter
def money(value) -> str:
    """Pay as money: 148270.0 → "148,270"; empty stays empty."""
    if value is None or value == "":
        return ""
    try:
        return f"{float(value):,.0f}"
    except (TypeError, ValueError):
        return str(value)


@register.filter
def usd(value) -> str:
    """Published US pay (O*NET/BLS figures are US dollars): 148270.0 → "$148,270"."""
    text = money(value)
    return f"${text}" if text and text[0].isdigit() else text


JOB_ZONE_WORDS = {1: "little", 2: "some", 3: "medium", 4: "considerable", 5: "extensive"}


@register.filter
def preparation(zone) -> str:
    """An O*NET job zone in words: 4 → "considerable (4 of 5)" (how much preparation the job needs)."""
    try:
        number = int(zone)
    except (TypeError, ValueError):
        return "–"
    return f"{JOB_ZONE_WORDS.get(number, number)} ({number} of 5)"


@register.filter
def signed_money(value) -> str:
    """A pay difference: +12,000 / −3,500."""
    if value is None or value == "":
        return ""
    amount = float(value)
    return f"{'+' if amount >= 0 else '−'}{abs(amount):,.0f}"


@register.filter
def number_text(value) -> str:
    """A number for an input box without trailing zeros (20.0 → "20"); typed text stays as typed."""
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)):
        return f"{value:g}"
    return str(value)
