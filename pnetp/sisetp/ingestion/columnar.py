"""Validating a standard-layout CSV column by column: the fast path for valid files.

The row validator (``validation.RowValidator.add``) walks ~34 columns per row in Python. Here each
chunk of rows is transposed and every column converted once per distinct value (a million rows
hold a few thousand distinct dates, codes and places), then records are assembled from the
converted columns with the row validator's own key, place and assembly checks.

It only answers "valid, here are the records" or "not sure": at the first problem of any kind it
gives up, and the caller validates the file again row by row, so a report of problems is always
the row validator's, message for message and in the same order.
"""

from collections.abc import Callable
from itertools import islice, repeat

from ..models.persons import TERM_FIELDS
from .issues import Report
from .validation import (
    _AGE_BANDS,
    AGE_BAND_COLUMN,
    CASE_FIELDS,
    PERSON_FIELDS,
    _CACHE_MAX,
    Bad,
    RowValidator,
    converted,
)

CHUNK = 50_000  # rows transposed at a time: bounds memory on a million-row file
WRITE_CHUNK = 20_000  # rows per chunk of ``chunks``: each is written while the next is validated
_MULTI = {PERSON_FIELDS.index(name) for name in (*TERM_FIELDS, "citizenships")}
_CITIZENSHIPS = PERSON_FIELDS.index("citizenships")
_AGE, _BAND = PERSON_FIELDS.index("age_at_identification"), PERSON_FIELDS.index("age_band")


class _GiveUp(Exception):
    """Something in the chunk is not valid: let the row validator find and report it."""


GiveUp = _GiveUp


class Late(Exception):
    """A row of a record that ``chunks`` already handed out: the file is not grouped by record."""


def validate(
    table, source, file_name: str, lookups, columns, *, origin=None, tick: Callable[[str, int], None] | None = None
) -> RowValidator | None:
    """A RowValidator holding the file's records if every row is valid, else None (nothing reported).

    ``table``: an open standard-layout CSV whose header already passed ``check_header``;
    ``columns``: the standard columns the import provides (as for ``RowValidator.activate``).
    """
    validator = RowValidator(source, Report(), file_name, lookups, origin=origin)
    validator.activate(columns)
    position = {name: index for index, name in enumerate(table.header)}
    width = len(table.header)
    chunk = []
    try:
        for row in table.rows:
            chunk.append(row)
            if len(chunk) == CHUNK:
                _chunk(validator, chunk, position, width)
                chunk = []
        if chunk:
            _chunk(validator, chunk, position, width)
    except _GiveUp:
        return None
    if not validator.report.ok:
        return None
    if tick:  # once, at the end: if this path gives up, the row validator counts the rows again
        tick("validando", validator.rows)
    return validator


def chunks(validator: RowValidator, table, written: set):
    """Validate ``table`` chunk by chunk, yielding (rows, record ids) as the records become complete.

    A record is handed out once the chunk after the one that began it is validated (its rows may
    straddle a chunk boundary), and added to ``written``; a later row of it raises ``Late``. The
    last yield hands out the rest. ``GiveUp`` at the first problem, as ``validate``.
    """
    position = {name: index for index, name in enumerate(table.header)}
    width = len(table.header)
    records = validator.records
    pending, chunk = [], []
    rows = iter(table.rows)
    while True:
        chunk = list(islice(rows, WRITE_CHUNK))
        if not chunk:
            break
        before = len(records)
        _chunk(validator, chunk, position, width, written)
        if not validator.report.ok:
            raise _GiveUp
        # dicts keep insertion order: the records this chunk began are the newest keys
        began = list(islice(reversed(records), len(records) - before))
        began.reverse()
        written.update(pending)
        yield len(chunk), pending
        pending = began
    written.update(pending)
    yield 0, pending


def _converted(spec, cells, by_raw: dict) -> list:
    """The column's values, converted once per distinct cell; _GiveUp on a blank required or bad cell.

    ``by_raw``: this validation's ``_Column`` per column name, kept from chunk to chunk so a value
    seen before is one C-level dict hit (no Python per cell).
    """
    name, slot, convert, cache, required = spec
    if convert is None:  # identifiers: nearly every cell distinct, so no per-distinct mapping
        values = list(map(str.strip, cells))
        if "" in values:
            if required:
                raise _GiveUp
            values = [value or None for value in values]
        return values
    column = by_raw.get(name)
    if column is None:
        column = by_raw[name] = _Column(spec)
    return list(map(column.__getitem__, cells))


class _Column(dict):
    """Raw cell → converted value of one column, filled on first sight of each cell."""

    def __init__(self, spec):
        super().__init__()
        _name, slot, self.convert, self.cache, self.required = spec
        self.multi = slot[0] == "person" and slot[1] in _MULTI
        self.citizenships = self.multi and slot[1] == _CITIZENSHIPS

    def __missing__(self, raw):
        text = raw.strip()
        if not text:
            if self.required:
                raise _GiveUp
            value = () if self.multi else None
        else:
            value = converted(self.convert, self.cache, text)
            if isinstance(value, Bad):
                raise _GiveUp
            if self.citizenships:
                value = tuple(sorted(value))  # as RowValidator.add sorts them
        if len(self) < _CACHE_MAX:
            self[raw] = value
        return value


def _chunk(validator: RowValidator, chunk, position: dict, width: int, written: set | None = None) -> None:
    for _line, cells in chunk:
        if len(cells) != width:
            raise _GiveUp
    transposed = list(zip(*(cells for _line, cells in chunk), strict=True))
    count = len(chunk)
    blank = [None] * count
    keys, case, person, events, transit = {}, [blank] * len(CASE_FIELDS), [blank] * len(PERSON_FIELDS), {}, None
    for index in _MULTI:
        person[index] = [()] * count
    band = blank
    by_raw = validator.__dict__.setdefault("_columnar_by_raw", {})
    for spec in validator.columns:
        name, slot = spec[0], spec[1]
        at = position.get(name)
        if at is None:
            if spec[4]:
                raise _GiveUp
            continue
        values = _converted(spec, transposed[at], by_raw)
        kind = slot[0]
        if name == AGE_BAND_COLUMN:
            band = values
        elif kind == "key":
            keys[name] = values
        elif kind == "case":
            case[slot[1]] = values
        elif kind == "person":
            person[slot[1]] = values
        elif kind == "event":
            events.setdefault(slot[1], {})[slot[2]] = values
        else:
            transit = values
    # An age gives the band (as in RowValidator.add); without one, the band column's value stands.
    ages = person[_AGE]
    person[_BAND] = [band[i] if age is None else _AGE_BANDS[age] for i, age in enumerate(ages)]
    del transposed
    record_ids, person_ids = keys.get("id_registro", blank), keys.get("id_pessoa", blank)
    sources = keys.get("fonte", blank)
    case_rows = zip(*case, strict=True)
    person_rows = zip(*person, strict=True)
    event_columns = [
        (kind, columns.get(0, blank), columns.get(2, blank), columns.get(3, blank), columns.get(4, blank))
        for kind, columns in events.items()
    ]
    transit = transit or repeat(None)
    report = validator.report
    check_keys, check_places, assemble = validator._check_keys, validator._check_places, validator._assemble
    for i, (line, _cells), case_values, person_values, passing in zip(
        range(count), chunk, case_rows, person_rows, transit, strict=False
    ):
        validator.rows += 1
        row_keys = {"id_registro": record_ids[i], "id_pessoa": person_ids[i]}
        if sources[i] is not None:
            row_keys["fonte"] = sources[i]
        if not check_keys(line, row_keys):
            raise _GiveUp
        row_events = {}
        for kind, dates, municipalities, ufs, countries in event_columns:
            date, municipality, uf, country = dates[i], municipalities[i], ufs[i], countries[i]
            if date is None and municipality is None and uf is None and country is None:
                continue
            row_events[kind] = [*(date or (None, None)), municipality, uf, country]
        if row_events and not check_places(line, row_events):
            raise _GiveUp
        if passing:
            row_events["transito"] = passing
        if written and record_ids[i] in written:
            raise Late
        assemble(line, record_ids[i], person_ids[i], list(case_values), row_events, person_values)
        if report.total:
            raise _GiveUp

