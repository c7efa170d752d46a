"""Sign in with the company's identity provider: a real OpenID Connect provider on loopback, and Chromium.

The provider is oidc-provider-mock (a maintained test provider) on 127.0.0.1; the flow is the real
authorization code flow with PKCE, state and nonce. Forged, replayed, mis-addressed and unverified
sign-ins are refused in words and logged.
"""

from __future__ import annotations

import datetime as dt
import re

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.web.test_browser import CHROMIUM, SCREENSHOTS


@pytest.fixture
def identity_provider(settings):
    """A real OpenID Connect provider on loopback with three people, and ownpath configured to use it."""
    from oidc_provider_mock import User, run_server_in_thread

    from ownpath.directory.oidc import provider_configuration

    people = [User(sub="ada", claims={"email": "ada@acme.example", "email_verified": True, "name": "Ada Lovelace"}),
              User(sub="eve", claims={"email": "eve@acme.example", "email_verified": False}),
              User(sub="mal", claims={"email": "mal@evil.example", "email_verified": True})]
    with run_server_in_thread(user_claims=people, require_nonce=True) as server:
        issuer = f"http://127.0.0.1:{server.server_port}"
        settings.OWNPATH_OIDC_ISSUER = issuer
        settings.OWNPATH_OIDC_CLIENT_ID = settings.OIDC_RP_CLIENT_ID = "ownpath-test"
        settings.OWNPATH_OIDC_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET = "a-client-secret"
        settings.OWNPATH_OIDC_ALLOWED_DOMAINS = ["acme.example"]
        settings.OWNPATH_OIDC_NAME = "Acme SSO"
        provider_configuration.cache_clear()
        yield issuer
        provider_configuration.cache_clear()


@pytest.fixture
def sso_page(monkeypatch, live_server, identity_provider):
    """Chromium that may reach only ownpath's test server and the identity provider."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    allowed = re.compile(r"^(" + re.escape(live_server.url) + "|" + re.escape(identity_provider) + ")")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        context = browser.new_context(viewport={"width": 390, "height": 844})
        context.route(lambda url: not allowed.match(url), lambda route: route.abort())
        page = context.new_page()
        page.set_default_timeout(60_000)
        yield page
        browser.close()


def _sign_in_as(page, base: str, subject: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_role("link", name="Sign in with Acme SSO").focus()
    page.keyboard.press("Enter")
    page.locator(f"button[name='sub'][value='{subject}']").click()  # the provider's consent page
    page.wait_for_url(re.compile(re.escape(base) + r"/.*"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")
def test_a_person_signs_in_with_the_company_account_and_out_again(sso_page, live_server, django_user_model):
    base = live_server.url
    _sign_in_as(sso_page, base, "ada")
    assert "/login/" not in sso_page.url
    sso_page.screenshot(path=str(SCREENSHOTS / "sso-signed-in-390.png"), full_page=True)
    ada = django_user_model.objects.get(email="ada@acme.example")
    assert not ada.has_usable_password() and ada.first_name == "Ada"
    session_cookie = next(c for c in sso_page.context.cookies() if c["name"] == "sessionid")
    assert session_cookie["httpOnly"]

    sso_page.goto(f"{base}/account/")
    sso_page.get_by_role("button", name="Menu").click()  # the phone's menu holds "More", and it "Log out"
    sso_page.click("nav summary:has-text('More')")
    sso_page.get_by_role("button", name=re.compile("Log out")).click()
    sso_page.wait_for_url(re.compile(r".*/login/.*"))
    sso_page.goto(f"{base}/journal/")
    assert "/login/" in sso_page.url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")
def test_an_unverified_email_and_a_foreign_domain_are_refused_in_words(sso_page, live_server, django_user_model):
    base = live_server.url
    _sign_in_as(sso_page, base, "eve")
    assert "/login/" in sso_page.url
    assert "has not verified eve@acme.example" in sso_page.inner_text("main")
    sso_page.context.clear_cookies()
    _sign_in_as(sso_page, base, "mal")
    assert "evil.example is not one of this server's allowed e-mail domains" in sso_page.inner_text("main")
    assert not django_user_model.objects.filter(email__in=["eve@acme.example", "mal@evil.example"]).exists()


@pytest.mark.django_db
def test_an_existing_account_is_linked_by_the_verified_email(identity_provider, client, django_user_model, user):
    """Through the real provider without a browser: the authorize form is posted as the browser would."""
    import httpx

    user.email = "Ada@Acme.example"
    user.save()
    start = client.get("/sso/login/")
    assert start.status_code == 302 and start["Location"].startswith(identity_provider)
    assert "code_challenge=" in start["Location"] and "nonce=" in start["Location"] and "state=" in start["Location"]
    consent = httpx.post(start["Location"], data={"sub": "ada"}, follow_redirects=False)
    callback = consent.headers["location"]
    assert callback.startswith("http://testserver/sso/callback/")
    finished = client.get(callback.removeprefix("http://testserver"))
    assert finished.status_code == 302 and "/login/" not in finished["Location"]
    assert client.session["_auth_user_id"] == str(user.pk)
    assert django_user_model.objects.filter(email__iexact="ada@acme.example").count() == 1

    replayed = client.get(callback.removeprefix("http://testserver"), follow=True)
    assert "already used or did not start here" in replayed.content.decode()


def _token(key, **claims) -> str:
    now = dt.datetime.now(dt.UTC)
    body = {"iss": "http://idp.example", "aud": "ownpath-test", "sub": "ada", "iat": now,
            "exp": now + dt.timedelta(minutes=5), "nonce": "n"}
    body.update(claims)
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": "k1"})


@pytest.mark.django_db
@pytest.mark.parametrize("case, claims, words", [
    ("wrong audience", {"aud": "another-app"}, "wrong audience"),
    ("wrong issuer", {"iss": "http://elsewhere.example"}, "another identity provider"),
    ("expired", {"exp": dt.datetime(2020, 1, 1, tzinfo=dt.UTC), "iat": dt.datetime(2020, 1, 1, tzinfo=dt.UTC)},
     "expired"),
])
def test_an_id_token_for_another_audience_issuer_or_time_is_refused(settings, case, claims, words):
    from ownpath.directory.models import AuditEvent
    from ownpath.directory.oidc import CompanyIdentityBackend, SignInRefused

    settings.OWNPATH_OIDC_ISSUER, settings.OIDC_RP_CLIENT_ID = "http://idp.example", "ownpath-test"
    settings.OIDC_OP_TOKEN_ENDPOINT = settings.OIDC_OP_USER_ENDPOINT = settings.OIDC_OP_JWKS_ENDPOINT = "http://idp.example/x"
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(SignInRefused, match=words):
        CompanyIdentityBackend()._verify_jws(_token(key, **claims), key.public_key())
    assert AuditEvent.objects.filter(action="sign_in_refused").exists()


@pytest.mark.django_db
def test_a_forged_id_token_is_refused(settings):
    from ownpath.directory.oidc import CompanyIdentityBackend, SignInRefused

    settings.OWNPATH_OIDC_ISSUER, settings.OIDC_RP_CLIENT_ID = "http://idp.example", "ownpath-test"
    settings.OIDC_OP_TOKEN_ENDPOINT = settings.OIDC_OP_USER_ENDPOINT = settings.OIDC_OP_JWKS_ENDPOINT = "http://idp.example/x"
    genuine = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    backend = CompanyIdentityBackend()
    assert backend._verify_jws(_token(genuine), genuine.public_key())["sub"] == "ada"
    with pytest.raises(SignInRefused, match="signature"):
        backend._verify_jws(_token(forger), genuine.public_key())
    unsigned = jwt.encode({"sub": "ada"}, key=None, algorithm="none")
    with pytest.raises(SignInRefused):
        backend._verify_jws(unsigned, genuine.public_key())


@pytest.mark.django_db
def test_with_local_accounts_off_passwords_and_sign_up_are_refused(settings, client, user):
    settings.OWNPATH_LOCAL_ACCOUNTS = False
    refused = client.post("/login/", {"username": "alex", "password": "correct horse battery staple"}, follow=True)
    assert "Passwords are switched off" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/signup/")["Location"].endswith("/login/")
    assert 'name="password"' not in client.get("/login/").content.decode()


def test_check_flags_half_configured_sign_in_and_a_server_nobody_can_log_in_to(settings):
    from ownpath.directory.checks import check_single_sign_on

    settings.OWNPATH_OIDC_ISSUER, settings.OWNPATH_OIDC_CLIENT_ID = "https://login.acme.example", ""
    assert [p.id for p in check_single_sign_on()] == ["ownpath.E101"]
    settings.OWNPATH_OIDC_ISSUER, settings.OWNPATH_LOCAL_ACCOUNTS = "", False
    assert [p.id for p in check_single_sign_on()] == ["ownpath.E102"]
    settings.OWNPATH_OIDC_ISSUER, settings.OWNPATH_OIDC_CLIENT_ID = "http://login.acme.example", "ownpath"
    assert [p.id for p in check_single_sign_on()] == ["ownpath.W103"]
    settings.OWNPATH_OIDC_ISSUER = "https://login.acme.example"
    assert check_single_sign_on() == []


@pytest.mark.django_db
def test_password_log_in_works_without_single_sign_on_and_while_the_provider_is_down(settings, client, user):
    settings.OWNPATH_OIDC_ISSUER = ""
    answer = client.post("/login/", {"username": "alex", "password": "correct horse battery staple"})
    assert answer.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)
    client.logout()
    from ownpath.directory.oidc import provider_configuration

    provider_configuration.cache_clear()
    settings.OWNPATH_OIDC_ISSUER, settings.OWNPATH_OIDC_CLIENT_ID = "http://127.0.0.1:9", "ownpath"  # nobody there
    answer = client.post("/login/", {"username": "alex", "password": "correct horse battery staple"})
    assert answer.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)
    refused = client.get("/sso/login/", follow=True)
    assert "does not answer right now" in refused.content.decode()
