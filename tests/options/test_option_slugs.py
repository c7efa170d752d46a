"""Options are reached by a slug, their stable key in URLs, whatever characters their names hold."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from ownpath.accounts.services import create_token
from ownpath.options.models import unique_option_slug
from ownpath.options.services import add_option, edit_option, find_option

MIX = "research=20,writing=10"


def test_a_slug_is_made_from_any_name_and_never_repeats():
    assert unique_option_slug("Research / analysis lead", set()) == "research-analysis-lead"
    assert unique_option_slug("Lead?#%", {"lead"}) == "lead-2"
    assert unique_option_slug("///", set()) == "option"
    assert unique_option_slug("Forscherin Zürich", set()) == "forscherin-zürich"


@pytest.mark.django_db
def test_an_option_named_with_a_slash_is_reached_by_its_slug_in_the_api_and_the_pages(user):
    option = add_option(user, "Research / analysis lead", mix=MIX)
    _, key = create_token(user, "tests")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    listed = api.get("/api/options").json()
    assert listed[0]["slug"] == "research-analysis-lead" and listed[0]["id"] == option.id
    assert api.get("/api/options/research-analysis-lead").json()["name"] == "Research / analysis lead"
    assert api.get(f"/api/options/{option.id}").json()["name"] == "Research / analysis lead"
    assert api.patch("/api/options/research-analysis-lead", {"pay": 90000},
                     content_type="application/json").json()["pay"] == 90000
    browser = Client()
    browser.force_login(user)
    assert b"/options/research-analysis-lead/edit/" in browser.get("/options/").content
    assert browser.get("/options/research-analysis-lead/edit/").status_code == 200
    assert api.delete("/api/options/research-analysis-lead").status_code == 204


@pytest.mark.django_db
def test_the_slug_stays_when_the_option_is_renamed(user):
    add_option(user, "Analyst", mix=MIX)
    edit_option(user, "Analyst", new_name="Senior analyst")
    assert find_option(user, "analyst").name == "Senior analyst"
    assert add_option(user, "Analyst", mix=MIX).slug == "analyst-2"


@pytest.mark.django_db
def test_somebody_elses_slug_is_not_found(user, other_user):
    add_option(other_user, "Theirs", mix=MIX)
    _, key = create_token(user, "tests")
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/options/theirs").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_options_unique_slugs_and_keeps_them(django_user_model):
    executor = MigrationExecutor(connection)
    executor.migrate([("options", "0001_initial")])
    old_apps = executor.loader.project_state([("options", "0001_initial")]).apps
    person = old_apps.get_model("auth", "User").objects.create(username="kim")
    Option = old_apps.get_model("options", "Option")
    for name in ("Lead / research", "Lead: research", "Analyst"):
        Option.objects.create(user_id=person.id, name=name, ratings={}, set_by="me")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    from ownpath.options.models import Option as CurrentOption

    assert sorted(CurrentOption.objects.values_list("name", "slug")) == [
        ("Analyst", "analyst"), ("Lead / research", "lead-research"), ("Lead: research", "lead-research-2")]
