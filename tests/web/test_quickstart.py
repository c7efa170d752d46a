"""The README's main command ends with the web app running on the demo data (or not, with --no-serve)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import quickstart  # noqa: E402


def test_quickstart_serves_by_default_on_port_8000():
    assert quickstart.split_arguments([]) == (True, "8000", [])


def test_quickstart_passes_demo_options_through_and_honours_no_serve_and_port():
    assert quickstart.split_arguments(["--persona", "top_salesperson", "--no-serve", "--port", "9001"]) == (
        False, "9001", ["--persona", "top_salesperson"])
    assert quickstart.split_arguments(["--port=8123"]) == (True, "8123", [])
