"""Subcommands of ``pnetp sisetp``: one ``<name>_cmd.py`` module each (import, rollback, batches, generate…).

Apps built on the SISETP add theirs with ``register`` in their ``ready()`` (``linkage``: dedupe; ``statistics``:
publish-statistics, relatorio-fluxos), so this package never imports them.
"""

from django.core.management.base import CommandError

from pnetp.accounts.models import User


def find_user(username: str | None):
    if not username:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"Usuário “{username}” não encontrado.")
    return user


EXTRA_SUBCOMMANDS: list[str] = []  # dotted paths of subcommand modules of other apps, registered at start-up


def register(*modules: str) -> None:
    """Add subcommand modules (dotted paths, imported when the command runs) of an app built on the SISETP."""
    EXTRA_SUBCOMMANDS.extend(module for module in modules if module not in EXTRA_SUBCOMMANDS)
