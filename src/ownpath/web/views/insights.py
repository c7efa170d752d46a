"""The insights page: energizers and drains with intervals, strengths, balance and trend."""

from __future__ import annotations

from django.shortcuts import render

from ownpath.web import present, sources
from ownpath.web.views.common import person_view


@person_view
def insights_page(request):
    """What the person's journal says, as charts with tables for screen readers."""
    insights = sources.insights_for(request.user)
    data = present.insights_view_data(insights, sources.weekly_series(request.user))
    return render(request, "web/insights.html", data)
