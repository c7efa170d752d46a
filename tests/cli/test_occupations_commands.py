"""The occupation commands: `ownpath data onet`, `ownpath occupations search|show|fit`."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from ownpath.occupations import services

FIXTURE_RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "onet"


@pytest.fixture
def loaded(cli):
    result = cli("data", "onet", str(FIXTURE_RELEASE))
    assert result.exit_code == 0, result.output
    return result


def test_data_onet_loads_a_release_and_credits_onet(loaded):
    assert "O*NET 29.3 loaded" in loaded.output
    assert "O*NET 29.3 Database by the U.S. Department of Labor" in loaded.output


def test_data_onet_twice_says_nothing_changed(cli, loaded):
    again = cli("data", "onet", str(FIXTURE_RELEASE), "--json")
    report = json.loads(again.output)
    assert again.exit_code == 0 and report["changed"] is False
    assert all(t["created"] == t["updated"] == t["deleted"] == 0 for t in report["tables"].values())


def test_data_onet_refuses_a_folder_that_is_not_a_release(cli, tmp_path):
    result = cli("data", "onet", str(tmp_path))
    assert result.exit_code == 2
    assert "no 'Occupation Data.txt'" in result.output and "Traceback" not in result.output


def test_data_onet_refuses_a_bad_header_naming_file_and_column(cli, tmp_path):
    (tmp_path / "Occupation Data.txt").write_text("Code\tTitle\tDescription\n11-2022.00\tSales\tSell\n")
    result = cli("data", "onet", str(tmp_path))
    assert result.exit_code == 2
    assert "Occupation Data.txt: missing column 'O*NET-SOC Code'" in result.output


def test_search_ranks_occupations_for_a_free_text_title(cli, loaded):
    result = cli("occupations", "search", "regional sales director", "--json")
    report = json.loads(result.output)
    assert result.exit_code == 0 and report["matches"][0]["code"] == "11-2022.00"
    assert "O*NET" in report["credit"]
    table = cli("occupations", "search", "sr software eng")
    assert "15-1252.00" in table.output and "CC BY 4.0" in table.output


def test_search_without_occupation_data_explains_how_to_load(cli, no_bundled_data):
    result = cli("occupations", "search", "sales manager")
    assert result.exit_code == 2 and "data onet PATH" in result.output


def test_show_prints_pay_profile_and_credit(cli, loaded):
    result = cli("occupations", "show", "11-2022.00")
    assert result.exit_code == 0
    assert "Customer & client work" in result.output and "CC BY 4.0" in result.output
    assert cli("occupations", "show", "99-9999.00").exit_code == 2


def test_fit_lists_roles_by_predicted_energy_with_pay_and_drivers(cli, loaded, monkeypatch):
    effect = SimpleNamespace
    fit = SimpleNamespace(effects={"analysis": effect(estimate=1.2, sd=0.2), "managing": effect(estimate=-1.0, sd=0.3)},
                          activity_sd=0.7, mean=0.2, n_episodes=50)
    monkeypatch.setattr(services, "_energy_effects", lambda user: fit)
    monkeypatch.setenv("COLUMNS", "250")  # one table row per line, whatever the terminal
    result = cli("occupations", "fit", "--json")
    report = json.loads(result.output)
    assert result.exit_code == 0 and report["results"][0]["code"] == "13-1161.00"
    assert report["results"][0]["drivers"][0]["activity"] == "analysis"
    table = cli("occupations", "fit", "--job-zone", "4")
    assert table.exit_code == 0 and "Market Research Analysts" in table.output and "CC BY 4.0" in table.output
    assert cli("occupations", "fit", "--job-zone", "9").exit_code == 2
