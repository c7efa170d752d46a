"""Template context shared by every page: the navigation, built from the routes that exist."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

# Grouped by what a person comes to do, the day's job first: a phone's menu opens on "Today".
NAV_GROUPS = [
    ("Today", [("web:journal", "Log & journal"), ("web:yesterday", "Yesterday"),
               ("web:rate_week", "Rate last week")]),
    ("Understand", [("web:insights", "Insights"), ("web:reflection", "Reflect"), ("web:report", "Report")]),
    ("Decide", [("web:values", "Values"), ("web:options", "Options"), ("web:compare", "Compare"),
                ("web:path", "Path"), ("web:occupations", "Occupations")]),
    ("More", [("web:import", "Import"), ("web:reminders", "Reminders"), ("web:welcome", "Getting started"),
              ("web:team_home", "Team & sharing"), ("web:conversations", "Conversations"),
              ("web:account", "Account")]),
]
# The flat list of the same links, for code that wants every area.
NAV = [item for _, items in NAV_GROUPS for item in items]


def navigation(request) -> dict:
    """Links to the areas this installation has, in groups (an area whose routes are absent is left out)."""
    groups = []
    for title, names in NAV_GROUPS:
        items = []
        for name, label in names:
            try:
                items.append({"url": reverse(name), "label": label})
            except NoReverseMatch:
                continue
        if items:
            groups.append({"title": title, "items": items,
                           "current": any(request.path == item["url"] for item in items)})
    return {"nav_groups": groups, "nav_items": [item for group in groups for item in group["items"]]}


def demo_switch(request) -> dict:
    """The local demo's "look as" switch for the banner on every page (empty outside a local demo).

    The switch changes who you are across the whole app, so every page says whose view it shows.
    """
    from ownpath.demo import switch

    people = switch.people_to_act_as(request)
    current = next((p for p in people if p["current"]), None)
    return {"demo_people": people, "demo_current": current}
