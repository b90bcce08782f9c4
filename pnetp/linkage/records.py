"""The two records of a review pair, as rows for the side-by-side page.

Case data is pseudonymous (what analysts may see). Identities come only from
``services.identity.read_identity``, one call per record, each logged with the pair as purpose.
"""

from django.core.exceptions import PermissionDenied
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnetp.sisetp.models import CasePerson

from .models import ReviewPair
from pnetp.sisetp.services.identity import read_identity

_EVENT_LABELS = {
    "aliciamento": gettext_lazy("Município do aliciamento"),
    "exploracao": gettext_lazy("Município da exploração"),
}


def pair_persons(pair: ReviewPair) -> list[CasePerson | None]:
    """The pair's two CasePersons (None for a record no longer in the database)."""
    found = {
        p.pk: p
        for p in CasePerson.objects.filter(pk__in=[pk for pk in (pair.left_id, pair.right_id) if pk])
        .select_related("case__source")
        .prefetch_related(
            "case__events__municipality__uf",
            "exploitation_forms",
            "citizenships",
            "means_of_control",
            "recruitment_methods",
        )
    }
    return [found.get(pair.left_id), found.get(pair.right_id)]


def _date(value) -> str:
    return date_format(value, "d/m/Y") if value else "—"


def _place(person, kind: str) -> str:
    events = [e for e in person.case.events.all() if e.kind == kind and e.municipality_id]
    if not events:
        return "—"
    municipality = min(events, key=lambda e: (e.sequence, e.pk)).municipality
    return f"{municipality.name}/{municipality.uf.abbreviation}"


def _terms(related) -> str:
    return ", ".join(sorted(str(term) for term in related.all())) or "—"


def _values(person) -> list[str]:
    if person is None:
        return [_("registro não está mais no banco")] + ["—"] * 18
    case = person.case
    return [
        str(case.source),
        case.source_record_id,
        person.source_person_id,
        person.get_role_display() or "—",
        person.get_sex_display() or "—",
        person.get_gender_identity_display() or "—",
        str(person.age_at_identification) if person.age_at_identification is not None else "—",
        person.get_race_colour_display() or "—",
        ", ".join(c.name for c in person.citizenships.all()) or "—",
        person.get_education_display() or "—",
        _terms(person.exploitation_forms),
        _terms(person.means_of_control),
        _terms(person.recruitment_methods),
        person.get_relationship_to_recruiter_display() or "—",
        _date(case.reporting_date),
        _date(case.identification_date),
        _place(person, "aliciamento"),
        _place(person, "exploracao"),
        person.person_key or "—",
    ]


def record_rows(persons) -> list[tuple[str, str, str]]:
    labels = [
        _("Fonte"), _("Identificador do registro na fonte"), _("Pessoa no registro"), _("Papel"), _("Sexo"),
        _("Identidade de gênero"), _("Idade na identificação"), _("Raça/cor"), _("Nacionalidades"), _("Escolaridade"),
        _("Formas de exploração"), _("Meios de controle"), _("Formas de aliciamento"), _("Relação com quem aliciou"),
        _("Data do registro"), _("Data de identificação"), _EVENT_LABELS["aliciamento"], _EVENT_LABELS["exploracao"],
        _("Pessoa única atual"),
    ]  # fmt: skip
    left, right = (_values(p) for p in persons)
    return list(zip(labels, left, right, strict=True))


def identity_rows(user, persons, pair: ReviewPair) -> list[tuple[str, str, str]]:
    """Name, CPF, birth date and mother's name of both records, read (and logged) for ``user``."""
    purpose = _("Revisão de ligação de registros, par %(id)s") % {"id": pair.pk}
    sides = []
    for person in persons:
        if person is None:
            sides.append(["—"] * 4)
            continue
        try:
            identity = read_identity(user, person, purpose)
        except PermissionDenied:
            sides.append([_("sem autorização para esta fonte")] * 4)
            continue
        if identity is None:
            sides.append([_("não informado")] * 4)
            continue
        cpf = identity.cpf or "—"
        born = _date(identity.birth_date)
        if identity.cpf_invalid and identity.cpf:
            cpf = _("%(value)s (inválido, como informado)") % {"value": identity.cpf}
        if identity.birth_date_invalid and identity.birth_date_reported:
            born = _("%(value)s (inexistente, como informada)") % {"value": identity.birth_date_reported}
        sides.append([identity.full_name or "—", cpf, born, identity.mother_name or "—"])
    labels = [_("Nome civil"), _("CPF"), _("Data de nascimento"), _("Nome da mãe")]
    return list(zip(labels, *sides, strict=True))
