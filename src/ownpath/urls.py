"""URL configuration: each area contributes its own routes."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
