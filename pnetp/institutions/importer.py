"""CSV import of the institution directory.

Columns: ``sigla,nome,natureza,uf,orgao_superior`` (``uf`` and ``orgao_superior`` may be left out).
- natureza: a code (``federal``, ``state``...) or its Portuguese name, ignoring case and accents;
- orgao_superior: the sigla of another row of the same file, in any order, or of a registered institution;
- encoding UTF-8 (with or without BOM) or Windows-1252; separator comma or semicolon.

All or nothing: every row is validated first and any error means nothing is written; each error
reads "ARQUIVO, linha N, campo X: explicação". Rows are matched to registered institutions by
sigla (ignoring case and accents), so importing the same file twice changes nothing.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pnetp.core.files import read_source, sniff_delimiter, source_name, source_text
from pnetp.core.text import clean_text, fold

from .models import UF_CHOICES, Institution

REQUIRED_COLUMNS = ("sigla", "nome", "natureza")
OPTIONAL_COLUMNS = ("uf", "orgao_superior")
ACRONYM_MAX = Institution._meta.get_field("acronym").max_length
NAME_MAX = Institution._meta.get_field("name").max_length


def _key(value: str) -> str:
    """Comparison form of column names, natureza and UF: "Órgão-Superior" → "orgao superior"."""
    return " ".join(fold(value).replace("_", " ").replace("-", " ").split())


KIND_LOOKUP = {
    **{_key(code): code for code in Institution.Kind.values},
    **{_key(str(label)): code for code, label in Institution.Kind.choices},
    **{
        _key(alias): code
        for alias, code in [
            ("estadual", "state"), ("distrital", "state"), ("municipal", "municipal"),
            ("justiça", "justice"), ("sociedade civil", "civil_society"), ("OSC", "civil_society"),
            ("internacional", "international"), ("organismo internacional", "international"),
            ("privado", "private"),
        ]
    },
}  # fmt: skip
UF_LOOKUP = {**{_key(code): code for code, _name in UF_CHOICES}, **{_key(name): code for code, name in UF_CHOICES}}


@dataclass
class Row:
    line: int
    acronym: str
    name: str
    kind: str
    uf: str
    parent: str

    @property
    def key(self) -> str:
        return fold(self.acronym)

    @property
    def parent_key(self) -> str:
        return fold(self.parent)


@dataclass
class ImportResult:
    filename: str
    dry_run: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        parts = [
            ngettext("%(n)d criada", "%(n)d criadas", len(self.created)) % {"n": len(self.created)},
            ngettext("%(n)d atualizada", "%(n)d atualizadas", len(self.updated)) % {"n": len(self.updated)},
            ngettext("%(n)d sem alteração", "%(n)d sem alteração", len(self.unchanged)) % {"n": len(self.unchanged)},
        ]
        text = _("Instituições: %(parts)s.") % {"parts": ", ".join(parts)}
        return _("Simulação, nada foi gravado. %(text)s") % {"text": text} if self.dry_run else text

    def error(self, line: int | None, column: str | None, message: str) -> None:
        where = [self.filename]
        if line is not None:
            where.append(_("linha %(line)d") % {"line": line})
        if column:
            where.append(_("campo %(column)s") % {"column": column})
        self.errors.append(f"{', '.join(where)}: {message}")


def import_institutions_csv(source, *, dry_run: bool = False, user=None, filename: str | None = None) -> ImportResult:
    """Import a CSV file (a path, or a binary file object such as an upload)."""
    result = ImportResult(filename or source_name(source), dry_run)
    text = _decode(read_source(source), result)
    rows = _parse(text, result) if text is not None else []
    if result.errors:
        return result
    existing = {fold(i.acronym): i for i in Institution.objects.select_related("parent")}
    _validate(rows, existing, result)
    if result.errors:
        return result
    with transaction.atomic():
        _apply(rows, existing, result, user)
    return result


def _decode(data: bytes | str, result: ImportResult) -> str | None:
    text = source_text(data)
    if text is not None:
        return text
    result.error(None, None, _("codificação não reconhecida; salve o arquivo como CSV em UTF-8 ou Windows-1252."))
    return None


def _parse(text: str, result: ImportResult) -> list[Row]:
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        result.error(1, None, _("arquivo vazio ou sem linha de cabeçalho."))
        return []
    columns = [_key(h).replace(" ", "_") for h in header]
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            result.error(1, column, _("coluna obrigatória ausente no cabeçalho."))
    if result.errors:
        return []
    index = {c: columns.index(c) for c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if c in columns}

    rows = []
    last_line = reader.line_num
    try:
        for values in reader:
            line, last_line = last_line + 1, reader.line_num
            if not any(v.strip() for v in values):
                continue
            if any(v.strip() for v in values[len(header) :]):
                message = _(
                    "a linha tem %(found)d colunas e o cabeçalho tem %(expected)d; verifique o separador e as aspas."
                )
                result.error(line, None, message % {"found": len(values), "expected": len(header)})
                continue

            def value(column: str) -> str:
                position = index.get(column)
                return values[position].strip() if position is not None and position < len(values) else ""

            name = clean_text(value("nome"))
            rows.append(Row(line, value("sigla"), name, value("natureza"), value("uf"), value("orgao_superior")))
    except csv.Error as exc:
        result.error(last_line + 1, None, _("linha malformada (%(error)s).") % {"error": exc})
    return rows


def _validate(rows: list[Row], existing: dict[str, Institution], result: ImportResult) -> None:
    """Check every row, turning ``kind`` and ``uf`` into codes; report every problem found."""
    first_line: dict[str, int] = {}
    for row in rows:
        _validate_acronym(row, first_line, result)
        _validate_name(row, result)
        _validate_kind_and_uf(row, result)
    for row in rows:
        if row.parent and row.parent_key not in first_line and row.parent_key not in existing:
            message = _('sigla "%(parent)s" não encontrada no arquivo nem entre as instituições cadastradas.')
            result.error(row.line, "orgao_superior", message % {"parent": row.parent})
    _report_cycles([r for r in rows if first_line.get(r.key) == r.line], existing, result)


def _validate_acronym(row: Row, first_line: dict[str, int], result: ImportResult) -> None:
    if not row.acronym:
        result.error(row.line, "sigla", _("campo obrigatório não preenchido."))
    elif len(row.acronym) > ACRONYM_MAX:
        message = _("a sigla tem %(length)d caracteres; o máximo é %(max)d.")
        result.error(row.line, "sigla", message % {"length": len(row.acronym), "max": ACRONYM_MAX})
    elif row.key in first_line:
        message = _('sigla "%(acronym)s" repetida (já usada na linha %(line)d).')
        result.error(row.line, "sigla", message % {"acronym": row.acronym, "line": first_line[row.key]})
    else:
        first_line[row.key] = row.line


def _validate_name(row: Row, result: ImportResult) -> None:
    if not row.name:
        result.error(row.line, "nome", _("campo obrigatório não preenchido."))
    elif len(row.name) > NAME_MAX:
        message = _("o nome tem %(length)d caracteres; o máximo é %(max)d.")
        result.error(row.line, "nome", message % {"length": len(row.name), "max": NAME_MAX})


def _validate_kind_and_uf(row: Row, result: ImportResult) -> None:
    raw_kind, raw_uf = row.kind, row.uf
    row.kind = KIND_LOOKUP.get(_key(raw_kind), "")
    row.uf = UF_LOOKUP.get(_key(raw_uf), "")
    if not raw_kind:
        result.error(row.line, "natureza", _("campo obrigatório não preenchido."))
    elif not row.kind:
        message = _(
            'natureza "%(kind)s" desconhecida; use federal, state, municipal, justice, civil_society, '
            'international ou private, ou o nome em português (por exemplo, "Governo estadual ou distrital").'
        )
        result.error(row.line, "natureza", message % {"kind": raw_kind})
    if raw_uf and not row.uf:
        result.error(row.line, "uf", _('UF "%(uf)s" inválida.') % {"uf": raw_uf})
    elif not raw_uf and row.kind in Institution.KINDS_WITH_UF:
        message = _('UF obrigatória para instituições de natureza "%(kind)s".')
        result.error(row.line, "uf", message % {"kind": Institution.Kind(row.kind).label})


def _report_cycles(rows: list[Row], existing: dict[str, Institution], result: ImportResult) -> None:
    """Report each cycle of "órgão superior" once, at its first row in the file."""
    parent_of = {key: fold(i.parent.acronym) if i.parent_id else "" for key, i in existing.items()}
    display = {key: i.acronym for key, i in existing.items()}
    for row in rows:
        parent_of[row.key] = row.parent_key
        display[row.key] = row.acronym
    line_of = {row.key: row.line for row in rows}
    reported: set[str] = set()
    for row in rows:
        path, position, node = [], {}, row.key
        while node and node in parent_of and node not in position:
            position[node] = len(path)
            path.append(node)
            node = parent_of[node]
        if not node or node not in position:
            continue
        cycle = path[position[node] :]
        if reported.intersection(cycle):
            continue
        reported.update(cycle)
        start = min((k for k in cycle if k in line_of), key=line_of.__getitem__, default=None)
        if start is None:
            continue
        turn = cycle.index(start)
        names = [display[k] for k in cycle[turn:] + cycle[:turn]]
        message = _("ciclo de órgãos superiores: %(cycle)s.") % {"cycle": " → ".join(names + names[:1])}
        result.error(line_of[start], "orgao_superior", message)


def _depth(row: Row, rows_by_key: dict[str, Row]) -> int:
    depth, node = 0, rows_by_key.get(row.parent_key)
    while node is not None:
        depth, node = depth + 1, rows_by_key.get(node.parent_key)
    return depth


def _apply(rows: list[Row], existing: dict[str, Institution], result: ImportResult, user) -> None:
    """Create or update in parents-first order, so each row is saved once with its parent set."""
    rows_by_key = {row.key: row for row in rows}
    institutions = dict(existing)
    reason = (_("Importação CSV: %(file)s") % {"file": result.filename})[:100]
    for row in sorted(rows, key=lambda r: (_depth(r, rows_by_key), r.line)):
        institution = institutions.get(row.key)
        if institution is None:
            institution = Institution()
            result.created.append(row.acronym)
        elif _is_unchanged(institution, row):
            result.unchanged.append(row.acronym)
            continue
        else:
            result.updated.append(row.acronym)
        institution.acronym, institution.name = row.acronym, row.name
        institution.kind, institution.uf = row.kind, row.uf
        institution.parent = institutions[row.parent_key] if row.parent else None
        institutions[row.key] = institution
        if result.dry_run:
            continue
        institution._change_reason = reason
        if user is not None:
            institution._history_user = user
        institution.save()


def _is_unchanged(institution: Institution, row: Row) -> bool:
    parent_key = fold(institution.parent.acronym) if institution.parent_id else ""
    current = (institution.acronym, institution.name, institution.kind, institution.uf, parent_key)
    return current == (row.acronym, row.name, row.kind, row.uf, row.parent_key)
