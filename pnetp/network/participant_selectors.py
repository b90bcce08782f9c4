"""Reads of training participants: the public tables (aggregate only, small counts suppressed through
``pnetp.disclosure``) and the public check of a certificate by its code (no name, no e-mail)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Sum
from django.utils.translation import gettext as _

from pnetp.disclosure import CountTable, protect_linked, public_count
from pnetp.disclosure.primary import check_k

from .models import NO_UF, Audience, Participant, ParticipantCount, Sex, Training


def participants_legend(k: int | None = None) -> str:
    k = check_k(k)
    if k <= 1:
        return ""
    return _(
        "X: valor suprimido para proteger quem participou (contagens de 1 a %(max)d e as que permitiriam "
        "deduzi-las a partir dos totais)."
    ) % {"max": k - 1}


@dataclass
class PublicTable:
    title: str
    rows: list[list[str]]  # label, then the count or "X"


@dataclass
class PublicParticipants:
    total: int | None  # None: suppressed
    tables: list[PublicTable]
    legend: str


def _margin(counts, field: str) -> dict[str, int]:
    rows = counts.values_list(field).annotate(n=Sum("count")).order_by(field)
    return {key: n for key, n in rows}


def public_participants(training: Training, k: int | None = None) -> PublicParticipants:
    """The offering's participants by audience, by sex and by UF, protected together (they share the total)."""
    k = check_k(k)
    counts = ParticipantCount.objects.filter(training=training)
    if not counts.exists():
        return PublicParticipants(public_count(training.participants, k), [], participants_legend(k))
    audiences, sexes = dict(Audience.choices), dict(Sex.choices)
    by = {
        "publico": {str(audiences[a]): n for a, n in _margin(counts, "audience").items()},
        "sexo": {str(sexes[s]): n for s, n in _margin(counts, "sex").items()},
        "uf": {(_("Exterior ou não informada") if u == NO_UF else u): n for u, n in _margin(counts, "uf").items()},
    }
    tables = [CountTable.from_mapping(values, row_var=var, universe=f"participantes-{training.pk}")
              for var, values in by.items()]  # fmt: skip
    protected = protect_linked(tables, k)
    titles = [_("Por público"), _("Por sexo"), _("Por UF")]
    result = [PublicTable(title, table.display_grid()[1:-1]) for title, table in zip(titles, protected)]
    total = protected[0].display_grid()[-1][1]
    return PublicParticipants(None if total == "X" else int(total), result, participants_legend(k))


def public_total(training: Training, k: int | None = None) -> int | None:
    """The offering's total for a list (alone, not a part of another published number)."""
    return public_count(training.participants, k)


@dataclass(frozen=True)
class CertificateCheck:
    course: str
    institution: str
    start_date: date
    end_date: date | None
    workload_hours: int | None
    issued_on: date


def verify_certificate(code: str) -> CertificateCheck | None:
    """What the public may know of a valid certificate: the course, not the person."""
    participant = (
        Participant.objects.filter(certificate_code=code, completed=True).select_related("training__institution").first()
        if code else None
    )  # fmt: skip
    if participant is None:
        return None
    t = participant.training
    return CertificateCheck(t.title, str(t.institution or ""), t.start_date, t.end_date, t.workload_hours,
                            participant.certificate_issued_on)  # fmt: skip
