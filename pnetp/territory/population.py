"""Loads resident population per municipality and year (IBGE), the denominator of rates per 100,000.

Two layouts are read (CSV, ";" or ","; UTF-8 or Windows-1252):

- the project's: ``codigo_ibge;ano;populacao;fonte`` (``fonte`` may be left out when given on the command line);
- IBGE's published tables of the census and of the yearly estimates (DOU): ``UF;COD. UF;COD. MUNIC;NOME DO
  MUNICÍPIO;POPULAÇÃO`` (or ``POPULAÇÃO ESTIMADA``), title lines above the header and notes below the data;
  the year and the source come from the command line. Footnote marks such as ``12.345(1)`` are removed.

The whole file is checked before anything is written; errors name file, line and field in Portuguese.
Rows are matched by (municipality, year), so loading the same file twice changes nothing.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from pnetp.core.files import sniff_delimiter, source_name, source_text
from pnetp.core.limits import InputTooLarge, read_bounded
from pnetp.core.text import fold

from .models import Municipality, Population

# Bundled file, when a citable offline source is shipped (see data/README.md).
DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "population.csv"
PROJECT_COLUMNS = ("codigo_ibge", "ano", "populacao")
IBGE_COLUMNS = ("cod uf", "cod munic")
FOOTNOTE = re.compile(r"\(\d+\)")


class PopulationFileError(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class PopulationReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    years: set = field(default_factory=set)

    def summary(self) -> str:
        return _("População: %(c)d linhas novas, %(u)d atualizadas, %(n)d sem mudança (anos: %(y)s).") % {
            "c": self.created,
            "u": self.updated,
            "n": self.unchanged,
            "y": ", ".join(map(str, sorted(self.years))) or "—",
        }


def _header_key(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9_]+", " ", fold(name or "")).split())


def _integer(text: str) -> int | None:
    digits = FOOTNOTE.sub("", text or "").replace(".", "").replace(" ", "").strip()
    return int(digits) if digits.isdigit() else None


def _find_header(rows: list[list[str]]) -> tuple[int, str] | None:
    """(index of the header row, layout) — IBGE tables have title lines above it."""
    for i, row in enumerate(rows[:20]):
        keys = [_header_key(c) for c in row]
        if all(c in keys for c in PROJECT_COLUMNS):
            return i, "project"
        if all(c in keys for c in IBGE_COLUMNS) and any(k.startswith("populacao") for k in keys):
            return i, "ibge"
    return None


def parse(source, *, year: int | None = None, source_note: str = "") -> list[tuple[int, int, int, str]]:
    """[(IBGE code, year, population, source)] of a valid file; else PopulationFileError with every error."""
    name = source_name(source)
    try:
        text = source_text(read_bounded(source))
    except InputTooLarge as refusal:
        raise PopulationFileError([str(refusal)]) from None
    if text is None:
        raise PopulationFileError([_("%(file)s: codificação não reconhecida (use UTF-8).") % {"file": name}])
    lines = text.splitlines()
    if not lines:
        raise PopulationFileError([_("%(file)s: arquivo vazio.") % {"file": name}])
    found = None
    for line in lines[:20]:  # the delimiter of the header line, not of a title line
        rows = list(csv.reader(io.StringIO(text), delimiter=sniff_delimiter(line)))
        found = _find_header(rows)
        if found:
            break
    if not found:
        raise PopulationFileError(
            [
                _(
                    "%(file)s: cabeçalho não encontrado. Use as colunas codigo_ibge;ano;populacao;fonte ou o leiaute "
                    "do IBGE (COD. UF;COD. MUNIC;NOME DO MUNICÍPIO;POPULAÇÃO)."
                )
                % {"file": name}
            ]
        )
    start, layout = found
    keys = [_header_key(c) for c in rows[start]]
    errors: list[str] = []
    if layout == "ibge" and not year:
        errors.append(_("%(file)s: no leiaute do IBGE informe o ano (--ano).") % {"file": name})
    if layout == "ibge" or "fonte" not in keys:
        if not source_note.strip():
            errors.append(_("%(file)s: informe a fonte dos dados (--fonte).") % {"file": name})
    if errors:
        raise PopulationFileError(errors)

    col = {k: i for i, k in enumerate(keys)}
    pop_col = (
        col.get("populacao")
        if layout == "project"
        else next(i for i, k in enumerate(keys) if k.startswith("populacao"))
    )
    known = set(Municipality.objects.values_list("ibge_code", flat=True))
    seen: dict[tuple[int, int], int] = {}
    result = []
    for number, row in enumerate(rows[start + 1 :], start=start + 2):

        def cell(i, row=row):
            return row[i].strip() if i is not None and i < len(row) else ""

        where = {"file": name, "line": number}
        if layout == "ibge":
            uf, mun = cell(col["cod uf"]), cell(col["cod munic"])
            if not uf and not mun:
                continue  # notes and blank lines under IBGE's tables
            code_text, row_year, row_source = uf + mun.zfill(5), year, source_note
        else:
            if not any(c.strip() for c in row):
                continue
            code_text, row_source = cell(col["codigo_ibge"]), cell(col.get("fonte")) or source_note
            row_year = _integer(cell(col["ano"]))
            if row_year is None or not 1872 <= row_year <= 2100:
                errors.append(
                    _("%(file)s, linha %(line)d, campo ano: “%(v)s” não é um ano válido.")
                    % {**where, "v": cell(col["ano"])}
                )
        code = int(code_text) if code_text.isdigit() and len(code_text) == 7 else None
        if code is None:
            errors.append(
                _("%(file)s, linha %(line)d, campo código IBGE: “%(v)s” não tem 7 dígitos.") % {**where, "v": code_text}
            )
        elif code not in known:
            errors.append(
                _(
                    "%(file)s, linha %(line)d, campo código IBGE: município %(v)s não cadastrado "
                    "(carregue o território com pnetp load-territory)."
                )
                % {**where, "v": code}
            )
        population = _integer(cell(pop_col))
        if not population:
            errors.append(
                _("%(file)s, linha %(line)d, campo população: “%(v)s” não é um número inteiro positivo.")
                % {**where, "v": cell(pop_col)}
            )
        if not row_source:
            errors.append(_("%(file)s, linha %(line)d, campo fonte: vazio (ou informe --fonte).") % where)
        elif len(row_source) > 200:
            errors.append(_("%(file)s, linha %(line)d, campo fonte: mais de 200 caracteres.") % where)
        if code and row_year:
            if (code, row_year) in seen:
                errors.append(
                    _("%(file)s, linha %(line)d: município %(code)s e ano %(year)d repetidos (já na linha %(first)d).")
                    % {**where, "code": code, "year": row_year, "first": seen[(code, row_year)]}
                )
            seen.setdefault((code, row_year), number)
        result.append((code, row_year, population, row_source))
    if errors:
        raise PopulationFileError(errors)
    if not result:
        raise PopulationFileError([_("%(file)s: nenhuma linha de dados.") % {"file": name}])
    return result


def load_population(source, *, year: int | None = None, source_note: str = "", dry_run: bool = False):
    """Validates the whole file, then writes it in one transaction (nothing is written if any row is wrong)."""
    rows = parse(source, year=year, source_note=source_note)
    report = PopulationReport()
    existing = {(p.municipality_id, p.year): p for p in Population.objects.filter(year__in={r[1] for r in rows})}
    with transaction.atomic():
        for code, row_year, population, note in rows:
            report.years.add(row_year)
            current = existing.get((code, row_year))
            if current is None:
                report.created += 1
                if not dry_run:
                    Population.objects.create(municipality_id=code, year=row_year, population=population, source=note)
            elif (current.population, current.source) == (population, note):
                report.unchanged += 1
            else:
                report.updated += 1
                if not dry_run:
                    current.population, current.source = population, note
                    current.save(update_fields=["population", "source"])
    return report


def latest_populations(year: int | None = None) -> dict[int, tuple[int, int]]:
    """{IBGE code: (population, year)} — the latest year loaded, or the latest not after ``year``."""
    rows = Population.objects.order_by("municipality_id", "year")
    if year:
        rows = rows.filter(year__lte=year)
    result = {}
    for code, row_year, population in rows.values_list("municipality_id", "year", "population"):
        result[code] = (population, row_year)  # ordered by year: the last one wins
    return result
