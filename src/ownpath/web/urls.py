"""The web app's routes."""

from __future__ import annotations

from django.urls import path

from ownpath.web import conversation_urls, directory_urls, team_planning_urls, team_urls
from ownpath.web.views import accounts, imports, insights, journal, occupations, options, pages, paths, rate, report
from ownpath.web.views import first_run, reminders
from ownpath.web.views import reflection

app_name = "web"

urlpatterns = [
    path("", pages.home, name="home"),
    path("signup/", accounts.signup, name="signup"),
    path("login/", accounts.login_view, name="login"),
    path("logout/", accounts.Logout.as_view(), name="logout"),
    path("account/", accounts.account, name="account"),
    path("account/tokens/<int:token_id>/revoke/", accounts.revoke_token, name="revoke_token"),
    path("account/export/", accounts.export_journal, name="export_journal"),
    path("account/delete/", accounts.delete_account, name="delete_account"),
    path("account/activities/add/", accounts.add_activity, name="add_activity"),
    path("welcome/", first_run.welcome, name="welcome"),
    path("yesterday/", first_run.yesterday, name="yesterday"),
    path("journal/", journal.journal_page, name="journal"),
    path("journal/log/", journal.log_entry, name="log_entry"),
    path("journal/<int:episode_id>/edit/", journal.edit_entry, name="edit_entry"),
    path("journal/<int:episode_id>/delete/", journal.delete_entry, name="delete_entry"),
    path("insights/", insights.insights_page, name="insights"),
    path("report/", report.report_page, name="report"),
    path("reflection/", reflection.reflection_page, name="reflection"),
    path("occupations/", occupations.occupations_page, name="occupations"),
    path("occupations/fit/", occupations.occupation_fit_page, name="occupation_fit"),
    path("occupations/<str:code>/", occupations.occupation_page, name="occupation"),
    path("import/", imports.import_page, name="import"),
    path("import/confirm/", imports.import_confirm, name="import_confirm"),
    path("import/cancel/", imports.import_cancel, name="import_cancel"),
    path("import/daylio/", imports.import_daylio, name="import_daylio"),
    path("import/assign/", imports.import_assign, name="import_assign"),
    path("import/runs/<int:run_id>/", imports.import_run_page, name="import_run"),
    path("import/runs/<int:run_id>/status/", imports.import_run_status, name="import_run_status"),
    path("rate/", rate.rate_page, name="rate_week"),
    path("rate/save/", rate.rate_save, name="rate_save"),
    path("rate/dismiss/", rate.rate_dismiss, name="rate_dismiss"),
    path("rate/remembered/", rate.rate_remembered, name="rate_remembered"),
    path("values/", options.values_page, name="values"),
    path("options/", options.options_page, name="options"),
    path("options/new/", options.option_new, name="option_new"),
    path("options/from-journal/", options.option_from_journal, name="option_from_journal"),
    path("options/<str:slug>/edit/", options.option_edit, name="option_edit"),
    path("options/<str:slug>/delete/", options.option_delete, name="option_delete"),
    path("options/<str:slug>/took/", options.option_took, name="option_took"),
    path("compare/", options.compare_page, name="compare"),
    path("forecasts/", options.forecasts_page, name="forecasts"),
    path("forecasts/<int:forecast_id>/forget/", options.forecast_forget, name="forecast_forget"),
    path("occupations/<str:code>/add/", occupations.occupation_add_option, name="occupation_add_option"),
    path("path/", paths.path_page, name="path"),
    path("path/set/", paths.path_set, name="path_set"),
    path("path/clear/", paths.path_clear, name="path_clear"),
    *team_urls.urlpatterns,
    *conversation_urls.urlpatterns,
    *team_planning_urls.urlpatterns,
    *directory_urls.urlpatterns,
    path("reminders/", reminders.reminders_page, name="reminders"),
    path("reminders/calendar/<str:secret>.ics", reminders.reminders_calendar, name="reminders_calendar"),
    path("manifest.webmanifest", pages.manifest, name="manifest"),
    path("service-worker.js", pages.service_worker, name="service_worker"),
]

