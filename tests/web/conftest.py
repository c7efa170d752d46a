"""Fixtures for the web pages: logged-in browsers (Django test clients) for each person."""

from __future__ import annotations

import pytest
from django.test import Client

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
