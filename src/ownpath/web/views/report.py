"""The report page: the same self-contained HTML as `ownpath report -o report.html`."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse

from ownpath.web.csp import allow_inline_styles
from ownpath.web.report import render_report
from ownpath.web.views.common import person_view


@person_view
def report_page(request):
    """The printable report; with ?download=1 it is offered as a file to keep."""
    html = render_report(request.user)
    response = allow_inline_styles(HttpResponse(html, content_type="text/html; charset=utf-8"), html)
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="ownpath-report-{dt.date.today()}.html"'
    return response
