"""Template context shared by every page: the navigation, built from the routes that exist."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

NAV = [("web:insights", "Insights"), ("web:values", "Values"), ("web:options", "Options"),
       ("web:compare", "Compare"), ("web:path", "Path"), ("web:occupations", "Occupations"), ("web:report", "Report"),
       ("web:import", "Import"), ("web:rate_week", "Rate last week"),
       ("web:reminders", "Reminders")]
NAV.append(("web:reflection", "Reflect"))


def navigation(request) -> dict:
    """Links to the areas this installation has (an area whose routes are absent is left out)."""
    items = []
    for name, label in NAV:
        try:
            items.append({"url": reverse(name), "label": label})
        except NoReverseMatch:
            continue
    return {"nav_items": items}


def demo_switch(request) -> dict:
    """The local demo's "look as" switch for the banner on every page (empty outside a local demo).

    The switch changes who you are across the whole app, so every page says whose view it shows.
    """
    from ownpath.demo import switch

    people = switch.people_to_act_as(request)
    current = next((p for p in people if p["current"]), None)
    return {"demo_people": people, "demo_current": current}
