"""Routes of the team side: sharing, organisations, joining, the manager's and people lead's pages."""

from __future__ import annotations

from django.urls import path

from ownpath.web.views import sharing, teams

urlpatterns = [
    path("sharing/", sharing.sharing_page, name="sharing"),
    path("sharing/share/", sharing.share_add, name="share_add"),
    path("sharing/<int:share_id>/revoke/", sharing.share_revoke, name="share_revoke"),
    path("sharing/words/", sharing.career_wish_save, name="career_wish"),
    path("sharing/preview/<str:item>/", sharing.share_preview, name="share_preview"),
    path("sharing/changes/<int:change_id>/", sharing.relation_change_answer, name="relation_change_answer"),
    path("team/", teams.team_home, name="team_home"),
    path("team/manage/", teams.manager_page, name="team_manage"),
    path("team/people/<int:person_id>/", teams.person_profile, name="person_profile"),
    path("team/join/", teams.join_with_token, name="join_with_token"),
    path("join/<str:token>/", teams.join_page, name="join"),
    path("orgs/new/", teams.organisation_create, name="organisation_create"),
    path("orgs/<int:organisation_id>/admin/", teams.organisation_admin, name="organisation_admin"),
    path("orgs/<int:organisation_id>/teams/new/", teams.team_create, name="team_create"),
    path("orgs/<int:organisation_id>/invitations/new/", teams.invitation_create, name="invitation_create"),
    path("orgs/<int:organisation_id>/invitations/<int:invitation_id>/revoke/", teams.invitation_revoke,
         name="invitation_revoke"),
    path("orgs/<int:organisation_id>/members/", teams.member_role, name="member_role"),
    path("orgs/<int:organisation_id>/leave/", teams.organisation_leave, name="organisation_leave"),
    path("orgs/<int:organisation_id>/people/", teams.people_lead_page, name="people_lead"),
]
