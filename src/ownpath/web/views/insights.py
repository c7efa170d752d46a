"""The insights page: energizers and drains with intervals, strengths, balance and trend."""

from __future__ import annotations

from django.shortcuts import render

from ownpath.web import sources
from ownpath.web.views.common import person_view


@person_view
def insights_page(request):
    """What the person's journal says, as charts with tables for screen readers."""
    context = sources.insights_page_data(request.user) | {"path": sources.path_for(request.user), "show_link": True}
    return render(request, "web/insights.html", context)
