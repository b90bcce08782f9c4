"""``pnetp sisetp SUBCOMMAND``: one command for the SISETP operators, with subcommands.

Each subcommand is a module ``pnetp/sisetp/cli/<name>_cmd.py`` defining ``NAME``, ``HELP``,
``add_arguments(parser)`` and ``handle(command, options)``; every such module is found and
registered here, so a new subcommand (for example ``cli/generate_cmd.py``) needs no edit of this file. Other
apps' subcommands come from ``cli.register`` (``linkage``: dedupe; ``statistics``: publish-statistics, relatorio-fluxos).
"""

import pkgutil
from importlib import import_module

from django.core.management.base import BaseCommand

from pnetp.sisetp import cli


def subcommands() -> dict:
    modules = sorted(info.name for info in pkgutil.iter_modules(cli.__path__) if info.name.endswith("_cmd"))
    paths = [f"{cli.__name__}.{name}" for name in modules] + cli.EXTRA_SUBCOMMANDS
    found = (import_module(path) for path in paths)
    return {module.NAME: module for module in found}


class Command(BaseCommand):
    help = "SISETP: importar arquivos de casos, listar e desfazer lotes de importação."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMANDO")
        for name, module in subcommands().items():
            module.add_arguments(commands.add_parser(name, help=module.HELP, description=module.HELP))

    def handle(self, *args, subcommand, **options):
        return subcommands()[subcommand].handle(self, options)
