"""What a file does not carry stays as stored: the merge of an update with the case it replaces.

A column absent from the file (not in its header, or not mapped) says nothing about its field, so an
update keeps the stored value; only a present, empty cell means "unknown" and empties it. The merge
happens after planning (``settle``), on the cases the plan would update: each is read back, the
absent fields taken from it, and the case compared again (equal → unchanged). The same reading gives
the counts a write will do on persons (new, updated, removed from a case) and the values it empties,
so a preview can tell them before anything is written.

Age and band go together: without an ``idade`` column the stored age stays only while it falls in
the band the file gives; without both columns both stay.
"""

from dataclasses import dataclass

from ..standard import layout
from .validation import AGE_BAND_COLUMN, AGE_BANDS, CASE_FIELDS, PERSON_FIELDS, PLACE_EVENTS, Record, column_slot
from .writer import chunked, load_records

_AGE, _BAND = PERSON_FIELDS.index("age_at_identification"), PERSON_FIELDS.index("age_band")
_LOAD_CHUNK = 500  # cases read back at a time (their persons and links go in one query each)


@dataclass(frozen=True)
class Absent:
    """The fields of a record that no column of the file carries."""

    case: frozenset = frozenset()  # indices of CASE_FIELDS
    person: frozenset = frozenset()  # indices of PERSON_FIELDS
    dates: frozenset = frozenset()  # event kinds without a date column
    places: frozenset = frozenset()  # event kinds without a municipality, UF or country column
    transit: bool = False

    def __bool__(self) -> bool:
        return bool(self.case or self.person or self.dates or self.places or self.transit)


def absent_fields(columns) -> Absent:
    """The ``Absent`` of a file that carries the standard ``columns`` (``Layout.provided_columns``)."""
    columns = set(columns)
    case, person, dates, places, transit = set(), set(), set(PLACE_EVENTS), set(PLACE_EVENTS), True
    for column in layout.CASE_PERSON.columns:
        slot = column_slot(column)
        carried = column.name in columns
        if slot.kind == "case" and not carried:
            case.add(slot.index)
        elif slot.kind == "person" and not carried:
            person.add(slot.index)
        elif slot.kind == "event" and carried:
            (dates if slot.index == 0 else places).discard(slot.event)
        elif slot.kind == "transit" and carried:
            transit = False
    if AGE_BAND_COLUMN not in columns and "idade" not in columns:  # no column of the layout targets the band
        person.add(_BAND)
    return Absent(frozenset(case), frozenset(person), frozenset(dates), frozenset(places), transit)


def merge(record: Record, stored: Record, absent: Absent) -> Record:
    """``record`` with the fields in ``absent`` taken from ``stored`` (the same case as stored now)."""
    case = list(record.case)
    for index in absent.case:
        case[index] = stored.case[index]
    persons = {}
    for person_id, values in record.persons.items():
        before = stored.persons.get(person_id)
        if before is not None and absent.person:
            merged = list(values)
            for index in absent.person:
                merged[index] = before[index]
            if _AGE in absent.person and _BAND not in absent.person and merged[_AGE] is not None:
                if AGE_BANDS.get(merged[_AGE]) != merged[_BAND]:  # the file's band contradicts the stored age
                    merged[_AGE] = None
            values = tuple(merged)
        persons[person_id] = values
    events = {kind: value for kind, value in record.events.items() if kind != "transito"}
    for kind in PLACE_EVENTS:
        values = list(events.get(kind) or [None] * 5)
        before = stored.events.get(kind) or [None] * 5
        if kind in absent.dates:
            values[0:2] = before[0:2]
        if kind in absent.places:
            values[2:5] = before[2:5]
        if any(value is not None for value in values):
            events[kind] = values
        else:
            events.pop(kind, None)
    transit = stored.events.get("transito") if absent.transit else record.events.get("transito")
    if transit:
        events["transito"] = tuple(transit)
    return Record(record.line, case, events, persons)


def stored_records(case_pks) -> dict:
    """case pk → its Record as stored, read in chunks."""
    records = {}
    for chunk in chunked(case_pks, _LOAD_CHUNK):
        records.update(load_records(chunk))
    return records


def settle(todo, absent: Absent) -> dict:
    """Merge the cases ``todo`` (a ``writer.Plan``) would update with their stored state; those then
    equal to it move to ``unchanged``. Returns case pk → stored Record of the cases still updated."""
    stored = stored_records([item[3] for item in todo.update])
    if not absent:
        return stored
    kept = []
    for item in todo.update:
        record_id, record, _fingerprint, pk, previous_batch, previous = item
        before = stored[pk]
        record = merge(record, before, absent)
        fingerprint = record.fingerprint(like=previous)
        if fingerprint == previous or record.canonical() == before.canonical():
            todo.unchanged.append((record_id, record))
            del stored[pk]
        else:
            kept.append((record_id, record, fingerprint, pk, previous_batch, previous))
    todo.update[:] = kept
    return stored


def _empty(value) -> bool:
    return value is None or value == () or value == []


def plan_counts(todo, stored: dict) -> dict:
    """What writing ``todo`` will do, with ``stored`` from ``settle``: cases and persons created, updated,
    unchanged and removed from their case, and per field how many stored values an update empties."""
    counts = {
        "cases_created": len(todo.create),
        "cases_updated": len(todo.update),
        "cases_unchanged": len(todo.unchanged),
        "persons_created": sum(len(record.persons) for _rid, record, _fp in todo.create),
        "persons_updated": 0,
        "persons_deleted": 0,
        "persons_unchanged": sum(len(record.persons) for _rid, record in todo.unchanged),
    }
    emptied: dict[str, int] = {}
    for _record_id, record, _fingerprint, pk, *_rest in todo.update:
        before = stored[pk]
        for index, name in enumerate(CASE_FIELDS):
            if _empty(record.case[index]) and not _empty(before.case[index]):
                emptied[name] = emptied.get(name, 0) + 1
        for person_id, values in record.persons.items():
            old = before.persons.get(person_id)
            if old is None:
                counts["persons_created"] += 1
                continue
            counts["persons_updated"] += 1
            for index, name in enumerate(PERSON_FIELDS):
                if _empty(values[index]) and not _empty(old[index]):
                    emptied[name] = emptied.get(name, 0) + 1
        counts["persons_deleted"] += sum(1 for person_id in before.persons if person_id not in record.persons)
        for kind in (*PLACE_EVENTS, "transito"):
            if before.events.get(kind) and not record.events.get(kind):
                emptied[f"evento_{kind}"] = emptied.get(f"evento_{kind}", 0) + 1
    counts["emptied"] = emptied
    return counts


def new_persons(todo, stored: dict) -> set:
    """(record id, person id) of every person writing ``todo`` creates (``stored`` from ``settle``)."""
    keys = {(record_id, person_id) for record_id, record, _fp in todo.create for person_id in record.persons}
    for record_id, record, _fingerprint, pk, *_rest in todo.update:
        keys.update((record_id, person_id) for person_id in record.persons if person_id not in stored[pk].persons)
    return keys
