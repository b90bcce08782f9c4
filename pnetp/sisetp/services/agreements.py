"""Data may come in only under a data-sharing agreement in force (IV PNETP, activity 2.1.1)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _


class NoActiveAgreement(ValidationError):
    """The source has no agreement in force on that date, or it does not cover the columns."""


def active_agreement(source, on_date: date):
    """The agreement covering ``source`` in force on ``on_date`` (the most recent one), or None."""
    from ..models import DataSharingAgreement

    return (
        DataSharingAgreement.objects.filter(sources=source, valid_from__lte=on_date)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on_date))
        .order_by("-valid_from", "-pk")
        .first()
    )


def require_agreement(source, on_date: date, columns=()):
    """The agreement in force, or NoActiveAgreement; with ``columns``, they must all be shared by it."""
    agreement = active_agreement(source, on_date)
    if agreement is None:
        raise NoActiveAgreement(
            _("A fonte %(source)s não tem acordo de compartilhamento vigente em %(date)s")
            % {"source": source.name, "date": on_date.strftime("%d/%m/%Y")},
            code="no_agreement",
        )
    not_shared = [column for column in columns if column not in set(agreement.fields_shared)]
    if not_shared:
        raise NoActiveAgreement(
            _("O acordo “%(agreement)s” não cobre as colunas: %(columns)s")
            % {"agreement": agreement.title, "columns": ", ".join(not_shared)},
            code="columns_not_shared",
        )
    return agreement
