"""Checking every row of every table and turning it into typed values, before anything is written.

Each problem is recorded with its sheet, line and column; a row with a problem is left out, and
the import stops after this step if there is any (see service.py).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from pnetp.core.text import fold
from pnetp.institutions.models import Institution
from pnetp.monitoring.models import Indicator
from pnetp.plans.importing.codes import parse_code
from pnetp.plans.models import Activity

from .cells import CellError, format_date, long_text, parse_date, parse_decimal, parse_int, short_text, split_list
from .errors import Issues
from .lookups import Lookups
from .reading import Row, Table
from .vocabulary import DIRECTIONS, FREQUENCIES

DEFAULT_WEIGHT = Decimal("1")
NAME_MAX = Indicator._meta.get_field("name").max_length
UNIT_MAX = Indicator._meta.get_field("unit").max_length


@dataclass
class ParsedRow:
    table: Table
    line: int
    activity: Activity
    fields: dict  # model field → value, as the assignment and workflow services take them
    institution: Institution | None = None  # reports
    leads: list[Institution] = field(default_factory=list)  # responsibilities
    partners: list[Institution] = field(default_factory=list)
    blank: bool = False  # nothing filled in besides the keys

    @property
    def where(self) -> str:
        return self.table.where


class _RowReader:
    """Reads the cells of one row, recording each problem once."""

    def __init__(self, table: Table, row: Row, lookups: Lookups, issues: Issues):
        self.table, self.row, self.lookups, self.issues = table, row, lookups, issues
        self.ok = True

    def error(self, column: str | None, message: str) -> None:
        self.issues.add(self.table.where, message, self.row.line, column)
        self.ok = False

    def read(self, column: str, parse, **options):
        try:
            return parse(self.row[column], **options)
        except CellError as error:
            self.error(column, str(error))
            return None

    def activity(self) -> Activity | None:
        raw = short_text(self.row["codigo_atividade"])
        if not raw:
            self.error("codigo_atividade", _("informe o código da atividade"))
            return None
        code = parse_code(raw, depth=3)
        activity = self.lookups.activities.get(code) if code else None
        if code is None:
            self.error(
                "codigo_atividade", _("código de atividade inválido '%(code)s' (esperado N.N.N)") % {"code": raw}
            )
        elif activity is None:
            self.error(
                "codigo_atividade",
                _("atividade '%(code)s' não encontrada no plano %(plan)s")
                % {"code": raw, "plan": self.lookups.plan.slug},
            )
        return activity

    def institutions(self, column: str) -> list[Institution]:
        found = []
        for acronym in split_list(self.row[column]):
            institution = self.lookups.institutions.get(fold(acronym))
            if institution is None:
                self.error(column, _("instituição '%(acronym)s' não cadastrada") % {"acronym": acronym})
            elif institution not in found:
                found.append(institution)
        return found

    def unique(self, seen: dict, key, column: str, message: str) -> None:
        if key in seen:
            self.error(column, message % {"line": seen[key]})
        else:
            seen[key] = self.row.line


def _responsibility(reader: _RowReader, seen: dict) -> ParsedRow | None:
    row = reader.row
    activity = reader.activity()
    if activity is not None:
        message = _("atividade %(code)s repetida (já informada na linha %%(line)d)") % {"code": activity.code}
        reader.unique(seen, activity.pk, "codigo_atividade", message)
    leads = reader.institutions("instituicoes_responsaveis")
    partners = reader.institutions("instituicoes_parceiras")
    start = reader.read("data_inicio", parse_date)
    end = reader.read("data_fim", parse_date)
    weight = reader.read("peso", parse_decimal, max_digits=6, decimal_places=2, minimum=Decimal("0"))
    deliverable = long_text(row["entrega_esperada"])
    for institution in [i for i in leads if i in partners]:
        reader.error(
            "instituicoes_parceiras",
            _("instituição '%(acronym)s' informada como responsável e como parceira")
            % {"acronym": institution.acronym},
        )
    if start and end and end < start:
        reader.error(
            "data_fim",
            _("o prazo final (%(end)s) é anterior ao início (%(start)s)")
            % {"end": format_date(end), "start": format_date(start)},
        )
    blank = not (leads or partners or start or end or deliverable or short_text(row["peso"]))
    exists = activity is not None and activity.pk in reader.lookups.responsibilities
    if not leads and reader.ok and (exists or not blank):
        message = _("informe ao menos uma instituição responsável")
        if blank:
            message += _(" (a importação não remove responsabilidades)")
        reader.error("instituicoes_responsaveis", message)
    if not reader.ok:
        return None
    if weight is None:  # not informed: keep the stored weight
        weight = reader.lookups.responsibilities[activity.pk].weight if exists else DEFAULT_WEIGHT
    fields = {"start_date": start, "end_date": end, "deliverable": deliverable, "weight": weight}
    return ParsedRow(reader.table, row.line, activity, fields, leads=leads, partners=partners, blank=blank)


def _vocabulary(reader: _RowReader, column: str, lookup: dict, default: str, words: str):
    raw = short_text(reader.row[column])
    if not raw:
        return default
    value = lookup.get(fold(raw))
    if value is None:
        reader.error(column, _("valor '%(value)s' desconhecido (use %(words)s)") % {"value": raw, "words": words})
    return value


def _indicator(reader: _RowReader, seen: dict) -> ParsedRow | None:
    row = reader.row
    activity = reader.activity()
    name = short_text(row["indicador"])
    if not name:
        reader.error("indicador", _("informe o nome do indicador"))
    elif len(name) > NAME_MAX:
        reader.error(
            "indicador", _("nome com %(length)d caracteres (máximo %(max)d)") % {"length": len(name), "max": NAME_MAX}
        )
    elif activity is not None:
        message = _("indicador '%(name)s' repetido na atividade %(code)s (já informado na linha %%(line)d)")
        reader.unique(seen, (activity.pk, fold(name)), "indicador", message % {"name": name, "code": activity.code})
    unit = short_text(row["unidade"])
    if len(unit) > UNIT_MAX:
        reader.error(
            "unidade", _("unidade com %(length)d caracteres (máximo %(max)d)") % {"length": len(unit), "max": UNIT_MAX}
        )
    number = {"max_digits": 16, "decimal_places": 4}
    baseline = reader.read("linha_de_base", parse_decimal, **number)
    year = reader.read("ano_linha_de_base", parse_int, minimum=1900, maximum=2100, label=_("ano"))
    target = reader.read("meta", parse_decimal, **number)
    direction = _vocabulary(reader, "sentido", DIRECTIONS, Indicator.Direction.INCREASE, "aumentar, diminuir ou manter")
    frequency = _vocabulary(
        reader, "periodicidade", FREQUENCIES, Indicator.Frequency.SEMIANNUAL, "mensal, trimestral, semestral ou anual"
    )
    if baseline is not None and year is None and reader.ok:
        reader.error("ano_linha_de_base", _("informe o ano da linha de base"))
    if activity is not None and reader.ok:
        stored = reader.lookups.indicators.get((activity.pk, fold(name)), [])
        if len(stored) > 1:
            reader.error(
                "indicador",
                _("a atividade %(code)s tem %(count)d indicadores chamados '%(name)s'; renomeie-os no sistema antes")
                % {"code": activity.code, "count": len(stored), "name": name},
            )
    if not reader.ok:
        return None
    fields = {
        "name": name, "unit": unit, "baseline_value": baseline, "baseline_year": year,
        "target_value": target, "direction": direction, "frequency": frequency,
    }  # fmt: skip
    return ParsedRow(reader.table, row.line, activity, fields)


def _report(reader: _RowReader, seen: dict) -> ParsedRow | None:
    row = reader.row
    activity = reader.activity()
    acronym = short_text(row["instituicao"])
    institution = reader.lookups.institutions.get(fold(acronym))
    if not acronym:
        reader.error("instituicao", _("informe a sigla da instituição"))
    elif institution is None:
        reader.error("instituicao", _("instituição '%(acronym)s' não cadastrada") % {"acronym": acronym})
    elif activity is not None:
        message = _("relatório de %(acronym)s para a atividade %(code)s repetido (já informado na linha %%(line)d)")
        reader.unique(
            seen,
            (activity.pk, institution.pk),
            "codigo_atividade",
            message % {"acronym": acronym, "code": activity.code},
        )
    raw_status = short_text(row["situacao"])
    status = reader.lookups.statuses.get(fold(raw_status)) if raw_status else None
    if raw_status and status is None:
        labels = ", ".join(reader.lookups.active_status_labels())
        reader.error(
            "situacao",
            _("situação '%(value)s' desconhecida (use %(labels)s)") % {"value": raw_status, "labels": labels},
        )
    percent = reader.read("percentual", parse_int, minimum=0, maximum=100, label=_("percentual"))
    fields = {
        "status": status,
        "percent_complete": percent,
        "narrative": long_text(row["narrativa"]),
        "difficulties": long_text(row["dificuldades"]),
        "next_steps": long_text(row["proximos_passos"]),
    }
    if not reader.ok:
        return None
    blank = (
        not raw_status
        and percent is None
        and not any(fields[name] for name in ("narrative", "difficulties", "next_steps"))
    )
    return ParsedRow(reader.table, row.line, activity, fields, institution=institution, blank=blank)


_PARSERS = {"responsibilities": _responsibility, "indicators": _indicator, "reports": _report}


def parse_table(table: Table, lookups: Lookups, issues: Issues) -> list[ParsedRow]:
    if table.spec.kind == "reports" and lookups.cycle is None:
        issues.add(table.where, _("informe o ciclo de monitoramento (--cycle) para importar relatórios"))
        return []
    parse, seen, parsed = _PARSERS[table.spec.kind], {}, []
    for row in table.rows:
        result = parse(_RowReader(table, row, lookups, issues), seen)
        if result is not None:
            parsed.append(result)
    return parsed
