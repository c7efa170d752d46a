"""Use cases of values and options. Every function takes the acting user first and scopes to them.

Bad input raises ``UserInputError`` naming the field, before anything is written; another
person's option looks exactly like a missing one (``NotFound``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction

from ownpath.analytics import forecast as fc
from ownpath.analytics import values_elicitation as ve
from ownpath.analytics.journal_size import thin_data_warning
from ownpath.errors import LOG_HINT, Hint, NotFound, UserInputError
from ownpath.inputs import as_id, visible_name
from ownpath.journal.services import activities_for, activity_labels, episodes_for, settings_for
from ownpath.journal.validation import FieldError, parse_activity
from ownpath.options.models import Option, OptionActivity, ValueAnswer, ValuesProfile, unique_option_slug

MAX_WEEK_HOURS = 168.0


# --- parsing what a person types -------------------------------------------------------------

def _pairs(text: str, field: str) -> list[tuple[str, str]]:
    """``"a=1, b=2"`` → ``[("a", "1"), ("b", "2")]``; a piece without '=' is refused."""
    pairs = []
    for piece in (p.strip() for p in str(text).split(",")):
        if not piece:
            continue
        name, sep, value = piece.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise UserInputError(f"{field}: expected NAME=NUMBER pairs separated by commas, got {piece!r}")
        pairs.append((name.strip().lower(), value.strip()))
    return pairs


def _number(field: str, text: Any) -> float:
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise UserInputError(f"{field}: must be a number, got {text!r}") from None
    if not math.isfinite(value):
        raise UserInputError(f"{field}: must be a finite number, got {text!r}")
    return value


def parse_mix(user, mix: str | Mapping[str, Any], *, allow_zero: bool = False) -> dict[str, float]:
    """Weekly hours per activity, from ``"managing=20,meetings=10"`` or a mapping.

    Unknown activities are refused with the closest ones; hours must be above 0 (0 is
    allowed when editing, to drop an activity) and at most 168.
    """
    items = _pairs(mix, "mix") if isinstance(mix, str) else [(str(k).lower(), v) for k, v in mix.items()]
    labels = activity_labels(user)
    parsed: dict[str, float] = {}
    for name, raw_hours in items:
        try:
            slug = parse_activity(name, labels, labels)
        except FieldError as exc:
            raise UserInputError(f"mix: {exc.message}") from None
        hours = _number(f"mix: hours for {slug!r}", raw_hours)
        low_ok = hours >= 0 if allow_zero else hours > 0
        if not low_ok or hours > MAX_WEEK_HOURS:
            bound = "0 or more" if allow_zero else "more than 0"
            raise UserInputError(f"mix: hours for {slug!r} must be {bound} and at most 168 a week, got {raw_hours}")
        if slug in parsed:
            raise UserInputError(f"mix: activity {slug!r} is given twice")
        parsed[slug] = hours
    if sum(parsed.values()) > MAX_WEEK_HOURS:
        raise UserInputError(f"mix: adds up to {sum(parsed.values()):g} hours, more than the 168 in a week")
    return parsed


def parse_ratings(ratings: str | Mapping[str, Any], field: str = "rate") -> dict[str, int]:
    """Value ratings 1–5 from ``"mentorship=4,learning=2"`` or a mapping; names the bad value."""
    items = _pairs(ratings, field) if isinstance(ratings, str) else [(str(k).lower(), v) for k, v in ratings.items()]
    parsed: dict[str, int] = {}
    for name, raw in items:
        try:
            slug = ve.check_value_slug(name)
        except ValueError as exc:
            raise UserInputError(f"{field}: {exc}") from None
        value = _number(f"{field}: rating for {slug!r}", raw)
        if value != int(value) or not 1 <= value <= 5:
            raise UserInputError(f"{field}: rating for {slug!r} must be a whole number from 1 to 5, got {raw}")
        parsed[slug] = int(value)
    return parsed


def _check_pay(pay: Any, field: str = "pay") -> float | None:
    if pay is None:
        return None
    value = _number(field, pay)
    if value < 0:
        raise UserInputError(f"{field}: must be 0 or more, got {pay}")
    return value


def check_hours(hours: Any) -> float | None:
    """Weekly hours as given (None stays None), or a UserInputError naming the field."""
    if hours is None:
        return None
    value = _number("hours", hours)
    if not 0 < value <= MAX_WEEK_HOURS:
        raise UserInputError(f"hours: must be more than 0 and at most 168 a week, got {hours}")
    return value


def _check_set_by(set_by: str) -> str:
    if set_by not in fc.SET_BY_CHOICES:
        raise UserInputError(f"set-by: must be one of {', '.join(fc.SET_BY_CHOICES)}, got {set_by!r}")
    return set_by


def _check_name(name: str) -> str:
    if not (name or "").strip() or len(name.strip()) > 120:
        raise UserInputError("name: must be 1–120 characters")
    return visible_name(name, "name")


# --- values ----------------------------------------------------------------------------------

def values_profile_for(user) -> ValuesProfile:
    """The person's values profile; empty and unsaved until they set something (reading writes nothing)."""
    return ValuesProfile.objects.filter(user=user).first() or ValuesProfile(user=user)


@transaction.atomic
def set_values(user, *, ratings: str | Mapping[str, Any] | None = None,
               baseline: Any = None) -> ValuesProfile:
    """Set direct value ratings (merged into earlier ones) and/or the pay baseline."""
    parsed = parse_ratings(ratings, "set") if ratings is not None else None
    amount = _check_pay(baseline, "baseline")
    profile = values_profile_for(user)
    if parsed is not None:
        profile.ratings = {**profile.ratings, **parsed}
    if amount is not None:
        profile.pay_baseline = amount
    profile.save()
    return profile


def parse_ranking(ranking: str | list | tuple) -> list[str]:
    """A card sort from ``"mentorship,learning"`` or a list: known values, each once, most important first."""
    items = [p.strip().lower() for p in ranking.split(",")] if isinstance(ranking, str) else [
        str(p).strip().lower() for p in ranking]
    items = [p for p in items if p]
    try:
        return list(ve.check_ranking(items))
    except ValueError as exc:
        raise UserInputError(f"order: {exc}") from None


@transaction.atomic
def set_ranking(user, ranking: str | list | tuple) -> ValuesProfile:
    """Save the card sort (the values that matter, in order); earlier answers stay as evidence."""
    parsed = parse_ranking(ranking)
    profile = values_profile_for(user)
    profile.ranking = parsed
    profile.save()
    return profile


def _answers(user) -> list[ve.PairAnswer]:
    return [ve.PairAnswer(a.first, a.second, a.choice or None)
            for a in ValueAnswer.objects.filter(user=user).order_by("created_at", "id")]


def _plan(profile: ValuesProfile, answers: list[ve.PairAnswer]) -> ve.QuestionPlan:
    return ve.plan_questions(answers, ranking=profile.ranking or (), prior_ratings=profile.ratings or None)


def value_question_plan(user) -> ve.QuestionPlan:
    """What to ask next (None once the order is settled) and how many questions remain."""
    return _plan(values_profile_for(user), _answers(user))


def next_value_question(user) -> tuple[str, str] | None:
    """The pair of values to ask the person about next, or None once their order is settled."""
    return value_question_plan(user).next


def record_value_answer(user, first: str, second: str, choice: str | None) -> ValueAnswer:
    """Save one paired-comparison answer (``choice`` None for "about equal")."""
    try:
        first, second = ve.check_value_slug(first), ve.check_value_slug(second)
    except ValueError as exc:
        raise UserInputError(f"value: {exc}") from None
    if first == second:
        raise UserInputError("value: a comparison needs two different values")
    if choice is not None and choice not in (first, second):
        raise UserInputError(f"answer: must be {first!r}, {second!r} or equal, got {choice!r}")
    return ValueAnswer.objects.create(user=user, first=first, second=second, choice=choice or "")


def reset_value_answers(user) -> int:
    """Forget the person's paired-comparison answers; returns how many were removed."""
    removed, _ = ValueAnswer.objects.filter(user=user).delete()
    return removed


@transaction.atomic
def reset_values_order(user) -> int:
    """Forget the card sort and every answer (the pay baseline and ratings stay); returns answers removed."""
    ValuesProfile.objects.filter(user=user).update(ranking=[])
    return reset_value_answers(user)


def _fit_weights(profile: ValuesProfile, answers: list[ve.PairAnswer]) -> ve.ValuesFit | None:
    if answers or profile.ranking:
        return ve.fit_weights(answers, ranking=profile.ranking or (), prior_ratings=profile.ratings or None)
    if profile.ratings:
        return ve.weights_from_ratings(profile.ratings)
    return None


def value_weights(user) -> ve.ValuesFit | None:
    """The person's value weights (card sort and comparisons, centred on any direct ratings), or None."""
    return _fit_weights(values_profile_for(user), _answers(user))


def _agreement(answers: list[ve.PairAnswer], fit: ve.ValuesFit | None) -> float | None:
    """Share of decided answers the weights agree with; None while every answer is "about equal"."""
    share = ve.agreement(answers, fit) if answers and fit is not None else None
    return None if share is None else round(share, 3)


def importance_words(weight: float) -> str:
    """How much a value weighs against an equal share of the twelve, in words."""
    ratio = weight * len(ve.VALUE_SLUGS)
    if ratio >= 2.0:
        return "matters a lot"
    if ratio >= 1.25:
        return "matters"
    if ratio > 0.8:
        return "matters about as much as most"
    return "matters less"


_STANDING_WORDS = {
    "confirmed": "you confirmed it comes before {lower}",
    "majority": "most of your answers put it before {lower}",
    "confident": "clearly before {lower}",
    "level": "about level with {lower}, you said",
}


def standing_words(standing: ve.PairStanding) -> str:
    """Where a value stands against the next one in the order, in words."""
    lower = ve.value_label(standing.lower)
    if standing.how in _STANDING_WORDS:
        return _STANDING_WORDS[standing.how].format(lower=lower)
    if standing.p_order >= 0.7:
        return f"probably before {lower}; one more question settles it"
    return f"not yet clear against {lower}"


_METHOD_WORDS = {"comparisons": "your order and answers", "card_sort": "the order you gave",
                 "ratings": "your ratings", "none": ""}


def _method_words(method: str | None, answers: int, ranking: list, ratings: dict) -> str | None:
    """What the weights rest on, in words ("your order and 5 answers")."""
    if method is None:
        return None
    parts = []
    if ranking:
        parts.append(f"the order you gave ({len(ranking)} value{'s' if len(ranking) != 1 else ''})")
    if ratings:
        parts.append("your ratings")
    if answers:
        parts.append(f"{answers} answer{'s' if answers != 1 else ''}")
    return "From " + (", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]) + "."


def values_summary(user) -> dict[str, Any]:
    """Weights (with intervals and words), how they were set, the questions, the pay baseline, contradictions."""
    profile = values_profile_for(user)
    answers = _answers(user)
    fit = _fit_weights(profile, answers)
    plan = _plan(profile, answers) if fit is not None and (profile.ranking or profile.ratings or answers) else None
    contradictions = ve.sort_conflicts(answers, profile.ranking or ()) + ve.find_contradictions(answers)
    standings = {s.upper: s for s in plan.standings} if plan else {}
    weights = []
    for w in (fit.ranked() if fit else []):
        standing = standings.get(w.slug)
        weights.append({
            "value": w.slug, "label": ve.value_label(w.slug), "weight": round(w.weight, 4),
            "low": round(w.low, 4), "high": round(w.high, 4), "words": importance_words(w.weight),
            "picked": w.slug in (profile.ranking or ()),
            "standing": standing_words(standing) if standing else None,
        })
    return {
        "method": fit.method if fit else None,
        "based_on": _method_words(fit.method if fit else None, len(answers), list(profile.ranking or ()),
                                  dict(profile.ratings)),
        "answers": len(answers),
        "ranking": list(profile.ranking or ()),
        "pay_baseline": profile.pay_baseline,
        "ratings": dict(profile.ratings),
        "weights": weights,
        "questions": None if plan is None else {
            "asked": plan.asked, "expected": plan.expected_total, "settled": plan.settled,
            "next": list(plan.next) if plan.next else None},
        "agreement": _agreement(answers, fit),
        "contradictions": [{"values": list(c.cycle), "explanation": c.sentence} for c in contradictions],
    }


# --- options ---------------------------------------------------------------------------------

def options_for(user):
    """The person's options, the current role first."""
    return Option.objects.filter(user=user).prefetch_related("mix__activity")


def get_option(user, name: str) -> Option:
    """One of the person's options by name; someone else's looks exactly like a missing one."""
    try:
        return options_for(user).get(name=str(name).strip())
    except Option.DoesNotExist:
        raise NotFound(f"option {name!r} not found",
                       hint=Hint("ownpath option list", "web:options", "your options")) from None


def find_option(user, key: str | int) -> Option:
    """One of the person's options by the key URLs use: its slug, else its exact name, else its id.

    Someone else's option looks exactly like a missing one.
    """
    key = str(key).strip()
    mine = options_for(user)
    option = mine.filter(slug=key).first() or mine.filter(name=key).first()
    if option is None and as_id(key) is not None:
        option = mine.filter(pk=as_id(key)).first()
    if option is None:
        raise NotFound(f"option {key!r} not found")
    return option


def _save_mix(user, option: Option, mix: Mapping[str, float]) -> None:
    activities = {a.slug: a for a in activities_for(user)}
    OptionActivity.objects.bulk_create(
        [OptionActivity(option=option, activity=activities[slug], hours=hours)
         for slug, hours in mix.items() if hours > 0])


def add_option(user, name: str, *, mix: str | Mapping[str, Any] | None = None, pay: Any = None,
               hours: Any = None, ratings: str | Mapping[str, Any] | None = None, current: bool = False,
               set_by: str = "me", target: bool = False, prefill: Mapping[str, Any] | None = None) -> Option:
    """Add a job to judge; everything is validated before anything is saved.

    Marking it current takes that mark from the previous current role. ``prefill`` (an
    occupation's mix and pay, from ``occupations.services.add_option_from_occupation``) fills
    what is not given: a mix or pay given explicitly overrides it activity by activity. The
    option returned says what happened besides: ``prefilled_from`` ({code, title} or None) and
    ``demoted`` (the name of the option that was current until now, or None).
    """
    name = _check_name(name)
    parsed_mix = parse_mix(user, mix) if mix else {}
    prefilled_from = None
    if prefill is not None:
        parsed_mix = {**parse_mix(user, prefill["mix"]), **parsed_mix}
        pay = prefill["pay"] if pay is None else pay
        prefilled_from = {"code": prefill["code"], "title": prefill["title"]}
    if not parsed_mix:
        raise UserInputError("mix: give the weekly hours of at least one activity, e.g. research 20 and writing 10")
    parsed_ratings = parse_ratings(ratings) if ratings is not None else {}
    pay_value, hours_value = _check_pay(pay), check_hours(hours)
    set_by = _check_set_by(set_by)
    if current and target:
        raise UserInputError("current: the current role cannot also be the target role")
    if Option.objects.filter(user=user, name=name).exists():
        raise UserInputError(f"name: you already have an option named {name!r}; choose another name or change that one")
    with transaction.atomic():
        demoted = None
        if current:
            demoted = Option.objects.filter(user=user, is_current=True).values_list("name", flat=True).first()
            Option.objects.filter(user=user, is_current=True).update(is_current=False)
        try:
            taken = set(Option.objects.filter(user=user).values_list("slug", flat=True))
            option = Option.objects.create(user=user, name=name, slug=unique_option_slug(name, taken),
                                           pay=pay_value, hours=hours_value,
                                           ratings=parsed_ratings, is_current=current, is_target=target,
                                           set_by=set_by)
        except IntegrityError:
            raise UserInputError(f"name: you already have an option {name!r}") from None
        _save_mix(user, option, parsed_mix)
    option.prefilled_from, option.demoted = prefilled_from, demoted
    return option


def edit_option(user, name: str, *, new_name: str | None = None, mix: str | Mapping[str, Any] | None = None,
                replace_mix: bool = False, pay: Any = None, hours: Any = None,
                ratings: str | Mapping[str, Any] | None = None, current: bool | None = None,
                set_by: str | None = None, target: bool | None = None) -> Option:
    """Change an option. A mix is merged into the existing one (hours 0 drops an activity)
    unless ``replace_mix``; ratings are merged. Nothing is saved if any field is bad."""
    option = get_option(user, name)
    parsed_mix = parse_mix(user, mix, allow_zero=not replace_mix) if mix is not None else None
    parsed_ratings = parse_ratings(ratings) if ratings is not None else None
    pay_value, hours_value = _check_pay(pay), check_hours(hours)
    if set_by is not None:
        _check_set_by(set_by)
    if new_name is not None:
        new_name = _check_name(new_name)
        if new_name != option.name and Option.objects.filter(user=user, name=new_name).exists():
            raise UserInputError(f"name: you already have an option {new_name!r}")
    if parsed_mix is not None:
        existing = {m.activity.slug: m.hours for m in option.mix.all()}
        merged = parsed_mix if replace_mix else {**existing, **parsed_mix}
        merged = {s: h for s, h in merged.items() if h > 0}
        if not merged:
            raise UserInputError("mix: an option needs some hours on at least one activity")
    is_current = option.is_current if current is None else current
    is_target = option.is_target if target is None else target
    if is_current and is_target:
        raise UserInputError("current: the current role cannot also be the target role")
    with transaction.atomic():
        if current:
            Option.objects.filter(user=user, is_current=True).exclude(pk=option.pk).update(is_current=False)
        option.name = new_name or option.name
        option.pay = pay_value if pay is not None else option.pay
        option.hours = hours_value if hours is not None else option.hours
        if parsed_ratings is not None:
            option.ratings = {**option.ratings, **parsed_ratings}
        option.is_current, option.is_target = is_current, is_target
        option.set_by = set_by or option.set_by
        option.save()
        if parsed_mix is not None:
            option.mix.all().delete()
            _save_mix(user, option, merged)
    return get_option(user, option.name)


def remove_option(user, name: str) -> None:
    """Delete one of the person's options."""
    get_option(user, name).delete()


def option_mix(option: Option) -> dict[str, float]:
    """The option's weekly hours per activity slug, most hours first."""
    return {m.activity.slug: m.hours for m in option.mix.all()}


def option_as_dict(option: Option) -> dict[str, Any]:
    """An option as plain data (for `option list --json` and the API)."""
    mix = option_mix(option)
    return {"id": option.id, "slug": option.slug, "name": option.name, "mix": mix, "pay": option.pay,
            "hours": option.hours if option.hours is not None else sum(mix.values()),
            "ratings": dict(option.ratings), "current": option.is_current, "target": option.is_target,
            "set_by": option.set_by}


def _spec(option: Option) -> fc.OptionSpec:
    return fc.OptionSpec(name=option.name, mix=option_mix(option), pay=option.pay, hours=option.hours,
                         ratings=dict(option.ratings), is_current=option.is_current,
                         set_by=option.set_by, is_target=option.is_target)


# --- the comparison --------------------------------------------------------------------------

def energy_posterior(user):
    """The person's activity effects on energy, from the insights' energy model of their journal."""
    from ownpath.insights.services import energy_effects_for

    return energy_effects_for(user)


def compare(user) -> fc.Comparison:
    """Every option of the person against their current role, from their own journal and values."""
    options = list(options_for(user))
    if not options:
        raise UserInputError("no options yet: add your current role first", hint=Hint(
            'ownpath option add NAME --mix "research=20,..." --current', "web:option_new", "add your current role"))
    fit = value_weights(user)
    profile = values_profile_for(user)
    return fc.compare_options(
        [_spec(o) for o in options],
        energy_posterior(user),
        weights=fit.as_dict() if fit else None,
        weight_draws=fit.draws() if fit else (),
        pay_baseline=profile.pay_baseline,
        target_hours=settings_for(user).target_hours_per_week,
        labels=activity_labels(user),
    )


def compare_json(user) -> dict[str, Any]:
    """The JSON of `ownpath compare --json`: ``{"current", "options": [...]}`` plus context."""
    data = compare(user).as_json()
    profile = values_profile_for(user)
    # Set exactly when value_weights is not None, without fitting the weights a second time.
    data["values_set"] = bool(profile.ratings) or ValueAnswer.objects.filter(user=user).exists()
    data["pay_baseline"] = profile.pay_baseline
    data["target_hours"] = settings_for(user).target_hours_per_week
    data["episodes"] = episodes_for(user).count()
    data["day_length"] = _day_lengths(user)
    from ownpath.insights.services import organisation_prior, prior_json

    data["prior"] = prior_json(organisation_prior(user))
    # The same rule and words as the Insights banner: a forecast is no firmer than its journal.
    thin = thin_data_warning(data["episodes"])
    data["warnings"] = [thin] if thin else []
    return data


def _day_lengths(user) -> dict | None:
    """Per option, what its hours per day do to energy by the person's dose-of-the-day curve."""
    from ownpath.insights.context import option_day_lengths

    return option_day_lengths(user, [(o.name, _spec(o).total_hours(), o.is_current) for o in options_for(user)])


RECENT_WEEKS = 4


def recent_weeks_mix(user, weeks: int = RECENT_WEEKS, today: dt.date | None = None) -> tuple[dict[str, float], int]:
    """The person's average week over their last ``weeks`` finished weeks: hours per activity, and
    how many of those weeks hold entries (a week without entries counts as a week off, not as zero work).
    """
    from django.db.models import Sum

    from ownpath.journal.models import Episode

    today = today or dt.date.today()
    this_monday = today - dt.timedelta(days=today.weekday())
    start = this_monday - dt.timedelta(weeks=weeks)
    rows = (Episode.objects.filter(user=user, date__gte=start, date__lt=this_monday)
            .values_list("date", "activity__slug", "hours"))
    weeks_with_entries = {day - dt.timedelta(days=day.weekday()) for day, _, _ in rows}
    if not weeks_with_entries:
        return {}, 0
    totals = (Episode.objects.filter(user=user, date__gte=start, date__lt=this_monday)
              .values("activity__slug").annotate(total=Sum("hours")).values_list("activity__slug", "total"))
    mix = {slug: round(total / len(weeks_with_entries), 1) for slug, total in totals}
    return {slug: hours for slug, hours in mix.items() if hours >= 0.1}, len(weeks_with_entries)


def current_role_from_journal(user, weeks: int = RECENT_WEEKS, today: dt.date | None = None) -> Option:
    """Use the journal's recent weeks as the current role's activity mix (the role is created if missing).

    The journal already knows how the person's week is spent; typing it in by hand is slower and
    less honest. The mix replaces the current role's; its pay, ratings and name stay.
    """
    mix, counted = recent_weeks_mix(user, weeks, today)
    if not mix:
        raise UserInputError(f"no entries in your last {weeks} finished weeks to take the mix from",
                             hint=LOG_HINT)
    current = Option.objects.filter(user=user, is_current=True).first()
    if current is None:
        name = "My current role"
        while Option.objects.filter(user=user, name=name).exists():
            name += " (from my journal)"
        option = add_option(user, name, mix=mix, current=True)
    else:
        option = edit_option(user, current.name, mix=mix, replace_mix=True)
    option.weeks_counted = counted
    return option
