"""CSV import of the institution directory.

Columns: ``sigla,nome,natureza,uf,orgao_superior`` (``uf`` and ``orgao_superior`` may be left out).
- natureza: a code (``federal``, ``state``...) or its Portuguese name, ignoring case and accents;
- orgao_superior: the sigla of another row of the same file, in any order, or of a registered institution;
- encoding UTF-8 (with or without BOM) or Windows-1252; separator comma or semicolon.

All or nothing: every row is validated first and any error means nothing is written; each error
reads "ARQUIVO, linha N, campo X: explicação". Rows are matched to registered institutions by
sigla (ignoring case and accents), so importing the same file twice changes nothing.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pnetp.core.csv_import import CsvImportReport, read_table
from pnetp.core.files import source_name
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
class ImportResult(CsvImportReport):
    def column_word(self) -> str:
        return _("campo %(column)s")

    def summary(self) -> str:
        parts = [
            ngettext("%(n)d criada", "%(n)d criadas", len(self.created)) % {"n": len(self.created)},
            ngettext("%(n)d atualizada", "%(n)d atualizadas", len(self.updated)) % {"n": len(self.updated)},
            ngettext("%(n)d sem alteração", "%(n)d sem alteração", len(self.unchanged)) % {"n": len(self.unchanged)},
        ]
        return self.simulation(_("Instituições: %(parts)s.") % {"parts": ", ".join(parts)})


def import_institutions_csv(source, *, dry_run: bool = False, user=None, filename: str | None = None) -> ImportResult:
    """Import a CSV file (a path, or a binary file object such as an upload)."""
    result = ImportResult(filename or source_name(source), dry_run)
    table = read_table(
        source,
        result,
        required=REQUIRED_COLUMNS,
        optional=OPTIONAL_COLUMNS,
        column_key=lambda h: _key(h).replace(" ", "_"),
    )
    rows = [
        Row(line, c["sigla"], clean_text(c["nome"]), c["natureza"], c.get("uf", ""), c.get("orgao_superior", ""))
        for line, c in table
    ]
    if result.errors:
        return result
    existing = {fold(i.acronym): i for i in Institution.objects.select_related("parent")}
    _validate(rows, existing, result)
    if result.errors:
        return result
    with transaction.atomic():
        _apply(rows, existing, result, user)
    return result


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
