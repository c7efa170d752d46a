"""Routes of the company directory: provisioning tokens, the org chart import and the audit logs."""

from __future__ import annotations

from django.urls import path

from ownpath.web.views import directory

urlpatterns = [
    path("orgs/<int:organisation_id>/directory/", directory.directory_page, name="directory"),
    path("orgs/<int:organisation_id>/directory/tokens/", directory.provisioning_token_create,
         name="provisioning_token_create"),
    path("orgs/<int:organisation_id>/directory/tokens/<int:token_id>/revoke/", directory.provisioning_token_revoke,
         name="provisioning_token_revoke"),
    path("orgs/<int:organisation_id>/directory/org-chart/", directory.org_chart_preview, name="org_chart_preview"),
    path("orgs/<int:organisation_id>/directory/org-chart/apply/", directory.org_chart_apply, name="org_chart_apply"),
    path("orgs/<int:organisation_id>/audit/", directory.audit_log_page, name="audit_log"),
    path("account/audit/", directory.my_audit_page, name="my_audit"),
]
