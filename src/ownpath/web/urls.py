"""The web app's routes."""

from __future__ import annotations

from pathlib import Path

from django.urls import path, re_path
from django.views.decorators.cache import cache_control
from django.views.static import serve

from ownpath.web.views import accounts, journal, pages

app_name = "web"
STATIC_DIR = Path(__file__).resolve().parent / "static"

urlpatterns = [
    path("", pages.home, name="home"),
    path("signup/", accounts.signup, name="signup"),
    path("login/", accounts.login_view, name="login"),
    path("logout/", accounts.Logout.as_view(), name="logout"),
    path("account/", accounts.account, name="account"),
    path("account/tokens/<int:token_id>/revoke/", accounts.revoke_token, name="revoke_token"),
    path("journal/", journal.journal_page, name="journal"),
    path("journal/log/", journal.log_entry, name="log_entry"),
    path("journal/<int:episode_id>/edit/", journal.edit_entry, name="edit_entry"),
    path("journal/<int:episode_id>/delete/", journal.delete_entry, name="delete_entry"),
    # Our own CSS and the vendored htmx: served by the app itself, so nothing comes from the internet.
    re_path(r"^static/(?P<path>web/[\w.-]+)$", cache_control(max_age=3600)(serve),
            {"document_root": STATIC_DIR}, name="static"),
]
