"""No file makes the import service or command fail with anything but a clear user error."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ownpath.errors import UserInputError
from ownpath.imports.planning import ImportOptions, plan_import
from ownpath.journal.models import Episode

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PREFIXES = [b"", b"BEGIN:VCALENDAR\r\n", b"full_date,date,weekday,time,mood,activities,note_title,note\n",
            b"date,activity,hours,energy,skill,engagement,growth,with,note\n", b'{"format": "ownpath-journal", ',
            b"Day;Task;Mood\n"]


@FUZZ
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=200),
       column_map=st.sampled_from([None, "date=Day,energy=Mood", "date=Day,activity=Task,energy=Mood"]))
def test_any_file_is_planned_or_refused_with_a_user_error(local_user, prefix, body, column_map):
    try:
        plan_import(local_user, prefix + body, "upload", ImportOptions(column_map=column_map, energy_range="1..5"))
    except UserInputError:
        pass


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=120))
def test_the_import_command_never_shows_a_traceback(cli, prefix, body):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.bin"
        path.write_bytes(prefix + body)
        before = Episode.objects.count()
        result = cli("import", path, "--map", "date=Day,energy=Mood")
        assert result.exit_code in (0, 2), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        if result.exit_code == 2:
            assert Episode.objects.count() == before
