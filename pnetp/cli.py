"""The ``pnetp`` command for operators.

It is Django's management interface under the project's own name, with hyphenated command
names (``pnetp import-plan`` runs the ``import_plan`` management command). The database
always comes from ``DATABASE_URL`` through the settings, so every command works on any database.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pnetp.settings")
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "pnetp"
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    if argv[1:2] == ["serve"]:
        os.environ["DEBUG"] = "0"  # the production server never runs with DEBUG on
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
