"""The start page."""

from __future__ import annotations

from django.shortcuts import redirect


def home(request):
    """Logged in: straight to the quick log; otherwise to the log-in page."""
    return redirect("web:journal" if request.user.is_authenticated else "web:login")
