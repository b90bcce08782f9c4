"""Writing validated records: bulk inserts and updates in chunks, with history, inside the caller's transaction.

A case is compared by its fingerprint: equal → untouched; different → the case, its persons and
events are rewritten in place (same primary keys and pseudonyms), the previous state kept for a
rollback. Not recorded in history: events and the multi-valued links (rewritten as a whole on each
update) and persons that left a case (deleted) — the batch's ``replaced`` keeps that previous state.

Audit policy for imports (history):
- rows an import CREATES (``Writer.create``: cases, persons) get no simple_history "+" row each: the
  creation is recorded once by the ``ImportBatch`` (who, when, file SHA-256, reason, counts) and
  every created row carries the batch id; ``provenance.creation_batch`` tells which batch created a
  record (the admin history pages show it). This is most of what a million-record import writes.
- rows an import UPDATES keep one "~" row each, in bulk, as a save would; persons added to an
  existing case by an update keep their "+" row (few, and the update path is the ORM's).
- the values a row had when created stay recoverable: they are the batch's file (SHA-256 on the
  batch) and, once an import updates the row, the updating batch's ``replaced``.
"""

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice

from django.utils import timezone

from ..models import Case, CasePerson, Event, TERM_FIELDS
from ..models.cases import current_standard_version
from . import fastinsert
from .pg_keys import NewRowChecks
from .lookups import Lookups
from .validation import CASE_FIELDS, EVENT_FIELDS, PERSON_FIELDS, PERSON_SCALARS, PLACE_EVENTS, Record

CHUNK = 2000
CREATE_CHUNK = 20_000  # new cases built, then inserted on a second thread while the next are built
_CASE_COLUMNS = [
    "id", "source_id", "source_record_id", "standard_version_id", *CASE_FIELDS, "batch_id", "import_fingerprint",
    "created_at", "updated_at",
]  # fmt: skip
_PERSON_COLUMNS = ["id", "case_id", "source_person_id", "pseudonym", "batch_id", *PERSON_SCALARS]
_EVENT_COLUMNS = [
    "case_id", "kind", "sequence", "date", "date_precision", "municipality_id", "federative_unit_id", "country_id"
]  # fmt: skip
_QUERY_CHUNK = 900  # below SQLite's limit of bound parameters
_CITIZENSHIPS = PERSON_FIELDS.index("citizenships")


def chunked(items: Iterable, size: int):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass
class Counts:
    cases_created: int = 0
    cases_updated: int = 0
    cases_unchanged: int = 0
    persons_created: int = 0
    persons_updated: int = 0
    persons_deleted: int = 0
    persons_unchanged: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Plan:
    """What a write would do, found before writing (used for dry runs as well)."""

    create: list = field(default_factory=list)  # (record_id, Record, None): fingerprinted when written
    update: list = field(default_factory=list)  # (record_id, Record, fingerprint, case pk, previous batch, fingerprint)
    unchanged: list = field(default_factory=list)  # (record_id, Record)


def existing_cases(source, record_ids: list) -> dict:
    """record id → (pk, batch id, fingerprint) of the cases the source already has among ``record_ids``."""
    queryset = Case.objects.filter(source=source)
    fields = ("source_record_id", "pk", "batch_id", "import_fingerprint")
    if len(record_ids) > 20 * _QUERY_CHUNK:  # large files: one pass over the source
        return {row[0]: row[1:] for row in queryset.values_list(*fields).iterator(chunk_size=10000)}
    found = {}
    for chunk in chunked(record_ids, _QUERY_CHUNK):
        found.update((row[0], row[1:]) for row in queryset.filter(source_record_id__in=chunk).values_list(*fields))
    return found


def plan(source, records: dict[str, Record]) -> Plan:
    """Sort ``records`` into create / update / unchanged.

    A new case's fingerprint is left None: ``Creating.add`` digests it while the previous chunk's
    inserts run (on a fresh import, most of the plan's work, moved out of the time nothing is written).
    """
    result = Plan()
    existing = existing_cases(source, list(records))
    for record_id, record in records.items():
        known = existing.get(record_id)
        if known is None:
            result.create.append((record_id, record, None))
            continue
        fingerprint = record.fingerprint(like=known[2])
        if known[2] == fingerprint:
            result.unchanged.append((record_id, record))
        else:
            result.update.append((record_id, record, fingerprint, known[0], known[1], known[2]))
    return result


class Writer:
    def __init__(self, source, lookups: Lookups, *, user=None, reason: str = "", progress: Callable | None = None):
        self.source = source
        self.lookups = lookups
        self.user = user if getattr(user, "is_authenticated", False) else None
        self.reason = reason
        self.progress = progress or (lambda count: None)
        self.now = timezone.now()
        self.version_id = current_standard_version()
        self.counts = Counts()
        # record id → pk of its first person, for the cases ``create`` wrote: their persons got
        # consecutive pks in the record's order, so the identity writer needs no query to find them.
        self.first_person_pk: dict[str, int] = {}
        self.through = {name: CasePerson._meta.get_field(name) for name in (*TERM_FIELDS, "citizenships")}

    # -- history -------------------------------------------------------------------------------
    def _history(self, model, objects, *, update: bool) -> None:
        model.history.bulk_history_create(
            objects,
            batch_size=CHUNK,
            update=update,
            default_user=self.user,
            default_change_reason=self.reason,
            default_date=self.now,
        )

    # -- building rows --------------------------------------------------------------------------
    def _case_values(self, record: Record) -> dict:
        return dict(zip(CASE_FIELDS, record.case, strict=True))

    def _person(self, case_id: int, person_id: str, values: tuple, batch_id) -> CasePerson:
        person = CasePerson(case_id=case_id, source_person_id=person_id, batch_id=batch_id)
        for index, name in enumerate(PERSON_SCALARS):
            setattr(person, name, values[index])
        return person

    def _events(self, case_id: int, record: Record) -> list[Event]:
        events = []
        for kind in PLACE_EVENTS:
            values = record.events.get(kind)
            if values:
                data = dict(zip(EVENT_FIELDS, values, strict=True))
                events.append(
                    Event(
                        case_id=case_id,
                        kind=kind,
                        sequence=1,
                        date=data["date"],
                        date_precision=data["date_precision"],
                        municipality_id=data["municipality"],
                        federative_unit_id=data["federative_unit"],
                        country_id=data["country"],
                    )
                )
        for sequence, country in enumerate(record.events.get("transito", ()), start=1):
            events.append(Event(case_id=case_id, kind="transito", sequence=sequence, country_id=country))
        return events

    def _links(self, persons_with_values) -> None:
        """Insert the multi-valued links of (person, values) pairs, one bulk insert per field."""
        term_ids = self.lookups.term_ids
        for name, field_ in self.through.items():
            index = PERSON_FIELDS.index(name)
            through = field_.remote_field.through
            own, other = f"{field_.m2m_field_name()}_id", f"{field_.m2m_reverse_field_name()}_id"
            if name == "citizenships":
                rows = [
                    through(**{own: p.pk, other: code}) for p, values in persons_with_values for code in values[index]
                ]
            else:
                vocabulary = TERM_FIELDS[name]
                rows = [
                    through(**{own: p.pk, other: term_ids[(vocabulary, code)]})
                    for p, values in persons_with_values
                    for code in values[index]
                ]
            if rows:
                through.objects.bulk_create(rows, batch_size=CHUNK)

    # -- create -------------------------------------------------------------------------------------
    def create(self, items, batch_id, *, alongside: Callable | None = None) -> None:
        """New cases, with raw inserts (see ``fastinsert``); ``items``: (record id, Record, fingerprint).

        ``alongside(creating, persons)`` runs after each chunk's inserts have started, with the persons
        written so far, and once more at the end with None (the identity file is checked then; jobs it
        adds to ``creating.extra`` run with the next inserts).
        """
        creating = self.creating(batch_id, cases=len(items), persons=sum(len(item[1].persons) for item in items))
        persons = 0
        try:
            for chunk in chunked(items, CREATE_CHUNK):
                creating.add(chunk)
                if alongside is not None:
                    persons += sum(len(item[1].persons) for item in chunk)
                    alongside(creating, persons)
            if alongside is not None:
                alongside(creating, None)
            creating.finish()
        finally:
            creating.close()

    def creating(self, batch_id, *, cases: int, persons: int) -> "Creating":
        """A ``Creating`` for this writer: ``add`` chunks of new cases (``cases`` and ``persons`` in all),
        then ``close``."""
        return Creating(self, batch_id, cases, persons)

    def person_pk(self, records: dict[str, Record], record_id: str, person_id: str) -> int | None:
        """The pk ``create`` gave to person ``person_id`` of record ``record_id``; None if it did not create it."""
        first = self.first_person_pk.get(record_id)
        if first is None or person_id not in records[record_id].persons:
            return None
        for offset, known in enumerate(records[record_id].persons):
            if known == person_id:
                return first + offset

    def _event_rows(self, case_id: int, record: Record):
        for kind in PLACE_EVENTS:
            values = record.events.get(kind)
            if values:
                yield (case_id, kind, 1, *values)
        for sequence, country in enumerate(record.events.get("transito", ()), start=1):
            yield (case_id, "transito", sequence, None, None, None, None, country)

    def _write_children(self, cases_with_records, existing_persons=None) -> None:
        created, updated = [], []
        existing_persons = existing_persons or {}
        for case, record in cases_with_records:
            for person_id, values in record.persons.items():
                person = self._person(case.pk, person_id, values, case.batch_id)
                known = existing_persons.get((case.pk, person_id))
                if known is None:
                    created.append((person, values))
                else:
                    person.pk, person.pseudonym = known
                    updated.append((person, values))
        persons = [p for p, _v in created]
        CasePerson.objects.bulk_create(persons, batch_size=CHUNK)
        self._history(CasePerson, persons, update=False)
        if updated:
            objects = [p for p, _v in updated]
            CasePerson.objects.bulk_update(objects, ["batch", *PERSON_SCALARS], batch_size=CHUNK)
            self._history(CasePerson, objects, update=True)
        self._links(created + updated)
        Event.objects.bulk_create(
            [event for case, record in cases_with_records for event in self._events(case.pk, record)], batch_size=CHUNK
        )
        self.counts.persons_created += len(created)
        self.counts.persons_updated += len(updated)

    # -- update -------------------------------------------------------------------------------------
    def update(self, items, batch_id) -> None:
        """``items``: (record id, Record, fingerprint, case pk[, batch id]): rewrite these cases in place."""
        for chunk in chunked(items, CHUNK):
            case_pks = [item[3] for item in chunk]
            by_pk = Case.objects.in_bulk(case_pks)
            cases = []
            for item in chunk:
                case = by_pk[item[3]]
                for name, value in self._case_values(item[1]).items():
                    setattr(case, name, value)
                case.batch_id = item[4] if len(item) > 4 else batch_id
                case.import_fingerprint = item[2]
                case.updated_at = self.now
                cases.append(case)
            Case.objects.bulk_update(cases, [*CASE_FIELDS, "batch", "import_fingerprint", "updated_at"])
            self._history(Case, cases, update=True)
            existing = {
                (case_id, person_id): (pk, pseudonym)
                for pk, case_id, person_id, pseudonym in CasePerson.objects.filter(case_id__in=case_pks).values_list(
                    "pk", "case_id", "source_person_id", "pseudonym"
                )
            }
            kept = {(case.pk, pid) for case, item in zip(cases, chunk, strict=True) for pid in item[1].persons}
            gone = [pk for key, (pk, _pseudonym) in existing.items() if key not in kept]
            # Links and events are rewritten whole; persons no longer in the record leave the case.
            person_pks = [pk for pk, _pseudonym in existing.values()]
            for field_ in self.through.values():
                through = field_.remote_field.through
                through.objects.filter(**{f"{field_.m2m_field_name()}_id__in": person_pks}).delete()
            Event.objects.filter(case_id__in=case_pks).delete()
            if gone:
                CasePerson.objects.filter(pk__in=gone).delete()
            self._write_children(list(zip(cases, (item[1] for item in chunk), strict=True)), existing)
            self.counts.persons_deleted += len(gone)
            self.counts.cases_updated += len(cases)
            self.progress(len(cases))


class Creating:
    """New cases written chunk by chunk: each chunk's rows are built in Python while the previous
    chunk's inserts run (``fastinsert.Background``). Nothing else may use the connection between
    ``add`` and ``close``, and nothing but new rows may be written between
    the start and ``finish``, and only through ``Background`` (whose ``insert_rows`` shows them to
    ``NewRowChecks.note``): on PostgreSQL their foreign keys are checked set-based by ``finish``
    (``pg_keys``), not row by row.
    """

    def __init__(self, writer: Writer, batch_id, cases: int, persons: int):
        self.writer, self.batch_id = writer, batch_id
        self.now = fastinsert.db_datetime(writer.now)
        self.links = [
            (field_, PERSON_FIELDS.index(name), _TargetIds(writer.lookups, TERM_FIELDS.get(name)))
            for name, field_ in writer.through.items()
        ]
        self.keys = NewRowChecks()  # before the first insert: it turns the per-row checks off
        self.background = fastinsert.Background(observe=self.keys.note if self.keys.active else None)
        self.extra: list[tuple] = []  # more insert jobs, run after the next chunk's (``add``, ``finish``)
        # Ids are taken before the inserts start: nothing may query while Background inserts.
        if not fastinsert.is_postgresql():  # SQLite: after the max, once (the import holds the write lock)
            cases = persons = 1 << 62
        self.case_ids = iter(fastinsert.reserve_ids(Case, cases))
        self.person_ids = iter(fastinsert.reserve_ids(CasePerson, persons))
        self.done = 0

    def add(self, chunk) -> None:
        """Start writing ``chunk`` ((record id, Record, fingerprint) each), once the previous chunk's
        inserts are over."""
        writer, batch_id, now = self.writer, self.batch_id, self.now
        source_id, version_id = writer.source.pk, writer.version_id
        person_count = sum(len(item[1].persons) for item in chunk)
        case_ids, person_ids = self.case_ids, self.person_ids
        first_person_pk = writer.first_person_pk
        cases, persons, events, created = [], [], [], []
        pseudonyms = _pseudonyms(person_count)
        event_rows = writer._event_rows
        # The chunk first: zip stops at its end without taking one more id.
        for (record_id, record, fingerprint), case_id in zip(chunk, case_ids):
            if fingerprint is None:
                fingerprint = record.fingerprint()
            cases.append((case_id, source_id, record_id, version_id, *record.case, batch_id, fingerprint, now, now))
            first = True
            for person_id, values in record.persons.items():
                pk = next(person_ids)
                if first:
                    first_person_pk[record_id] = pk
                    first = False
                persons.append((pk, case_id, person_id, next(pseudonyms), batch_id, *values[:8]))
                created.append((pk, values))
            events.extend(event_rows(case_id, record))
        # No "+" history rows: the batch records the creation (audit policy in the module docstring).
        jobs = [(Case, _CASE_COLUMNS, cases), (CasePerson, _PERSON_COLUMNS, persons)]
        for field_, index, targets in self.links:
            # One comprehension per link field: each distinct tuple of codes is resolved once.
            rows = [(pk, target) for pk, values in created if values[index] for target in targets[values[index]]]
            columns = [f"{field_.m2m_column_name()}", f"{field_.m2m_reverse_name()}"]
            jobs.append((field_.remote_field.through, columns, rows))
        jobs.append((Event, _EVENT_COLUMNS, events))
        jobs += self.extra
        self.extra = []
        self.background.wait()  # the previous chunk's inserts (they ran while this chunk was built)
        if self.done:
            writer.progress(self.done)
        self.background.start(jobs)
        self.done = len(cases)
        writer.counts.cases_created += len(cases)
        writer.counts.persons_created += len(persons)

    def finish(self) -> None:
        """The ``extra`` jobs left after the last chunk, until every insert is over; then the new rows'
        foreign keys checked (PostgreSQL: IntegrityError if one names no row)."""
        if self.extra:
            self.background.start(self.extra)
            self.extra = []
        self.background.wait()
        self.keys.finish()

    def close(self) -> None:
        self.background.wait()  # never leave a thread writing into the transaction
        if self.done:
            self.writer.progress(self.done)
            self.done = 0


class _TargetIds(dict):
    """Tuple of codes of a multi-valued field → the ids its link rows point to (term pks; country codes as they are)."""

    def __init__(self, lookups: Lookups, vocabulary: str | None):
        super().__init__()
        self.term_ids, self.vocabulary = lookups.term_ids, vocabulary

    def __missing__(self, codes: tuple) -> tuple:
        targets = codes if self.vocabulary is None else tuple(self.term_ids[(self.vocabulary, code)] for code in codes)
        self[codes] = targets
        return targets


def _pseudonyms(count: int):
    """``count`` random (version 4) UUIDs as 32 hex digits: what Django stores on SQLite, and what
    PostgreSQL's uuid type reads in COPY's text format.

    The same values as ``uuid.uuid4()`` (os.urandom, version and variant bits set), without building
    a UUID object per person (a third of the time of building a person's row).
    """
    random = os.urandom(16 * count)
    for start in range(0, 16 * count, 16):
        value = bytearray(random[start : start + 16])
        value[6] = (value[6] & 0x0F) | 0x40  # version 4
        value[8] = (value[8] & 0x3F) | 0x80  # RFC 4122 variant
        yield value.hex()


def load_records(case_pks) -> dict[int, Record]:
    """The cases ``case_pks`` as Records, read back from the database (to keep what an update replaces)."""
    lookups_terms = {}
    records: dict[int, Record] = {}
    for row in Case.objects.filter(pk__in=case_pks).values("pk", *CASE_FIELDS):
        case = [row[name].isoformat() if hasattr(row[name], "isoformat") else row[name] for name in CASE_FIELDS]
        records[row["pk"]] = Record(0, case, {})
    persons = {}
    scalars = list(PERSON_SCALARS)
    for row in CasePerson.objects.filter(case_id__in=case_pks).values("pk", "case_id", "source_person_id", *scalars):
        persons[row["pk"]] = (row["case_id"], row["source_person_id"], [row[name] for name in scalars])
    links = {pk: {name: [] for name in (*TERM_FIELDS, "citizenships")} for pk in persons}
    for name in (*TERM_FIELDS, "citizenships"):
        field_ = CasePerson._meta.get_field(name)
        through = field_.remote_field.through
        own, other = f"{field_.m2m_field_name()}_id", f"{field_.m2m_reverse_field_name()}_id"
        for person_pk, target in through.objects.filter(**{f"{own}__in": list(persons)}).values_list(own, other):
            if name != "citizenships":
                if target not in lookups_terms:
                    from ..models import VocabularyTerm

                    lookups_terms.update(VocabularyTerm.objects.values_list("pk", "code"))
                target = lookups_terms[target]
            links[person_pk][name].append(target)
    for pk, (case_id, person_id, values) in persons.items():
        multi = [tuple(sorted(links[pk][name])) for name in ("citizenships", *TERM_FIELDS)]
        records[case_id].persons[person_id] = (*values, *multi)
    transit: dict[int, list] = {}
    for event in Event.objects.filter(case_id__in=case_pks).order_by("case_id", "kind", "sequence"):
        if event.kind == "transito":
            transit.setdefault(event.case_id, []).append(event.country_id)
            continue
        records[event.case_id].events[event.kind] = [
            event.date.isoformat() if event.date else None,
            event.date_precision,
            event.municipality_id,
            event.federative_unit_id,
            event.country_id,
        ]
    for case_id, countries in transit.items():
        records[case_id].events["transito"] = tuple(countries)
    return records


def record_to_json(record: Record) -> dict:
    return {"case": record.case, "events": record.events, "persons": record.persons}


def record_from_json(data: dict) -> Record:
    events = {kind: (tuple(value) if kind == "transito" else list(value)) for kind, value in data["events"].items()}
    persons = {
        person_id: tuple(tuple(v) if isinstance(v, list) else v for v in values)
        for person_id, values in data["persons"].items()
    }
    return Record(0, list(data["case"]), events, persons)
