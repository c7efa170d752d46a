"""The O*NET text release readers and the activity profile derived from Tasks -> DWAs -> GWAs."""

from __future__ import annotations

import shutil

import pytest

from ownpath.occupations import onet_files
from ownpath.occupations.onet_files import OnetFileError
from ownpath.taxonomy import BUILTIN_SLUGS, activity_for_gwa


def _profiles(folder):
    return onet_files.activity_profiles(
        onet_files.read_tasks_to_dwas(folder / "Tasks to DWAs.txt"),
        onet_files.read_dwa_reference(folder / "DWA Reference.txt"),
        onet_files.read_tasks(folder / "Task Statements.txt"),
        [o.code for o in onet_files.read_occupations(folder / "Occupation Data.txt")],
    )


def test_reads_occupations_titles_values_interests_and_job_zones(fixture_release):
    occupations = onet_files.read_occupations(fixture_release / "Occupation Data.txt")
    assert ("11-2022.00", "Sales Managers") in [(o.code, o.title) for o in occupations]
    alternates = onet_files.read_alternate_titles(fixture_release / "Alternate Titles.txt")
    assert ("11-2022.00", "VP of Sales", "short") in [(t.code, t.title, t.kind) for t in alternates]
    reported = onet_files.read_reported_titles(fixture_release / "Sample of Reported Titles.txt")
    assert {t.kind for t in reported} == {"reported"}
    values = onet_files.read_work_values(fixture_release / "Work Values.txt")
    assert values and all(v.element_id < "1.B.2.g" for v in values)  # high-points (VH) skipped
    interests = onet_files.read_interests(fixture_release / "Interests.txt")
    assert len([i for i in interests if i.code == "11-2022.00"]) == 6  # RIASEC, OI only
    assert onet_files.read_job_zones(fixture_release / "Job Zones.txt")["11-2022.00"] == 4
    assert onet_files.read_release_version(fixture_release) == "29.3"


def test_refuses_file_missing_a_column_naming_file_and_column(tmp_path, fixture_release):
    bad = tmp_path / "Job Zones.txt"
    bad.write_text("O*NET-SOC Code\tTitle\tZone\n11-2022.00\tSales Managers\t4\n")
    with pytest.raises(OnetFileError, match=r"Job Zones\.txt: missing column 'Job Zone'"):
        onet_files.read_job_zones(bad)


def test_refuses_file_with_an_unexpected_column_naming_it(tmp_path):
    bad = tmp_path / "Occupation Data.txt"
    bad.write_text("O*NET-SOC Code\tTitle\tDescription\tSalary\n11-2022.00\tSales\tSell\t1\n")
    with pytest.raises(OnetFileError, match=r"Occupation Data\.txt: unexpected column 'Salary'"):
        onet_files.read_occupations(bad)


def test_refuses_a_comma_separated_file(tmp_path):
    bad = tmp_path / "Occupation Data.txt"
    bad.write_text("O*NET-SOC Code,Title,Description\n11-2022.00,Sales Managers,Sell\n")
    with pytest.raises(OnetFileError, match=r"Occupation Data\.txt: missing column 'O\*NET-SOC Code'"):
        onet_files.read_occupations(bad)


def test_refuses_a_row_with_the_wrong_number_of_fields_with_its_line(tmp_path):
    bad = tmp_path / "Job Zones.txt"
    bad.write_text("O*NET-SOC Code\tTitle\tJob Zone\tDate\tDomain Source\n"
                   "11-2022.00\tSales Managers\t4\t08/2023\tAnalyst\n"
                   "13-1161.00\tMarket Research\t4\n")
    with pytest.raises(OnetFileError, match=r"Job Zones\.txt, line 3: 3 fields"):
        onet_files.read_job_zones(bad)


def test_refuses_a_malformed_occupation_code_and_job_zone(tmp_path):
    bad = tmp_path / "Job Zones.txt"
    bad.write_text("O*NET-SOC Code\tTitle\tJob Zone\n11-2022\tSales Managers\t4\n")
    with pytest.raises(OnetFileError, match="'11-2022' is not of the form"):
        onet_files.read_job_zones(bad)
    bad.write_text("O*NET-SOC Code\tTitle\tJob Zone\n11-2022.00\tSales Managers\t9\n")
    with pytest.raises(OnetFileError, match="Job Zone '9' is not 1-5"):
        onet_files.read_job_zones(bad)


def test_accepts_the_older_dwa_reference_layout_without_names(tmp_path):
    older = tmp_path / "DWA Reference.txt"
    older.write_text("Element ID\tIWA ID\tDWA ID\tDWA Title\n"
                     "4.A.4.a.6\t4.A.4.a.6.I01\t4.A.4.a.6.I01.D01\tSell products or services.\n")
    assert onet_files.read_dwa_reference(older)["4.A.4.a.6.I01.D01"].gwa_id == "4.A.4.a.6"


def test_locating_files_prefers_the_first_folder_and_requires_occupation_data(tmp_path, fixture_release):
    extra = tmp_path / "older"
    extra.mkdir()
    shutil.copy(fixture_release / "Tasks to DWAs.txt", extra / "Tasks to DWAs.txt")
    found = onet_files.locate_release_files([fixture_release, extra])
    assert found["tasks_to_dwas"] == fixture_release / "Tasks to DWAs.txt"
    with pytest.raises(OnetFileError, match="no 'Occupation Data.txt'"):
        onet_files.locate_release_files([extra])


def test_activity_profile_splits_each_task_across_its_dwas_and_counts_core_double(fixture_release):
    sales = _profiles(fixture_release)["11-2022.00"]
    # Core task 101 -> selling + managing (0.5 each); core 102 -> customers (1);
    # supplemental 103 -> monitoring (0.5); total weight 2.5.
    assert sales.shares == pytest.approx(
        {"selling": 0.2, "managing": 0.2, "customers": 0.4, "monitoring": 0.2})
    assert sales.basis == "tasks" and sales.task_count == 3 and sales.link_count == 4
    assert sales.hours(40) == {"selling": 8.0, "managing": 8.0, "customers": 16.0,
                               "monitoring": 8.0}


def test_all_other_occupation_borrows_the_profile_of_its_detailed_siblings(fixture_release):
    profiles = _profiles(fixture_release)
    assert profiles["11-9199.00"].basis == "related"
    assert profiles["11-9199.00"].shares == pytest.approx({"meetings": 1.0})


def test_occupation_without_tasks_has_an_empty_profile(fixture_release):
    profiles = onet_files.activity_profiles([], {}, [], ["11-2022.00"])
    assert profiles["11-2022.00"].shares == {} and profiles["11-2022.00"].basis == "none"


@pytest.mark.shared_data
def test_full_release_reads_and_every_gwa_maps_to_an_activity(shared_release):
    files = onet_files.locate_release_files(shared_release)
    dwas = onet_files.read_dwa_reference(files["dwa_reference"])
    assert {activity_for_gwa(d.gwa_id) for d in dwas.values()} <= set(BUILTIN_SLUGS)
    assert None not in {activity_for_gwa(d.gwa_id) for d in dwas.values()}
    occupations = onet_files.read_occupations(files["occupations"])
    assert len(occupations) > 1000
    profiles = onet_files.activity_profiles(
        onet_files.read_tasks_to_dwas(files["tasks_to_dwas"]), dwas,
        onet_files.read_tasks(files["tasks"]), [o.code for o in occupations])
    with_tasks = [p for p in profiles.values() if p.basis == "tasks"]
    assert len(with_tasks) > 900
    assert all(sum(p.shares.values()) == pytest.approx(1.0) for p in with_tasks)
    top = {code: max(profiles[code].shares, key=profiles[code].shares.get)
           for code in ("11-2022.00", "13-1161.00", "29-1141.00")}
    assert top == {"11-2022.00": "managing", "13-1161.00": "research", "29-1141.00": "caring"}


def test_a_folder_of_releases_stands_for_its_releases_newest_first(tmp_path, fixture_release):
    newer, older = tmp_path / "onet-29.3", tmp_path / "onet-27.0"
    shutil.copytree(fixture_release, newer)
    older.mkdir()
    shutil.move(newer / "Tasks to DWAs.txt", older / "Tasks to DWAs.txt")
    (older / "Read Me.txt").write_text("O*NET 27.0 Database\n")
    assert onet_files.expand_release_folders([tmp_path]) == [newer, older]
    found = onet_files.locate_release_files([tmp_path])
    assert found["occupations"].parent == newer and found["tasks_to_dwas"].parent == older


def test_a_path_that_is_not_a_folder_is_refused(tmp_path):
    with pytest.raises(OnetFileError, match="not a folder"):
        onet_files.locate_release_files([tmp_path / "missing"])
