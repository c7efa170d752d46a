"""The real O*NET 29.3 release (with 27.0's Tasks to DWAs) loads whole and matches the BLS pay.

Reloading twice is checked on the small fixture release (tests/occupations/test_services.py):
a second full load here would double the time of the slowest test for no new evidence.
"""

from __future__ import annotations

import pytest

from ownpath.occupations import services
from ownpath.occupations.models import Occupation, OccupationTitle


@pytest.mark.shared_data
@pytest.mark.django_db
def test_full_release_loads_with_profiles_titles_and_exact_pay(shared_release):
    first = services.load_onet_release(shared_release)
    assert first.tables["occupations"].total == 1016 and not first.missing_files
    assert first.tables["related occupations"].total > 18_000
    assert OccupationTitle.objects.count() > 60_000
    assert Occupation.objects.filter(profile_basis="tasks").count() > 900
    assert services.search_occupations("regional sales director")[0]["code"] == "11-2022.00"
    assert Occupation.objects.get(code="11-2022.00").pay_annual_median == 148270
    assert Occupation.objects.get(code="13-1161.00").pay_annual_median == 78760
