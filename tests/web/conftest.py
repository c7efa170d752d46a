"""Fixtures for the web pages: logged-in browsers (Django test clients) for each person."""

from __future__ import annotations

import pytest
from django.test import Client

ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.fixture(autouse=True)
def _fast_password_hashing(request, settings):
    """Argon2 is slow on purpose; the web tests hash with a fast hasher unless they check Argon2."""
    from django.core.cache import cache

    cache.clear()  # cached insights and log-in throttles never carry over between tests
    if "argon2" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", ARGON2]


@pytest.fixture
def owner_client(user) -> Client:
    """A browser logged in as `user`, with CSRF checks on as in production."""
    client = Client(enforce_csrf_checks=False)
    client.force_login(user)
    return client


@pytest.fixture
def other_client(other_user) -> Client:
    """A browser logged in as somebody else."""
    client = Client()
    client.force_login(other_user)
    return client
