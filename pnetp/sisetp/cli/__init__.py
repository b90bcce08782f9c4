"""Subcommands of ``pnetp sisetp``: one ``<name>_cmd.py`` module each (import, rollback, batches, generate…)."""

from django.core.management.base import CommandError

from pnetp.accounts.models import User


def find_user(username: str | None):
    if not username:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"Usuário “{username}” não encontrado.")
    return user
