"""Team pages: the Team & sharing hub, joining by invitation, the admin page, leaving, the manager's
team page, a colleague's shared profile and the people lead's page. Views only call services:
other people's data comes through ``sharing.services.read_shared`` and ``sharing.aggregates``.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ownpath.conversations import services as conversations
from ownpath.analytics.k_anonymity import TOO_FEW
from ownpath.errors import UserInputError
from ownpath.sharing import aggregates
from ownpath.sharing import services as sharing
from ownpath.sharing.figure_counts import people_sharing_for_figures
from ownpath.sharing.items import ITEMS
from ownpath.teams import services as teams
from ownpath.web.present import error_html
from ownpath.web.views.common import person_view


@person_view
def team_home(request, status: int = 200):
    """Where the person stands: their organisations and roles, and links to each page they may use."""
    person = request.user
    organisations = []
    for organisation in teams.organisations_of(person):
        organisations.append({
            "organisation": organisation,
            "admin": teams.is_admin(person, organisation),
            "people_lead": teams.people_lead_orgs(person).filter(pk=organisation.pk).exists(),
            "teams": teams.teams_of(person, organisation),
        })
    return render(request, "web/team_home.html", {
        "organisations": organisations,
        "manages": teams.managed_teams(person).exists(),
        "shared_with_me": sharing.people_sharing_with(person),
        "unseen_changes": sharing.relation_changes_of(person, unseen_only=True),
    }, status=status)


@require_POST
@person_view
def organisation_create(request):
    """Create an organisation (its creator becomes its admin)."""
    try:
        organisation = teams.create_organisation(request.user, request.POST.get("name", ""))
    except UserInputError as exc:
        messages.error(request, error_html(exc))
        return team_home(request, status=400)
    messages.success(request, f"{organisation.name} is created; you are its admin.")
    return redirect("web:organisation_admin", organisation.pk)


def _joined(invitation) -> str:
    """The welcome after joining: where the person now is, and that nothing is shared."""
    where = (f"{invitation.team.name} in {invitation.organisation.name}" if invitation.team
             else invitation.organisation.name)
    return f"You joined {where} as {invitation.get_role_display()}. Nothing of yours is shared."


@require_POST
@person_view
def join_with_token(request):
    """Join with a pasted invitation link or token."""
    token = request.POST.get("token", "").strip().rstrip("/").rsplit("/", 1)[-1]
    try:
        invitation = teams.accept_invitation(request.user, token)
    except UserInputError as exc:
        messages.error(request, error_html(exc))
        return team_home(request, status=400)
    messages.success(request, _joined(invitation))
    return redirect("web:team_home")


@person_view
def join_page(request, token: str):
    """An invitation: what joining means, and the button to join (joining shares nothing)."""
    invitation = teams.invitation_for_token(token)
    if request.method == "POST":
        teams.accept_invitation(request.user, token)
        messages.success(request, _joined(invitation))
        return redirect("web:team_home")
    return render(request, "web/join.html", {"invitation": invitation})


@require_POST
@person_view
def organisation_leave(request, organisation_id: int):
    """Leave an organisation: relations and shares end; the journal stays the person's."""
    organisation = teams.get_organisation(request.user, organisation_id)
    try:
        teams.leave_organisation(request.user, organisation)
    except UserInputError as exc:
        messages.error(request, error_html(exc))
        return redirect("web:team_home")
    messages.success(request, f"You left {organisation.name}. Every share you made has ended.")
    return redirect("web:team_home")


# --- administration ---------------------------------------------------------------------------------

def _tree_rows(organisation) -> list[dict]:
    children = teams.team_tree(organisation)
    rows, stack = [], [(team, 0) for team in reversed(children.get(None, []))]
    while stack:
        team, depth = stack.pop()
        rows.append({"team": team, "depth": depth, "indent": range(depth)})
        stack.extend((child, depth + 1) for child in reversed(children.get(team.pk, [])))
    return rows


@person_view
def organisation_admin(request, organisation_id: int, status: int = 200, new_link: dict | None = None):
    """Administer an organisation: teams tree, invitations, members and roles (no journal is readable here)."""
    organisation = teams.administered_organisation(request.user, organisation_id)
    return render(request, "web/organisation_admin.html", {
        "organisation": organisation,
        "tree": _tree_rows(organisation),
        "members": teams.members_of(request.user, organisation),
        "invitations": [{"invitation": i, "url": teams.invitation_url(i, request.build_absolute_uri("/"))}
                        for i in teams.pending_invitations(request.user, organisation)],
        "new_link": new_link,
    }, status=status)


def _admin_action(request, organisation_id: int, action, success: str):
    try:
        action()
    except UserInputError as exc:  # the admin check passed before: what is left is the form's input
        messages.error(request, error_html(exc))
        return organisation_admin(request, organisation_id, status=400)
    messages.success(request, success)
    return redirect("web:organisation_admin", organisation_id)


@require_POST
@person_view
def team_create(request, organisation_id: int):
    """Create a team (or a sub-team of the chosen parent)."""
    organisation = teams.administered_organisation(request.user, organisation_id)
    name = request.POST.get("name", "")

    def action():
        parent_id = request.POST.get("parent", "")
        parent = teams.find_team(request.user, organisation, parent_id) if parent_id else None
        teams.create_team(request.user, organisation, name, parent=parent)

    return _admin_action(request, organisation_id, action, f"Team {name.strip()} created.")


@require_POST
@person_view
def invitation_create(request, organisation_id: int):
    """Invite by e-mail (sent now) or create a link to hand over."""
    organisation = teams.administered_organisation(request.user, organisation_id)
    try:
        team_id = request.POST.get("team", "")
        team = teams.find_team(request.user, organisation, team_id) if team_id else None
        invitation = teams.invite(request.user, organisation, team=team, role=request.POST.get("role", "member"),
                                  email=request.POST.get("email", ""), label=request.POST.get("label", ""),
                                  note=request.POST.get("note", ""))
        if invitation.email:
            teams.send_invitation(invitation, request.build_absolute_uri("/"))
    except UserInputError as exc:
        messages.error(request, error_html(exc))
        return organisation_admin(request, organisation_id, status=400)
    if invitation.email:
        messages.success(request, f"Invitation sent to {invitation.email}.")
        return redirect("web:organisation_admin", organisation_id)
    return organisation_admin(request, organisation_id, new_link={
        "url": teams.invitation_url(invitation, request.build_absolute_uri("/")), "invitation": invitation})


@require_POST
@person_view
def invitation_revoke(request, organisation_id: int, invitation_id: int):
    """Make an unused invitation unusable."""
    teams.administered_organisation(request.user, organisation_id)
    teams.revoke_invitation(request.user, invitation_id)
    messages.success(request, "Invitation revoked.")
    return redirect("web:organisation_admin", organisation_id)


@require_POST
@person_view
def member_role(request, organisation_id: int):
    """Put a member into a team as member or manager, take them out, or grant / take away an organisation role."""
    organisation = teams.administered_organisation(request.user, organisation_id)
    post = request.POST

    def action():
        member = teams.person_in(request.user, organisation, post.get("person", ""))
        change = post.get("change", "")
        if change in ("member", "manager", "remove"):
            team = teams.find_team(request.user, organisation, post.get("team", ""))
            if change == "remove":
                teams.remove_membership(request.user, team, member)
            else:
                teams.set_membership(request.user, team, member, change)
        elif change == "leave_organisation":
            teams.remove_from_organisation(request.user, organisation, member)
        elif change in ("people_lead", "admin", "-people_lead", "-admin"):
            teams.set_organisation_role(request.user, organisation, member, change.lstrip("-"),
                                        granted=not change.startswith("-"))
        else:
            raise UserInputError(f"change: '{change}' is not a change this page makes")

    return _admin_action(request, organisation_id, action, "Roles updated.")


# --- reading what others shared --------------------------------------------------------------------

@person_view
def manager_page(request):
    """The manager's team page: each report's shared profile, open agreements, and team figures (k ≥ 5)."""
    viewer = request.user
    managed = []
    for team in teams.managed_teams(viewer).select_related("organisation"):
        people = list(teams.reports_in_team(viewer, team))
        shared = sharing.shared_profiles(viewer, people)
        agreements = conversations.open_agreements_by_person(viewer, people)
        coming = conversations.next_conversations(viewer, people)
        reports = [{"person": person, "shared": shared.get(person.pk, []), "agreements": agreements[person.pk],
                    "next": coming.get(person.pk),
                    "shares_track_fit": any(s["item"] == "track_fit" for s in shared.get(person.pk, []))}
                   for person in people]
        figures = aggregates.team_figures(viewer, team)
        sharing_now = people_sharing_for_figures(viewer, team, aggregates.AGGREGATE_ITEMS)
        # Every figure withheld for the same plain reason: say it once, with how many share now.
        all_too_few = all(entry["withheld"] == TOO_FEW for entry in figures.values())
        managed.append({"team": team, "reports": reports, "figures": figures, "sharing_now": sharing_now,
                        "too_few_sharing": max(sharing_now.values(), default=0) if all_too_few else None})
    from django.utils import timezone

    return render(request, "web/team_manage.html", {"managed": managed, "items": ITEMS, "too_few_reason": TOO_FEW,
                                                    "today": timezone.localdate().isoformat()})


@person_view
def person_profile(request, person_id: int):
    """What one colleague shares with the viewer (404 when they share nothing with them)."""
    if person_id == request.user.pk:
        return redirect("web:sharing")  # one's own shares are managed there
    owner = teams.colleague(request.user, person_id)
    shared = sharing.shared_profile(request.user, owner)
    if not shared:
        from django.http import Http404

        raise Http404("nothing shared with you")
    return render(request, "web/person_profile.html", {"owner": owner, "shared": shared})


@person_view
def people_lead_page(request, organisation_id: int):
    """Organisation-wide figures, then the teams one level down the tree (``?team=ID`` opens a team's sub-teams)."""
    organisation = teams.get_organisation(request.user, organisation_id)
    tree = teams.team_tree(organisation)
    opened = request.GET.get("team", "")
    parent = next((t for level in tree.values() for t in level if str(t.pk) == opened), None)
    children = {t.pk for t in tree.get(parent.pk if parent else None, [])}
    figures = aggregates.organisation_figures(request.user, organisation, team_ids=children)
    shown = [dict(t, children=len(tree.get(t["team_id"], [])),
                  items={item: dict(entry, short=aggregates.WITHHELD_SHORT.get(entry["withheld"], ""))
                         for item, entry in t["items"].items()}) for t in figures["teams"]]
    reasons = {entry["withheld"] for t in shown for entry in t["items"].values() if entry["withheld"]}
    legend = [(short, reason) for reason, short in aggregates.WITHHELD_SHORT.items() if reason in reasons]
    return render(request, "web/people_lead.html", {"organisation": organisation, "figures": figures,
                                                    "parent": parent, "shown_teams": shown,
                                                    "withheld_short": legend})
