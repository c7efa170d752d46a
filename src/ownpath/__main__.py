"""Allow `python -m ownpath`."""

from ownpath.cli.main import run

run()
