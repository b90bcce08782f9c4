"""Who may see and write the participants of a training offering (least privilege).

The counts by audience, sex and UF are public only in aggregate (``participant_selectors.public_tables``).
The named list and its certificates are for the offering's institution (its focal points) and the
coordination only: never a public page, API or file.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from pnetp.accounts.models import Role
from pnetp.accounts.permissions import has_role, is_coordination

from .models import Participant, Training

logger = logging.getLogger("pnetp.network.participants")


def can_manage_participants(user, training: Training) -> bool:
    """Enter the counts and keep the named list: the coordination, or a focal point of the offering's institution."""
    if is_coordination(user):
        return True
    return (
        has_role(user, Role.FOCAL_POINT) and training.institution_id is not None
        and user.institution_id == training.institution_id
    )  # fmt: skip


def can_manage_any_participants(user) -> bool:
    """The list of offerings to manage is worth showing (menu): the coordination or any focal point."""
    return is_coordination(user) or (has_role(user, Role.FOCAL_POINT) and user.institution_id is not None)


def require_manage_participants(user, training: Training) -> None:
    if not can_manage_participants(user, training):
        raise PermissionDenied


def access_training(user, pk: int) -> Training:
    """The offering, to manage its participants; 404 if missing, PermissionDenied otherwise."""
    training = get_object_or_404(Training.objects.select_related("institution"), pk=pk)
    require_manage_participants(user, training)
    return training


def access_named_list(user, training: Training):
    """The named participants of an offering, after the check; each read is logged (who, which offering,
    how many rows — never a name or an e-mail)."""
    require_manage_participants(user, training)
    rows = list(Participant.objects.filter(training=training).order_by("name"))
    logger.info(
        "named participant list read", extra={"user_id": user.pk, "training_id": training.pk, "rows": len(rows)}
    )
    return rows


def access_participant(user, pk: int) -> Participant:
    participant = get_object_or_404(Participant.objects.select_related("training__institution"), pk=pk)
    require_manage_participants(user, participant.training)
    return participant
