"""Sign in with the company's identity provider (OpenID Connect, authorization code flow with PKCE).

mozilla-django-oidc runs the flow (state, nonce, PKCE, the token exchange, the JWKS); this module
adds what a company needs on top: endpoints discovered from the issuer URL, the ID token's issuer,
audience and expiry checked, only e-mail addresses the provider has verified and whose domain is
allowed, and linking to an existing account by that verified e-mail. Every refusal is shown to
the person in plain words and logged.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import redirect
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

log = logging.getLogger("ownpath.sso")

# mozilla-django-oidc's endpoint settings, and the discovery document's names for them.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


class SignInRefused(Exception):
    """A sign-in the company's identity provider vouched for, but that ownpath does not accept (says why)."""


def sso_enabled() -> bool:
    """True when an identity provider is configured (``OWNPATH_OIDC_ISSUER`` and a client id)."""
    return bool(settings.OWNPATH_OIDC_ISSUER and settings.OWNPATH_OIDC_CLIENT_ID)


@lru_cache(maxsize=4)
def provider_configuration(issuer: str) -> dict:
    """The provider's discovery document (``/.well-known/openid-configuration``), fetched once per process."""
    response = requests.get(issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=10)
    response.raise_for_status()
    document = response.json()
    if document.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
        raise SignInRefused(f"the identity provider at {issuer} names itself {document.get('issuer')!r}")
    return document


def oidc_setting(attr: str, *default):
    """mozilla-django-oidc's settings, with the provider's endpoints taken from its discovery document.

    Without single sign-on, or while the provider does not answer, an endpoint is "" (password
    log-in must keep working either way; the sign-in pages say the provider is unavailable).
    """
    if attr in DISCOVERED and not getattr(settings, attr, None):
        if not sso_enabled():
            return ""
        try:
            return provider_configuration(settings.OWNPATH_OIDC_ISSUER)[DISCOVERED[attr]]
        except (requests.RequestException, ValueError, KeyError, SignInRefused) as exc:
            log.warning("identity provider unavailable: %s", exc)
            return ""
    if default:
        return getattr(settings, attr, default[0])
    return getattr(settings, attr)


def _refuse(reason: str, claims: dict | None = None) -> SignInRefused:
    log.warning("sign-in refused: %s (subject %s)", reason, (claims or {}).get("sub", "?"))
    from ownpath.directory.services import record_event

    record_event(None, None, "sign_in_refused", f"sign-in refused: {reason}", actor_label="identity provider")
    return SignInRefused(reason)


def email_domain_allowed(email: str) -> bool:
    """True when the address is in one of ``OWNPATH_OIDC_ALLOWED_DOMAINS`` (or no domains are set)."""
    allowed = settings.OWNPATH_OIDC_ALLOWED_DOMAINS
    return not allowed or email.rsplit("@", 1)[-1].lower() in allowed


class CompanyIdentityBackend(OIDCAuthenticationBackend):
    """Accounts from the company's identity provider, linked by verified e-mail address."""

    get_settings = staticmethod(oidc_setting)

    def authenticate(self, request, **kwargs):
        """Only the company's sign-in callback is answered here; a password log-in is the model backend's."""
        if not sso_enabled() or request is None or "code" not in getattr(request, "GET", {}):
            return None
        return super().authenticate(request, **kwargs)

    def _verify_jws(self, payload, key):
        """The ID token's signature, issuer, audience (our client id), expiry and issue time, all checked."""
        try:
            header = jwt.get_unverified_header(payload)
        except jwt.PyJWTError:
            raise _refuse("the identity provider's token is not a signed token") from None
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise _refuse(f"the token is signed with {header.get('alg')!r}, not {self.OIDC_RP_SIGN_ALGO}")
        try:
            return jwt.decode(payload, key, algorithms=[self.OIDC_RP_SIGN_ALGO], audience=self.OIDC_RP_CLIENT_ID,
                              issuer=settings.OWNPATH_OIDC_ISSUER, leeway=60,
                              options={"require": ["exp", "iat", "iss", "aud", "sub"]})
        except jwt.InvalidAudienceError:
            raise _refuse("the token was issued for another application (wrong audience)") from None
        except jwt.InvalidIssuerError:
            raise _refuse("the token was issued by another identity provider") from None
        except jwt.ExpiredSignatureError:
            raise _refuse("the token has expired; sign in again") from None
        except jwt.PyJWTError as exc:
            raise _refuse(f"the token's signature or contents do not check out ({exc})") from None

    def retrieve_matching_jwk(self, token):
        """The provider's signing key for this token: by its key id when both name one, else by algorithm."""
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise _refuse("the identity provider's token is not a signed token") from None
        keys = [k for k in response.json().get("keys", []) if k.get("use", "sig") == "sig"
                and k.get("alg", header.get("alg")) == header.get("alg")]
        if header.get("kid"):
            keys = [k for k in keys if k.get("kid") in (None, header["kid"])]
        if not keys:
            raise _refuse("the identity provider publishes no key that signed this token")
        return jwt.PyJWK(keys[0])

    def verify_claims(self, claims) -> bool:
        """Only an e-mail address the provider has verified, in an allowed domain, signs anyone in."""
        email = (claims.get("email") or "").strip()
        if not email:
            raise _refuse("the identity provider sent no e-mail address", claims)
        if claims.get("email_verified") is not True:
            raise _refuse(f"the identity provider has not verified {email}", claims)
        if not email_domain_allowed(email):
            raise _refuse(f"{email.rsplit('@', 1)[-1]} is not one of this server's allowed e-mail domains", claims)
        return True

    def filter_users_by_claims(self, claims):
        """The account with the verified e-mail address, whatever its case."""
        return get_user_model().objects.filter(email__iexact=claims["email"].strip())

    def create_user(self, claims):
        """A first sign-in makes an account (no password) unless accounts come only from the directory."""
        if not settings.OWNPATH_OIDC_CREATE_ACCOUNTS:
            raise _refuse(f"there is no account for {claims['email']} yet; ask your admin to add you", claims)
        from ownpath.directory.services import account_for

        name = claims.get("name") or " ".join(p for p in (claims.get("given_name"), claims.get("family_name")) if p)
        person, _ = account_for(claims["email"], claims.get("preferred_username") or claims["email"], name)
        return person

    def get_or_create_user(self, access_token, id_token, payload):
        """As mozilla-django-oidc, but two accounts with one address is a refusal in words, not silence."""
        try:
            return super().get_or_create_user(access_token, id_token, payload)
        except SuspiciousOperation as exc:
            raise _refuse(f"{exc}") from None


class CompanySignIn(OIDCAuthenticationRequestView):
    """Send the person to the identity provider (state, nonce and PKCE kept in their session)."""

    get_settings = staticmethod(oidc_setting)

    def get(self, request):
        """Redirect to the provider, or back to log-in with why when it cannot be reached."""
        if not sso_enabled():
            messages.error(request, "Signing in with a company account is not set up on this server.")
            return redirect("web:login")
        if not self.OIDC_OP_AUTH_ENDPOINT:
            messages.error(request, "The company's sign-in service does not answer right now; try again shortly.")
            return redirect("web:login")
        return super().get(request)


class CompanySignInCallback(OIDCAuthenticationCallbackView):
    """The provider's answer: signed in, or back at log-in with the reason."""

    get_settings = staticmethod(oidc_setting)

    def get(self, request):
        """Finish the sign-in; a replayed or forged answer is refused in words and logged."""
        try:
            return super().get(request)
        except SignInRefused as exc:
            reason = str(exc)
        except SuspiciousOperation as exc:
            reason = "this sign-in was already used or did not start here; sign in again"
            _refuse(f"{reason} ({exc})")
        except requests.RequestException as exc:
            reason = "the company's sign-in service did not answer; try again shortly"
            log.warning("identity provider unavailable: %s", exc)
        messages.error(request, f"Sign-in refused: {reason}.")
        return redirect("web:login")

    def login_failure(self):
        """The provider said no (or the person declined): back to log-in, saying so."""
        if self.request.GET.get("error"):
            messages.error(self.request, "Sign-in cancelled at the company's sign-in service.")
        return super().login_failure()
