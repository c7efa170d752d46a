"""Routes of team decisions: track fit, mentorship, role profiles, allocation proposals."""

from __future__ import annotations

from django.urls import path

from ownpath.web.views import team_planning

urlpatterns = [
    path("planning/track-fit/", team_planning.track_fit_page, name="my_track_fit"),
    path("planning/people/<int:person_id>/track-fit/", team_planning.their_track_fit_page, name="their_track_fit"),
    path("planning/people/<int:person_id>/track-fit/trial/", team_planning.record_trial_agreement,
         name="record_trial_agreement"),
    path("planning/mentorship/", team_planning.my_mentorship_page, name="my_mentorship"),
    path("planning/orgs/<int:organisation_id>/roles/", team_planning.roles_page, name="planning_roles"),
    path("planning/orgs/<int:organisation_id>/mentorship/", team_planning.mentorship_proposals_page,
         name="mentorship_proposals"),
    path("planning/teams/<int:team_id>/allocation/", team_planning.allocation_page, name="planning_allocation"),
]
