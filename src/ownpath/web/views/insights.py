"""The insights page: your story first, then energizers and drains with intervals, strengths, balance."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse

from ownpath.insights.cache import insights_for
from ownpath.options.services import options_for
from ownpath.web import present, sources
from ownpath.web.views.common import person_view


@person_view
def insights_page(request):
    """What the person's journal says: a few linked sentences, then charts with tables beside them."""
    data = sources.insights_page_data(request.user)
    journal = reverse("web:journal")
    urls = {"journal": journal, "log": journal + "?log=%s#quick-log", "activity": "#activity-%s",
            "roles": reverse("web:occupation_fit"), "compare": reverse("web:compare"),
            "options": reverse("web:option_new")}
    story = present.story(insights_for(request.user), urls=urls,
                          option_count=options_for(request.user).count())
    context = data | {"story": story, "path": sources.path_for(request.user), "show_link": True}
    return render(request, "web/insights.html", context)
