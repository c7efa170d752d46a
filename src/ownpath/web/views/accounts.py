"""Accounts: sign up, log in (throttled), log out, change password, API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.views import LogoutView
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ownpath.accounts import services as token_services
from ownpath.errors import UserInputError
from ownpath.journal import services as journal
from ownpath.teams import services as teams
from ownpath.web import throttle
from ownpath.web.forms import SignUpForm
from ownpath.web.present import error_html
from ownpath.web.views.common import person_view


def _next_url(request) -> str:
    """Where to go after logging in: a path on this site (``?next=``), else the home page.

    Only absolute paths count: a bare word is neither a page nor something to look up as a URL name.
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                                  require_https=request.is_secure()):
        return target
    return reverse("web:home")


def _sign_in_options() -> dict:
    """What the log-in and sign-up pages offer: the company's sign-in, local accounts, or both."""
    from ownpath.directory.oidc import sso_enabled

    return {"sso": sso_enabled(), "sso_name": settings.OWNPATH_OIDC_NAME,
            "local_accounts": settings.OWNPATH_LOCAL_ACCOUNTS}


def _safe_next(request) -> str:
    """The ``next`` path to carry between log-in and sign-up (empty when it is not a path on this site)."""
    target = _next_url(request)
    return "" if target == reverse("web:home") else target


def _invitation_context(next_path: str) -> dict:
    """When ``next`` is an invitation link: who invites the person to what, for the page to say."""
    invitation = teams.invitation_from_path(next_path)
    if invitation is None:
        return {}
    return {"invitation": invitation, "invitation_summary": teams.invitation_summary(invitation)}


def signup(request):
    """Create an account and log straight in, then go where ``next`` says (an invitation link, say)."""
    next_path = _safe_next(request)
    if request.user.is_authenticated:
        return HttpResponseRedirect(next_path or reverse("web:home"))
    if not settings.OWNPATH_LOCAL_ACCOUNTS:
        messages.info(request, f"Accounts on this server come from {settings.OWNPATH_OIDC_NAME}: sign in with it.")
        return redirect(reverse("web:login") + (f"?next={next_path}" if next_path else ""))
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        # An invitation first; otherwise day one: what ownpath does, the weekly target, first entries.
        return HttpResponseRedirect(next_path or reverse("web:welcome"))
    return render(request, "web/signup.html", {"form": form, "next": next_path, **_invitation_context(next_path)},
                  status=400 if form.errors else 200)


def login_view(request):
    """Log in; after too many failures for this username from this address, refuse for a while."""
    if request.user.is_authenticated:
        return HttpResponseRedirect(_next_url(request))
    form = AuthenticationForm(request, data=request.POST or None)
    locked = False
    if request.method == "POST" and not settings.OWNPATH_LOCAL_ACCOUNTS:
        messages.error(request, f"Passwords are switched off here: sign in with {settings.OWNPATH_OIDC_NAME}.")
        return redirect("web:login")
    if request.method == "POST":
        username = request.POST.get("username", "")
        address = throttle.client_address(request)
        if throttle.is_locked_out(username, address):
            locked = True
            form = AuthenticationForm(request)
        elif form.is_valid():
            throttle.clear_failures(username, address)
            login(request, form.get_user())
            return HttpResponseRedirect(_next_url(request))
        else:
            throttle.record_failure(username, address)
    status = 429 if locked else (400 if form.errors else 200)
    next_path = _safe_next(request)
    return render(request, "web/login.html",
                  {"form": form, "locked": locked, "next": next_path, **_invitation_context(next_path),
                   **_sign_in_options()},
                  status=status)


class Logout(LogoutView):
    """Log out (POST only, with the CSRF token)."""


@person_view
def account(request):
    """Settings, password change and API tokens in one page."""
    password_form = PasswordChangeForm(request.user)
    person = journal.settings_for(request.user)
    new_key = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "password":
            password_form = PasswordChangeForm(request.user, request.POST)
            if password_form.is_valid():
                user = password_form.save()
                update_session_auth_hash(request, user)
                messages.success(request, "Your password is changed.")
                return redirect("web:account")
            status = 400
        elif action == "settings":
            try:
                person = journal.update_settings(request.user,
                                                 target_hours_per_week=float(request.POST.get("target_hours", "")))
                messages.success(request, "Settings saved.")
                return redirect("web:account")
            except ValueError:
                messages.error(request, "target-hours: must be a number of hours a week")
                status = 400
            except UserInputError as exc:
                messages.error(request, error_html(exc))
                status = 400
        elif action == "token":
            try:
                _, new_key = token_services.create_token(request.user, request.POST.get("name", ""))
            except UserInputError as exc:
                messages.error(request, error_html(exc))
                status = 400
    return render(request, "web/account.html", {
        "password_form": password_form, "person": person, "new_key": new_key,
        "own_activities": journal.activities_for(request.user).filter(owner=request.user),
        "tokens": token_services.tokens_for(request.user),
        "local": getattr(request, "ownpath_local", False),
    }, status=status)


@require_POST
@person_view
def revoke_token(request, token_id: int):
    """Delete one of the person's API tokens."""
    token_services.revoke_token(request.user, token_id)
    messages.success(request, "Token revoked.")
    return redirect("web:account")


EXPORT_TYPES = {"json": ("application/json", "ownpath-journal.json"), "csv": ("text/csv", "ownpath-journal.csv")}


@person_view
def export_journal(request):
    """Download the person's whole journal: JSON (lossless, re-importable) or CSV."""
    from django.http import HttpResponse

    file_format = request.GET.get("format", "json")
    if file_format not in EXPORT_TYPES:
        file_format = "json"
    content_type, filename = EXPORT_TYPES[file_format]
    response = HttpResponse(journal.export_journal(request.user, file_format),
                            content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@person_view
def delete_account(request):
    """Delete the account and all of the person's data, after offering the export and a typed confirmation."""
    from django.contrib.auth import logout

    error = ""
    if request.method == "POST":
        try:
            journal.delete_account(request.user, request.POST.get("username", ""))
        except UserInputError as exc:
            error = exc.message
        else:
            logout(request)
            messages.success(request, "Your account and all of your data are deleted.")
            return redirect("web:login")
    return render(request, "web/delete_account.html",
                  {"error": error, "entries": journal.episodes_for(request.user).count(),
                   "local": getattr(request, "ownpath_local", False)}, status=400 if error else 200)


@require_POST
@person_view
def add_activity(request):
    """Add one of the person's own activities (its slug made from its name)."""
    from django.utils.text import slugify

    label = request.POST.get("label", "").strip()
    try:
        if not label:
            raise UserInputError("name: give the activity a name, e.g. Grant writing")
        activity = journal.add_activity(request.user, slugify(label)[:40].replace("-", "_") or "activity", label,
                                        request.POST.get("description", "").strip())
    except UserInputError as exc:
        messages.error(request, error_html(exc))
    else:
        messages.success(request, f"Added your activity “{activity.label}”; it is in the quick log's list now.")
    return redirect(reverse("web:account") + "#activities")
