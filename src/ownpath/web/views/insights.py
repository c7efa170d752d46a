"""The insights page: energizers and drains with intervals, strengths, balance and trend."""

from __future__ import annotations

from django.shortcuts import render

from ownpath.web import sources
from ownpath.web.views.common import person_view


@person_view
def insights_page(request):
    """What the person's journal says, as charts with tables for screen readers."""
    return render(request, "web/insights.html", sources.insights_page_data(request.user))
