"""An option prefilled from an O*NET occupation: mix and pay from the occupation, all editable."""

from __future__ import annotations

import json

import pytest

from ownpath.occupations import services as occupation_services
from ownpath.occupations.services import add_option_from_occupation as add_option
from ownpath.options.models import Option
from ownpath.options.services import option_mix

pytestmark = pytest.mark.django_db


@pytest.fixture
def onet_loaded():
    from tests.occupations.conftest import FIXTURE_RELEASE

    occupation_services.load_onet_release([FIXTURE_RELEASE], with_pay=False)


def test_option_from_occupation_code_prefills_the_mix_from_its_profile(user, onet_loaded):
    option = add_option(user, "Sales manager", occupation="11-2022.00", hours=45)
    prefill = occupation_services.occupation_option_prefill("11-2022.00", hours=45)
    assert option_mix(option) == pytest.approx(prefill["mix"])
    assert sum(option_mix(option).values()) == pytest.approx(45, abs=0.5)


def test_explicit_mix_and_pay_override_the_prefill(user, onet_loaded):
    option = add_option(user, "Sales manager", occupation="11-2022.00", mix="selling=30", pay=120000)
    assert option_mix(option)["selling"] == 30 and option.pay == 120000


def test_option_from_a_job_title_uses_the_best_matching_occupation(user, onet_loaded):
    option = add_option(user, "Sales lead", occupation_title="sales mgr")
    assert option_mix(option) == pytest.approx(occupation_services.occupation_option_prefill("11-2022.00")["mix"])


def test_cli_option_add_with_unknown_occupation_exits_2_and_saves_nothing(cli, onet_loaded):
    result = cli("option", "add", "Mystery", "--occupation", "99-9999.00")
    assert result.exit_code == 2 and "99-9999.00" in result.stderr
    assert not Option.objects.exists()


def test_cli_option_add_from_occupation_shows_the_prefilled_mix(cli, onet_loaded):
    result = cli("option", "add", "Sales manager", "--occupation", "11-2022.00")
    assert result.exit_code == 0, result.output
    assert "selling" in result.output
    listed = json.loads(cli("option", "list", "--json").output)
    assert listed[0]["name"] == "Sales manager"
