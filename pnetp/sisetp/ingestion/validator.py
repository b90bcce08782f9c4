"""The one validator of a cases file: a single pass, chunk by chunk, column by column, that reports.

A layout's rows are read ``size`` at a time (``read_chunks``) and each chunk is turned into columns;
every column is converted once per distinct cell (a million rows hold a few thousand distinct
dates, codes and places), so a valid cell costs one C-level dict look-up. The row-level checks
(keys, places, a record's rows agreeing with each other) then run row by row over the converted
columns.

Every problem goes to the ``Report`` with its line, column, value and Portuguese message, in the
order of the file's rows and, within a row, of the layout's columns, then keys, places and the
record's other rows; what the layout itself reports while translating a row (a short row, an
unknown external code) comes just before that row's problems. So the report of a file does not
depend on the chunk size: ``CHUNK = 1`` gives the row-by-row report.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import compress, repeat

from django.utils.translation import gettext as _

from ..standard import layout
from .issues import Report
from .lookups import Lookups
from .reading import FileProblem
from .validation import (
    AGE_BAND_COLUMN,
    AGE_BANDS,
    BRAZIL,
    CASE_FIELDS,
    EVENT_FIELDS,
    MULTI_FIELDS,
    PERSON_FIELDS,
    Bad,
    ColumnSpec,
    Person,
    Record,
    column_specs,
)

CHUNK = 50_000  # rows validated at a time: bounds memory on a million-row file
_CACHE_MAX = 100_000  # distinct cells remembered per column: values repeat, identifiers would not
_AGE, _BAND = PERSON_FIELDS.index("age_at_identification"), PERSON_FIELDS.index("age_band")
_CASE_COLUMN = {column.target: column.name for column in layout.CASE_PERSON.columns}


@dataclass
class Chunk:
    """Rows of a file as columns of the standard layout."""

    lines: list[int]
    columns: dict[str, list]  # standard column → its cells (None where the row has no such cell)
    before: dict[int, Report] = field(default_factory=dict)  # row index → what the layout reported reading it
    after: Report | None = None  # what the layout reported after the last row (the last chunk only)


def read_chunks(translator, table, names, size: int = CHUNK) -> Iterator[Chunk]:
    """``table``'s rows, through the layout ``translator``, as chunks of ``size`` rows of the columns ``names``.

    While reading, the layout reports into a report of its own, handed out with the row it preceded
    (``Chunk.before``), so the validator can put it in its place. A ``FileProblem`` met while reading
    (a cap reached) is raised after the chunk of the rows read before it.
    """
    if translator.positional:  # cells in the header's order: transposed at C speed
        position = {name: index for index, name in enumerate(table.header)}
        rows = translator.cells(table)

        def columns(items):
            transposed = list(zip(*items)) if items else [[]] * len(table.header)
            absent = [None] * len(items)
            return {name: transposed[position[name]] if name in position else absent for name in names}
    else:
        rows = translator.rows(table)

        def columns(items):
            return {name: [row.get(name) for row in items] for name in names}

    main = translator.report
    staging = translator.report = Report()
    lines, items, before = [], [], {}
    try:
        for line, row in rows:
            if staging.total:
                before[len(items)] = staging
                staging = translator.report = Report()
            lines.append(line)
            items.append(row)
            if len(items) == size:
                yield Chunk(lines, columns(items), before)
                lines, items, before = [], [], {}
    except FileProblem:
        yield Chunk(lines, columns(items), before, staging if staging.total else None)
        raise
    finally:
        translator.report = main
    yield Chunk(lines, columns(items), before, staging if staging.total else None)


class _Column(dict):
    """Raw cell → converted value of one column (a ``Bad`` for a problem), filled on first sight of a cell."""

    def __init__(self, spec: ColumnSpec, missing: Bad):
        super().__init__()
        self.convert, self.required, self.missing = spec.convert, spec.required, missing
        name = PERSON_FIELDS[spec.slot.index] if spec.slot.kind == "person" else ""
        self.blank = () if name in MULTI_FIELDS else None
        self.sort = name == "citizenships"
        self.flawed = False  # a Bad was seen: its cells must be looked for

    def __missing__(self, raw):
        text = raw.strip() if raw else ""
        if not text:
            value = self.missing if self.required else self.blank
        else:
            try:
                value = self.convert(text)
            except Bad as error:
                value = error
            else:
                if self.sort:
                    value = tuple(sorted(value))
        if isinstance(value, Bad):
            self.flawed = True
        if len(self) < _CACHE_MAX:
            self[raw] = value
        return value


class Validator:
    """Validates the rows of one file, chunk by chunk, into ``records`` and the ``report``."""

    def __init__(self, source, report: Report, file_name: str, lookups: Lookups, *, origin: dict | None = None):
        self.source = source
        self.report = report
        self.file_name = file_name
        self.lookups = lookups
        self.origin = {} if origin is None else origin  # standard column → file column (layouts fill it later)
        self.specs = column_specs(lookups)
        self.records: dict[str, Record] = {}
        self.rows = 0
        self._seen: dict[tuple[str, str], int] = {}
        self._columns: dict[str, _Column] = {}
        self._missing = Bad(_("valor obrigatório ausente"))

    @property
    def names(self) -> list[str]:
        return [spec.name for spec in self.specs]

    def activate(self, columns) -> None:
        """Check only the columns a file has (and the required ones): most files fill a few dozen."""
        wanted = {*columns, AGE_BAND_COLUMN}
        self.specs = [spec for spec in self.specs if spec.name in wanted or spec.required]

    def check_header(self, columns, *, line: int = 1) -> bool:
        """Missing required columns are reported once, on the header line; False stops the file."""
        missing = [name for name in layout.CASE_PERSON.header if layout.column(name).required and name not in columns]
        for name in missing:
            self.report.add(self.file_name, line, self.origin.get(name, name), "", _("coluna obrigatória ausente"))
        return not missing

    def validate(self, chunks, tick=None) -> None:
        """Every chunk; ``tick("validando", rows)`` after each."""
        for chunk in chunks:
            self.add(chunk)
            if tick:
                tick("validando", len(chunk.lines))

    def add(self, chunk: Chunk) -> None:
        count = len(chunk.lines)
        flaws: dict[int, list] = {}  # row index → (column, value, message) in the columns' order
        blank = [None] * count
        keys = {"fonte": blank, "id_registro": blank, "id_pessoa": blank}
        case = [blank] * len(CASE_FIELDS)
        person = [[() if name in MULTI_FIELDS else None] * count for name in PERSON_FIELDS]
        events, transit = {}, blank
        for spec in self.specs:
            values = self._values(spec, chunk.columns[spec.name], flaws)
            slot = spec.slot
            if slot.kind == "key":
                keys[spec.name] = values
            elif slot.kind == "case":
                case[slot.index] = values
            elif slot.kind == "person":
                person[slot.index] = values
            elif slot.kind == "event":
                events.setdefault(slot.event, [blank] * len(EVENT_FIELDS))[slot.index] = values
            else:
                transit = values
        # An age gives the band; without one, the band column's value stands.
        person[_BAND] = [band if age is None else AGE_BANDS[age] for age, band in zip(person[_AGE], person[_BAND])]
        rows = zip(chunk.lines, keys["id_registro"], keys["id_pessoa"], keys["fonte"], zip(*case), transit)
        persons = map(Person._make, zip(*person))
        for i, ((line, record_id, person_id, slug, case_values, passing), values) in enumerate(zip(rows, persons)):
            if chunk.before and i in chunk.before:
                self.report.extend(chunk.before[i])
            row_flaws = flaws.get(i)
            if row_flaws:
                for name, text, message in row_flaws:
                    self._problem(line, name, text, message)
            self.rows += 1
            if not self._keys_ok(line, record_id, person_id, slug):
                continue
            row_events = {}
            for kind, (dates, _precisions, municipalities, ufs, countries) in events.items():
                date, municipality, uf, country = dates[i], municipalities[i], ufs[i], countries[i]
                if date is None and municipality is None and uf is None and country is None:
                    continue
                row_events[kind] = [*(date or (None, None)), municipality, uf, country]
            if (row_events and not self._places_ok(line, row_events)) or row_flaws:
                continue
            if passing:
                row_events["transito"] = passing
            self._assemble(line, record_id, person_id, list(case_values), row_events, values)
        if chunk.after:
            self.report.extend(chunk.after)

    def _values(self, spec: ColumnSpec, cells, flaws: dict) -> list:
        """The column's values, None where a cell has a problem (put in ``flaws``)."""
        if spec.convert is None:  # a key: nearly every cell distinct, so no per-distinct mapping
            values = (
                list(map(str.strip, cells)) if None not in cells else [cell.strip() if cell else "" for cell in cells]
            )
            if "" in values:
                for i in compress(range(len(values)), [not value for value in values]):
                    if spec.required:
                        flaws.setdefault(i, []).append((spec.name, "", str(self._missing)))
                    values[i] = None
            return values
        column = self._columns.get(spec.name)
        if column is None:
            column = self._columns[spec.name] = _Column(spec, self._missing)
        values = list(map(column.__getitem__, cells))
        if column.flawed:
            for i in compress(range(len(values)), map(isinstance, values, repeat(Bad))):
                text = cells[i].strip() if cells[i] else ""
                flaws.setdefault(i, []).append((spec.name, text, str(values[i])))
                values[i] = None
        return values

    def _problem(self, line, column, value, message):
        self.report.add(self.file_name, line, self.origin.get(column, column), value, message)

    def _keys_ok(self, line, record_id, person_id, slug) -> bool:
        ok = True
        if slug is not None and slug != self.source.slug:
            self._problem(line, "fonte", slug, _("a fonte do arquivo não é %(slug)s") % {"slug": self.source.slug})
            ok = False
        if record_id is None or person_id is None:
            return False
        if len(record_id) > 100:
            self._problem(line, "id_registro", record_id, _("mais de 100 caracteres"))
            ok = False
        if len(person_id) > 50:
            self._problem(line, "id_pessoa", person_id, _("mais de 50 caracteres"))
            ok = False
        first = self._seen.setdefault((record_id, person_id), line)
        if first != line:
            self._problem(
                line,
                "id_registro",
                f"{record_id}/{person_id}",
                _("identificador duplicado no arquivo: a mesma pessoa do mesmo registro já está na linha %(line)s")
                % {"line": first},
            )
            ok = False
        return ok

    def _places_ok(self, line, events) -> bool:
        """A municipality gives its UF, a UF gives Brazil; a contradiction is a problem."""
        ok = True
        for kind, values in events.items():
            municipality, uf, country = values[2], values[3], values[4]
            if municipality is not None:
                municipality_uf = self.lookups.municipality_uf[municipality]
                if uf is not None and uf != municipality_uf:
                    abbreviation = self.lookups.uf_abbreviation.get(uf, uf)
                    self._problem(line, f"uf_{kind}", abbreviation, _("o município não pertence a esta UF"))
                    ok = False
                values[3] = uf = municipality_uf
            if uf is not None:
                if country not in (None, BRAZIL):
                    self._problem(line, f"pais_{kind}", country, _("município e UF só existem no Brasil"))
                    ok = False
                values[4] = BRAZIL
        return ok

    def _assemble(self, line, record_id, person_id, case, events, person: Person) -> None:
        record = self.records.get(record_id)
        if record is None:
            self.records[record_id] = Record(line, case, events, {person_id: person})
            return
        record.persons[person_id] = person
        # Case columns repeat on every person's row: blanks take the value given on another row.
        for index, value in enumerate(case):
            if value is None:
                continue
            if record.case[index] is None:
                record.case[index] = value
            elif record.case[index] != value:
                self._conflict(line, _CASE_COLUMN[f"case.{CASE_FIELDS[index]}"], value, record.line)
        for kind, values in events.items():
            known = record.events.get(kind)
            if known is None:
                record.events[kind] = values
            elif known != values:
                self._conflict(line, f"eventos ({kind})", "", record.line)

    def _conflict(self, line, column, value, first_line):
        self._problem(
            line,
            column,
            value,
            _("valor diferente do informado na linha %(line)s para o mesmo registro") % {"line": first_line},
        )
