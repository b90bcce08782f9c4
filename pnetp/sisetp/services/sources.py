"""Data sources (``DataSource``) managed on pages by the coordination: create and edit, with history."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from pnetp.accounts.permissions import is_coordination

from ..models import DataSource


def can_manage_sources(user) -> bool:
    return is_coordination(user)


def require_source_manager(user) -> None:
    if not can_manage_sources(user):
        raise PermissionDenied(_("Somente a coordenação nacional cadastra e edita fontes de dados."))


def save_source(user, source: DataSource) -> DataSource:
    """Validate and save a new or changed source; the history records who did it."""
    require_source_manager(user)
    with transaction.atomic():
        source.full_clean()
        source._history_user = user
        source.save()
    return source
