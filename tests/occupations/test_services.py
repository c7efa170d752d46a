"""Loading an O*NET release into the database, searching it, prefilling options, and fit."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from ownpath.errors import NotFound, UserInputError
from ownpath.occupations import reference_data, services
from ownpath.occupations.models import (
    OnetRelease, Occupation, OccupationActivity, OccupationInterest, OccupationTitle, OccupationValue,
)

pytestmark = pytest.mark.django_db



@dataclass
class Effect:
    estimate: float
    sd: float


def fake_fit(**estimates):
    """An energy-model fit with the given activity estimates (sd 0.2), prior sd 0.8."""
    return SimpleNamespace(effects={slug: Effect(value, 0.2) for slug, value in estimates.items()},
                           activity_sd=0.8, mean=0.0, n_episodes=60)


@pytest.fixture
def loaded(fixture_release):
    return services.load_onet_release([fixture_release])


def _snapshot():
    return {model.__name__: sorted(model.objects.values_list(*fields))
            for model, fields in ((Occupation, ("id", "code", "title", "job_zone", "pay_annual_median")),
                                  (OccupationTitle, ("id", "occupation_id", "kind", "title")),
                                  (OccupationValue, ("id", "element_id", "value")),
                                  (OccupationInterest, ("id", "element_id", "value")),
                                  (OccupationActivity, ("id", "activity", "share")))}


def test_loading_a_release_fills_occupations_titles_values_interests_and_profiles(loaded):
    assert loaded.version == "29.3" and loaded.changed
    sales = Occupation.objects.get(code="11-2022.00")
    assert (sales.title, sales.job_zone, sales.profile_basis) == ("Sales Managers", 4, "tasks")
    kinds = set(sales.titles.values_list("kind", flat=True))
    assert kinds == {"official", "alternate", "short", "reported"}
    assert sales.work_values.count() == 6 and sales.interests.count() == 6
    assert dict(sales.activities.values_list("activity", "share")) == pytest.approx(
        {"selling": 0.2, "managing": 0.2, "customers": 0.4, "monitoring": 0.2})
    assert Occupation.objects.get(code="11-9199.00").profile_basis == "related"
    assert OnetRelease.objects.get().title_index


def test_loading_the_same_release_twice_changes_nothing(fixture_release, loaded):
    before = _snapshot()
    stamp = OnetRelease.objects.get().loaded_at
    again = services.load_onet_release([fixture_release])
    assert not again.changed
    assert all(t.created == t.updated == t.deleted == 0 for t in again.tables.values())
    assert _snapshot() == before and OnetRelease.objects.get().loaded_at == stamp


def test_a_new_release_updates_changed_rows_and_removes_vanished_ones(tmp_path, fixture_release, loaded):
    release = tmp_path / "release"
    shutil.copytree(fixture_release, release)
    occupation_data = release / "Occupation Data.txt"
    lines = occupation_data.read_text().splitlines()
    lines = [line.replace("Software Developers\t", "Software Developers and Engineers\t")
             for line in lines if not line.startswith("27-2042.00")]
    occupation_data.write_text("\n".join(lines) + "\n")
    summary = services.load_onet_release([release])
    assert summary.tables["occupations"].updated == 1 and summary.tables["occupations"].deleted == 1
    assert Occupation.objects.get(code="15-1252.00").title == "Software Developers and Engineers"
    assert not Occupation.objects.filter(code="27-2042.00").exists()
    assert not OccupationTitle.objects.filter(title="Pianist").exists()
    assert "27-2042.00" not in services._title_index().codes  # the saved index was rebuilt
    assert services.search_occupations("software developers and engineers")[0]["code"] == "15-1252.00"


def test_a_file_with_a_wrong_header_is_refused_naming_file_and_column_and_nothing_is_saved(tmp_path, fixture_release):
    release = tmp_path / "release"
    shutil.copytree(fixture_release, release)
    interests = release / "Interests.txt"
    text = interests.read_text()
    interests.write_text(text.replace("Data Value", "Value", 1))
    with pytest.raises(UserInputError, match=r"Interests\.txt: missing column 'Data Value'"):
        services.load_onet_release([release])
    assert not Occupation.objects.exists() and not OnetRelease.objects.exists()


def test_pay_is_the_bls_national_median_and_quartiles_without_the_wages_package(loaded):
    sales = Occupation.objects.get(code="11-2022.00")
    assert (sales.pay_annual_median, sales.pay_annual_p25, sales.pay_annual_p75) == (148270, 100360, 207340)
    assert Occupation.objects.get(code="13-1161.00").pay_annual_median == 78760
    musicians = Occupation.objects.get(code="27-2042.00")
    assert musicians.pay_annual_median is None and musicians.pay_hourly_median == 47.8 and musicians.pay_note


def test_without_the_bundled_data_pay_stays_empty_and_says_why(monkeypatch, fixture_release):
    def damaged():
        raise reference_data.ReferenceDataError("the bundled occupation data is damaged; reinstall ownpath")

    monkeypatch.setattr(reference_data, "read_bundled", damaged)
    summary = services.load_onet_release([fixture_release])
    assert "reinstall ownpath" in summary.pay_note
    sales = Occupation.objects.get(code="11-2022.00")
    assert sales.pay_annual_median is None and "reinstall ownpath" in sales.pay_note


def test_search_matches_abbreviated_titles_and_reports_pay_and_zone(loaded):
    best = services.search_occupations("vp sales", limit=3)[0]
    assert best["code"] == "11-2022.00" and best["job_zone"] == 4
    assert services.search_occupations("softwre enginer")[0]["code"] == "15-1252.00"


def test_a_search_index_saved_by_another_version_is_rebuilt_and_saved(loaded):
    OnetRelease.objects.update(title_index=b"saved by an older ownpath")
    services._index_cache.clear()
    assert services.search_occupations("vp sales")[0]["code"] == "11-2022.00"
    assert bytes(OnetRelease.objects.get().title_index).startswith(b"PK")  # a NumPy .npz again


def test_search_without_any_occupation_data_says_how_to_load_it(no_bundled_data):
    with pytest.raises(UserInputError, match="data onet PATH"):
        services.search_occupations("sales manager")


def test_search_refuses_an_empty_title(loaded):
    with pytest.raises(UserInputError, match="give a job title"):
        services.search_occupations("   ")


def test_occupation_detail_accepts_a_six_digit_soc_code(loaded):
    detail = services.occupation_detail("11-2022")
    assert detail["code"] == "11-2022.00" and detail["activities"][0]["activity"] == "customers"
    assert "O*NET 29.3 Database by the U.S. Department of Labor" in detail["credit"]
    with pytest.raises(NotFound):
        services.occupation_detail("99-9999.00")


def test_option_prefill_splits_the_week_by_the_profile_and_carries_pay(loaded):
    prefill = services.occupation_option_prefill("11-2022.00", hours=40)
    assert prefill["mix"] == {"customers": 16.0, "selling": 8.0, "managing": 8.0, "monitoring": 8.0}
    assert prefill["hours"] == 40 and "pay" in prefill and "pay_p25" in prefill and "pay_p75" in prefill
    assert services.occupation_option_prefill(title="sales mgr")["code"] == "11-2022.00"
    with pytest.raises(UserInputError, match="either an occupation code or a job title"):
        services.occupation_option_prefill()


def test_option_prefill_refuses_an_occupation_without_task_data(fixture_release):
    services.load_onet_release([fixture_release])
    Occupation.objects.filter(code="13-1161.00").update(profile_basis="none")
    OccupationActivity.objects.filter(occupation__code="13-1161.00").delete()
    with pytest.raises(UserInputError, match="O.NET publishes no tasks for this occupation"):
        services.occupation_option_prefill("13-1161.00")


def test_fit_ranks_occupations_by_predicted_energy_with_intervals_and_drivers(user, loaded):
    report = services.occupation_fit(user, effects=fake_fit(analysis=1.5, writing=1.0, managing=-1.5, selling=-1.0))
    codes = [r["code"] for r in report["results"]]
    assert codes[0] == "13-1161.00" and codes.index("13-1161.00") < codes.index("11-2022.00")
    best = report["results"][0]
    assert best["low"] < best["energy"] < best["high"]
    assert {d["activity"] for d in best["drivers"]} == {"analysis", "writing"}
    assert "O*NET" in report["credit"]


def test_fit_uses_the_energy_model_of_the_persons_own_journal(user, other_user, loaded, episode_factory):
    for day in range(1, 15):
        date = dt.date(2026, 10, day)
        episode_factory(date=date, activity="analysis", hours=3, energy=2)
        episode_factory(date=date, activity="managing", hours=2, energy=-2)
        episode_factory(owner=other_user, date=date, activity="managing", hours=2, energy=2)
    report = services.occupation_fit(user)
    assert report["n_episodes"] == 28
    assert report["results"][0]["code"] == "13-1161.00"  # analysis-heavy, little managing
    energies = [r["energy"] for r in report["results"]]
    assert energies == sorted(energies, reverse=True)
    sales = next(r for r in report["results"] if r["code"] == "11-2022.00")
    assert sales["low"] < sales["energy"] < sales["high"]


def test_fit_without_journal_entries_says_what_is_missing(user, loaded):
    with pytest.raises(UserInputError, match="no journal entries yet"):
        services.occupation_fit(user)


def test_fit_leaves_out_occupations_below_the_minimum_pay_or_without_published_pay(user, loaded):
    report = services.occupation_fit(user, min_pay=100_000, effects=fake_fit(analysis=1.0))
    paid = {r["code"] for r in report["results"]}
    assert {"11-2022.00", "15-1252.00"} <= paid and "13-1161.00" not in paid
    assert all(r["pay"]["annual_median"] >= 100_000 for r in report["results"])
    assert report["left_out_without_pay"] >= 1  # musicians: hourly pay only


def test_fit_defaults_the_minimum_pay_to_the_persons_pay_baseline(user, loaded):
    from ownpath.options.services import set_values

    assert services.occupation_fit(user, effects=fake_fit(analysis=1.0))["min_pay"] is None
    set_values(user, baseline=100_000)
    report = services.occupation_fit(user, effects=fake_fit(analysis=1.0))
    assert (report["min_pay"], report["min_pay_source"]) == (100_000, "your pay baseline")
    assert services.occupation_fit(user, min_pay=0, effects=fake_fit(analysis=1.0))["min_pay"] == 0


def test_fit_keeps_only_the_requested_job_zone_and_refuses_a_bad_one(user, loaded):
    report = services.occupation_fit(user, job_zone=3, effects=fake_fit(building=1.0))
    assert [r["code"] for r in report["results"]] == ["27-2042.00"]
    with pytest.raises(UserInputError, match="job zone must be 1–5"):
        services.occupation_fit(user, job_zone=7, effects=fake_fit())
