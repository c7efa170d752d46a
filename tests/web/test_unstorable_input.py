"""Text no database can store (a NUL character) is refused with a 400 naming the field, on every page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/journal/?activity=a%00b", "/occupations/?q=%00", "/occupations/11-2022.00%00/",
                                 "/rate/?week=2025-W10%00"])
def test_a_nul_in_the_address_or_query_is_a_400_naming_the_field(owner_client, url):
    response = owner_client.get(url)
    assert response.status_code == 400 and b"NUL character" in response.content


def test_a_nul_in_a_form_field_is_a_400_and_saves_nothing(owner_client, user):
    response = owner_client.post("/journal/log/", {"activity": "research", "hours": "1", "energy": "1",
                                                    "note": "a\x00b"})
    assert response.status_code == 400 and response.content.startswith(b"note: contains a NUL character")
    assert not user.episodes.exists()
