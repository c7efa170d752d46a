"""Django's management commands for ownpath (e.g. `python -m ownpath.manage check --deploy`)."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a Django management command with ownpath's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ownpath.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv if argv is not None else sys.argv)


if __name__ == "__main__":
    main()
