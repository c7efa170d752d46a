"""The demo workplace: an organisation with a few teams, the demo persona's manager and colleagues,
and a realistic pair of career conversations between the persona and their manager. The
colleagues keep journals shared for anonymous figures; the manager is also the people lead.

The earlier conversation (six weeks ago) made agreements with hours; the persona's journal after
it follows the main one (most of the admin time became research), so the next conversation's
review has something to show. The coming conversation has answers, some shared and some not.
The generated people have no password: they exist to be looked at through the local demo switch.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ownpath.demo.switch import DEMO_ORGANISATION

TEAMS = {  # team: (manager, members)
    "Research": ("maya", ["priya", "tom", "lena", "marcus", "ines"]),
    "Sales": ("omar", ["dana", "raj", "chloe"]),
    "Platform": ("sam", ["kai"]),
}
ADMIN = "ada"
# Everyone but the demo person keeps a short journal and shares it for anonymous figures, so the
# manager's team page and the people lead's page (maya is both) show figures, not only "too few".
COLLEAGUE_PERSONAS = {"maya": "people_coach", "priya": "research_analyst", "tom": "coaching_analyst",
                      "lena": "people_coach", "marcus": "research_analyst", "dana": "top_salesperson",
                      "raj": "top_salesperson", "chloe": "coaching_analyst", "sam": "people_coach",
                      "kai": "research_analyst", "omar": "people_coach", "ines": "coaching_analyst"}
# The motivating case (demo.team_decisions): the top salesperson and the coach-minded analyst keep a
# 12-week journal and share their track fit with their manager, against the organisation's role
# profiles, so the manager's team page shows Dana the expert track and Ines the manager track.
TRACK_FIT_PEOPLE = ("dana", "ines")
COLLEAGUE_WEEKS = 6
# What the demo person shares with their manager; the rest (strengths, values, hours…) stays theirs.
SHARED_WITH_MANAGER = ("top_energizers", "want_from_role", "growth_share")

ANSWERS = {  # starting question: (answer, shared with the manager?)
    "energizes": ("Long stretches of research with no meetings, and the week after, when I write it up and "
                  "present it. The survey redesign was the best month of my year.", True),
    "drains": ("Running the intern rota and chasing status updates. Honestly, most of what I do as "
               "acting team lead. I have not said this out loud yet.", False),
    "want_from_role": ("Time for deep work on the hard questions, and being the person people come to for "
                       "methods. Not a bigger team.", True),
    "learn": ("Presenting to leadership without over-preparing, from Lena; causal inference, from the "
              "statistics group.", True),
    "five_years": ("Principal researcher, not head of the group. I do not know how to say that without it "
                   "sounding like I lack ambition.", False),
}


def _person(username: str):
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.set_unusable_password()
    user.save()
    return user


def _follow_agreement(person, agreed_on: dt.date) -> int:
    """After the agreement, turn three of every four admin entries into research (the persona kept to it)."""
    from ownpath.journal.models import Activity, Episode

    research = Activity.objects.get(owner__isnull=True, slug="research")
    admin_after = list(Episode.objects.filter(user=person, activity__slug="admin", date__gte=agreed_on)
                       .order_by("date", "id"))
    moved = [episode for index, episode in enumerate(admin_after) if index % 4]
    for episode in moved:
        episode.activity = research
        episode.energy = 2 if episode.pk % 3 else 1
        episode.growth = True
        episode.save(update_fields=["activity", "energy", "growth"])
    return len(moved)


def _colleagues_share_for_figures(today: dt.date) -> None:
    """Give each generated colleague a short journal of their own and share it for anonymous figures."""
    from ownpath.demo.services import fill_demo_journal
    from ownpath.sharing import services as sharing
    from ownpath.sharing.aggregates import AGGREGATE_ITEMS

    for seed, (username, persona) in enumerate(sorted(COLLEAGUE_PERSONAS.items()), start=11):
        colleague = get_user_model().objects.get(username=username)
        fill_demo_journal(colleague, persona, weeks=COLLEAGUE_WEEKS, seed=seed, end=today - dt.timedelta(days=1))
        for item in AGGREGATE_ITEMS:
            sharing.share(colleague, item, "aggregate")


def _track_fit_case(organisation, today: dt.date) -> None:
    """Role profiles on both tracks, and Dana's and Ines's journals and track fits shared with their manager."""
    from ownpath.demo.services import fill_demo_journal
    from ownpath.sharing import services as sharing
    from ownpath.demo import team_decisions as planning_demo
    from ownpath.team_planning import services as planning

    admin = get_user_model().objects.get(username=ADMIN)
    for name, track, level, hours in planning_demo.ROLES:
        planning.add_role_profile(admin, organisation, name, track, level=level, weekly_hours=hours)
    personas = dict((username, persona) for username, persona, _team in planning_demo.PEOPLE)
    for username in TRACK_FIT_PEOPLE:
        person = get_user_model().objects.get(username=username)
        fill_demo_journal(person, personas[username], weeks=12, seed=3, end=today - dt.timedelta(days=1))
        for item in ("track_fit", "team_planning"):
            sharing.share(person, item, "manager")


def _forget_earlier_demo(person) -> int:
    """Delete what an earlier run built around `person`, so running the demo again gives one workplace.

    The organisation is deleted by name; the conversations hang off the people, not the organisation,
    so they are deleted here: those between `person` and the demo's generated managers (who have no
    password and exist only for the demo). Nothing of any other account is touched.
    """
    from ownpath.conversations.models import Conversation

    managers = [manager for manager, _ in TEAMS.values()]
    generated = [user.pk for user in get_user_model().objects.filter(username__in=managers)
                 if not user.has_usable_password()]
    deleted, _ = Conversation.objects.filter(person=person, manager_id__in=generated).delete()
    return deleted


@transaction.atomic
def fill_demo_workplace(person, *, today: dt.date | None = None) -> dict:
    """(Re)create the demo organisation around `person` and their two conversations; returns a summary."""
    from ownpath.conversations import services as conversations
    from ownpath.conversations.models import Agreement
    from ownpath.sharing import services as sharing
    from ownpath.teams.models import Membership, Organisation, OrganisationRole, Team

    today = today or timezone.localdate()
    _forget_earlier_demo(person)
    Organisation.objects.filter(name=DEMO_ORGANISATION).delete()
    organisation = Organisation.objects.create(name=DEMO_ORGANISATION)
    OrganisationRole.objects.create(organisation=organisation, person=_person(ADMIN), role=OrganisationRole.ADMIN)
    for name, (manager, members) in TEAMS.items():
        team = Team.objects.create(organisation=organisation, name=name)
        Membership.objects.create(team=team, person=_person(manager), role=Membership.MANAGER)
        for member in members:
            Membership.objects.create(team=team, person=_person(member), role=Membership.MEMBER)
        if name == "Research":
            Membership.objects.create(team=team, person=person, role=Membership.MEMBER)
            manager_user = get_user_model().objects.get(username=manager)

    OrganisationRole.objects.create(organisation=organisation, person=manager_user, role=OrganisationRole.PEOPLE_LEAD)
    _colleagues_share_for_figures(today)
    _track_fit_case(organisation, today)

    agreed_on = today - dt.timedelta(weeks=6, days=today.weekday())  # a Monday six weeks ago
    earlier = conversations.open_conversation(manager_user, person, agreed_on)
    conversations.set_status(manager_user, earlier.pk, "held")
    main = conversations.agree(manager_user, earlier.pk, "Move 2 h a week from admin to research",
                               owner=person.username, due_date=agreed_on + dt.timedelta(weeks=5),
                               hour_changes={"admin": -2, "research": 2})
    conversations.share_agreement_review(person, main.pk, True)
    mentor = conversations.agree(person, earlier.pk, "Pair with Lena on presenting to leadership",
                                 owner=manager_user.username, due_date=agreed_on + dt.timedelta(weeks=2))
    conversations.set_agreement_status(manager_user, mentor.pk, Agreement.DONE)
    conversations.agree(manager_user, earlier.pk, "Six-week trial leading the onboarding of one new hire",
                        owner=person.username, due_date=today + dt.timedelta(days=3),
                        hour_changes={"managing": 2})
    conversations.add_note(manager_user, earlier.pk, "We agreed the rota moves to Tom from next month.")
    moved = _follow_agreement(person, agreed_on)

    coming = conversations.open_conversation(manager_user, person, today + dt.timedelta(days=3))
    items = {item.question: item for item in coming.agenda.all()}
    for question, (text, shared) in ANSWERS.items():
        conversations.answer(person, coming.pk, items[question].pk, text, shared_with_manager=shared)
    conversations.add_agenda_item(manager_user, coming.pk, "Would you want to lead the new analytics group?")
    conversations.add_agenda_item(person, coming.pk, "Conference budget for the spring methods workshop")
    conversations.add_note(person, coming.pk, "I would like to talk about the onboarding trial first.")
    sharing.set_career_wish(person, want_from_role=ANSWERS["want_from_role"][0])
    for item in SHARED_WITH_MANAGER:
        sharing.share(person, item, "manager")
    return {"organisation": organisation.name, "manager": manager_user.username,
            "conversations": [earlier.pk, coming.pk], "admin_entries_moved": moved}
