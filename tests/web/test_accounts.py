"""Accounts: sign up, log in with throttling, log out, password change, sessions that expire, CSRF."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.argon2
def test_sign_up_creates_an_account_hashed_with_argon2_and_logs_in():
    client = Client()
    response = client.post("/signup/", {"username": "sam", "password1": "a long unusual phrase 42",
                                        "password2": "a long unusual phrase 42"})
    assert response.status_code == 302
    user = get_user_model().objects.get(username="sam")
    assert user.password.startswith("argon2")
    assert client.get("/journal/").status_code == 200


def test_sign_up_refuses_a_weak_password_and_creates_nothing():
    response = Client().post("/signup/", {"username": "sam", "password1": "123", "password2": "123"})
    assert response.status_code == 400
    assert b"too short" in response.content
    assert not get_user_model().objects.filter(username="sam").exists()


def test_personal_pages_send_an_anonymous_visitor_to_log_in():
    response = Client().get("/journal/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/journal/")


def test_log_in_and_log_out(user):
    client = Client()
    response = client.post("/login/", {"username": "alex", "password": "correct horse battery staple"})
    assert response.status_code == 302
    assert client.get("/journal/").status_code == 200
    assert client.post("/logout/").status_code == 302
    assert client.get("/journal/").status_code == 302


def test_log_in_redirects_only_to_this_site(user):
    response = Client().post("/login/?next=https://evil.example/", {
        "username": "alex", "password": "correct horse battery staple", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_log_in_is_refused_after_too_many_failures_even_with_the_right_password(user):
    client = Client()
    for _ in range(settings.OWNPATH_LOGIN_MAX_FAILURES):
        assert client.post("/login/", {"username": "alex", "password": "wrong"}).status_code == 400
    response = client.post("/login/", {"username": "alex", "password": "correct horse battery staple"})
    assert response.status_code == 429
    assert b"Too many failed attempts" in response.content
    assert client.get("/journal/").status_code == 302


@pytest.mark.parametrize("variant", ["ｕｓｅｒ１", "USER1", "𝐮𝐬𝐞𝐫𝟏", " user1 "])
def test_throttle_counts_a_username_however_it_is_written(django_user_model, variant):
    """Django logs ``ｕｓｅｒ１`` (NFKC) in as ``user1``: its failures and the throttle must be one count."""
    django_user_model.objects.create_user("user1", password="correct horse battery staple")
    client = Client()
    for _ in range(settings.OWNPATH_LOGIN_MAX_FAILURES):
        client.post("/login/", {"username": "user1", "password": "wrong"})
    response = client.post("/login/", {"username": variant, "password": "correct horse battery staple"})
    assert response.status_code == 429
    assert client.get("/journal/").status_code == 302


@pytest.mark.parametrize("next_value", ["abc", "web:home", "journal", "//evil.example/", "https:evil"])
def test_log_in_with_a_next_that_is_no_path_goes_home(user, next_value):
    client = Client()
    response = client.post(f"/login/?next={next_value}", {
        "username": "alex", "password": "correct horse battery staple", "next": next_value})
    assert response.status_code == 302 and response["Location"] == "/"
    # Already logged in, the log-in page sends the person on at once: also never a 500.
    assert client.get(f"/login/?next={next_value}")["Location"] == "/"


def test_a_forged_x_forwarded_for_does_not_give_an_attacker_fresh_addresses(user):
    """Only waitress, for the trusted proxy, turns X-Forwarded-For into the address; the app never reads it."""
    for forged in range(settings.OWNPATH_LOGIN_MAX_FAILURES):
        Client(REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=f"203.0.113.{forged}").post(
            "/login/", {"username": "alex", "password": "wrong"})
    response = Client(REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.99").post(
        "/login/", {"username": "alex", "password": "correct horse battery staple"})
    assert response.status_code == 429


def test_throttle_counts_per_address_so_others_can_still_log_in(user):
    attacker = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(settings.OWNPATH_LOGIN_MAX_FAILURES + 1):
        attacker.post("/login/", {"username": "alex", "password": "wrong"})
    owner = Client(REMOTE_ADDR="10.0.0.1")
    assert owner.post("/login/", {"username": "alex", "password": "correct horse battery staple"}).status_code == 302


def test_every_form_needs_the_csrf_token(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post("/journal/log/", {"activity": "research", "hours": "1", "energy": "1",
                                             "date": "2026-01-05"})
    assert response.status_code == 403
    assert not user.episodes.exists()
    assert Client(enforce_csrf_checks=True).post("/login/", {"username": "alex", "password": "x"}).status_code == 403


def test_sessions_expire_and_cookies_are_http_only():
    assert 0 < settings.SESSION_COOKIE_AGE <= 24 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY


def test_password_change_keeps_the_person_logged_in(owner_client, user):
    response = owner_client.post("/account/", {"action": "password", "old_password": "correct horse battery staple",
                                               "new_password1": "a brand new passphrase 7",
                                               "new_password2": "a brand new passphrase 7"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a brand new passphrase 7")
    assert owner_client.get("/journal/").status_code == 200


def test_password_change_with_a_wrong_old_password_changes_nothing(owner_client, user):
    response = owner_client.post("/account/", {"action": "password", "old_password": "nope",
                                               "new_password1": "a brand new passphrase 7",
                                               "new_password2": "a brand new passphrase 7"})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.check_password("correct horse battery staple")


def test_target_hours_setting_is_validated(owner_client, user):
    assert owner_client.post("/account/", {"action": "settings", "target_hours": "38"}).status_code == 302
    assert user.person_settings.target_hours_per_week == 38
    response = owner_client.post("/account/", {"action": "settings", "target_hours": "500"})
    assert response.status_code == 400
    assert b"between 1 and 100" in response.content


def test_local_mode_acts_as_the_local_user_only_from_loopback(settings):
    settings.OWNPATH_LOCAL_MODE = True
    assert Client(REMOTE_ADDR="127.0.0.1").get("/journal/").status_code == 200
    assert Client(REMOTE_ADDR="192.168.1.20").get("/journal/").status_code == 302


def test_local_mode_is_off_by_default():
    assert Client(REMOTE_ADDR="127.0.0.1").get("/journal/").status_code == 302


def test_the_throttle_lifts_when_the_window_has_passed(user):
    import datetime as dt

    from ownpath.web.models import LoginFailures

    client = Client()
    for _ in range(settings.OWNPATH_LOGIN_MAX_FAILURES):
        client.post("/login/", {"username": "alex", "password": "wrong"})
    LoginFailures.objects.update(window_started_at=LoginFailures.objects.get().window_started_at - dt.timedelta(
        seconds=settings.OWNPATH_LOGIN_WINDOW_SECONDS + 1))
    assert client.post("/login/", {"username": "alex", "password": "correct horse battery staple"}).status_code == 302


def test_local_mode_leaves_the_api_to_tokens(settings):
    settings.OWNPATH_LOCAL_MODE = True
    assert Client(REMOTE_ADDR="127.0.0.1").get("/api/journal").status_code == 401
