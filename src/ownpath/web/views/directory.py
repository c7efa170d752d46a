"""The company directory's pages: provisioning tokens, the org chart import, and the audit logs."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ownpath.directory import services as directory
from ownpath.directory.oidc import sso_enabled
from ownpath.errors import ImportRejected, UserInputError
from ownpath.teams import services as teams
from ownpath.web.present import error_html
from ownpath.web.views.common import person_view

ORG_CHART_SESSION_KEY = "ownpath_org_chart_upload"
MAX_ORG_CHART_BYTES = 5 * 1024 * 1024


def _page(request, organisation, *, new_key: str = "", plan=None, problems=None, status: int = 200):
    return render(request, "web/directory.html", {
        "organisation": organisation,
        "tokens": directory.provisioning_tokens(request.user, organisation),
        "new_key": new_key,
        "scim_url": request.build_absolute_uri("/scim/v2"),
        "sso": sso_enabled(), "sso_issuer": settings.OWNPATH_OIDC_ISSUER,
        "sso_domains": settings.OWNPATH_OIDC_ALLOWED_DOMAINS, "local_accounts": settings.OWNPATH_LOCAL_ACCOUNTS,
        "plan": plan, "problems": problems,
    }, status=status)


@person_view
def directory_page(request, organisation_id: int):
    """The organisation's directory connection (admins): SCIM tokens, single sign-on, the org chart."""
    return _page(request, teams.administered_organisation(request.user, organisation_id))


@require_POST
@person_view
def provisioning_token_create(request, organisation_id: int):
    """Create a SCIM bearer token; its key is shown on this one answer only."""
    organisation = teams.administered_organisation(request.user, organisation_id)
    try:
        _, key = directory.create_provisioning_token(request.user, organisation, request.POST.get("name", ""))
    except UserInputError as exc:
        messages.error(request, error_html(exc))
        return _page(request, organisation, status=400)
    return _page(request, organisation, new_key=key)


@require_POST
@person_view
def provisioning_token_revoke(request, organisation_id: int, token_id: int):
    """Revoke a SCIM token: the directory holding it is refused from its next request."""
    teams.administered_organisation(request.user, organisation_id)
    directory.revoke_provisioning_token(request.user, token_id)
    messages.success(request, "The token is revoked.")
    return redirect("web:directory", organisation_id)


@require_POST
@person_view
def org_chart_preview(request, organisation_id: int):
    """Read an uploaded org chart and show what it would change (nothing is changed yet)."""
    organisation = teams.administered_organisation(request.user, organisation_id)
    upload = request.FILES.get("file")
    if upload is None or upload.size == 0:
        messages.error(request, "file: choose the org chart's CSV export first")
        return _page(request, organisation, status=400)
    if upload.size > MAX_ORG_CHART_BYTES:
        messages.error(request, "file: an org chart over 5 MB is refused; split it")
        return _page(request, organisation, status=400)
    data = upload.read()
    create_teams = request.POST.get("create_teams") == "on"
    plan = directory.plan_org_chart_import(request.user, organisation, data, create_teams=create_teams)
    if plan.problems:
        return _page(request, organisation, problems=[str(p) for p in plan.problems], status=400)
    request.session[ORG_CHART_SESSION_KEY] = {"organisation": organisation.pk, "data": data.decode("utf-8-sig"),
                                              "create_teams": create_teams}
    return _page(request, organisation, plan=plan)


@require_POST
@person_view
def org_chart_apply(request, organisation_id: int):
    """Apply the org chart previewed just before: all or nothing, only the changes."""
    organisation = teams.administered_organisation(request.user, organisation_id)
    pending = request.session.get(ORG_CHART_SESSION_KEY)
    if not pending or pending.get("organisation") != organisation.pk:
        messages.error(request, "Upload the org chart again: there is no preview waiting to be applied.")
        return redirect("web:directory", organisation_id)
    try:
        plan = directory.import_org_chart(request.user, organisation, pending["data"].encode(),
                                          create_teams=pending["create_teams"])
    except ImportRejected as exc:  # the organisation changed since the preview
        return _page(request, organisation, problems=[str(p) for p in exc.problems], status=400)
    request.session.pop(ORG_CHART_SESSION_KEY, None)
    messages.success(request, f"Org chart applied: {len(plan.joins)} joined, {len(plan.moves)} moved, "
                              f"{len(plan.leaves)} left, {len(plan.manager_changes)} manager changes."
                     if plan.has_changes else "Nothing to change: the organisation already matches the org chart.")
    return redirect("web:directory", organisation_id)


@person_view
def audit_log_page(request, organisation_id: int):
    """Every admin and directory action in the organisation, newest first (admins)."""
    organisation = teams.administered_organisation(request.user, organisation_id)
    return render(request, "web/audit_log.html", {
        "organisation": organisation, "events": directory.audit_log(request.user, organisation)})


@person_view
def my_audit_page(request):
    """What admins and directories did that concerns me (joins, moves, manager changes, leaving)."""
    return render(request, "web/audit_log.html", {"organisation": None, "events": directory.events_about(request.user)})
