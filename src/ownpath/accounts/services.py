"""Use cases of API tokens: create, list, revoke and authenticate; scoped to the acting user."""

from __future__ import annotations

import hashlib
import secrets

from django.db.models import QuerySet
from django.utils import timezone

from ownpath.accounts.models import ApiToken
from ownpath.errors import NotFound, UserInputError

TOKEN_PREFIX = "op_"


def hash_key(key: str) -> str:
    """The stored form of a bearer token: its SHA-256 (the key itself is shown once, never kept)."""
    return hashlib.sha256(key.encode()).hexdigest()


def new_key(prefix: str) -> str:
    """An unguessable bearer token (256 random bits) with a prefix that says what it is for in logs."""
    return prefix + secrets.token_urlsafe(32)


def create_token(user, name: str) -> tuple[ApiToken, str]:
    """Create a token for the person; returns it with the secret, which is never shown again."""
    name = (name or "").strip()
    if not name or len(name) > 80:
        raise UserInputError("name: must be 1–80 characters")
    key = new_key(TOKEN_PREFIX)
    token = ApiToken.objects.create(user=user, name=name, prefix=key[:10], key_hash=hash_key(key))
    return token, key


def tokens_for(user) -> QuerySet[ApiToken]:
    """The person's tokens, newest first."""
    return ApiToken.objects.filter(user=user)


def revoke_token(user, token_id: int) -> None:
    """Delete one of the person's tokens; someone else's looks missing."""
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise NotFound(f"token {token_id} not found")


def user_for_token(key: str):
    """The active user a token belongs to, or None for an unknown token."""
    if not key or not key.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    # Record use at most once a minute, so reading the API does not write on every request.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
