"""The pseudonymised records every public table is counted from: extracted once per release, kept between
releases and brought up to date with only the records that changed.

The frame holds no name or identity: record ids, the person key or pseudonym, sex, age band, dates, places
(country, UF, municipality) and codes (citizenships, forms of exploitation) of the victim records counted in
statistics (``compute.victim_records``), and the exploitation and recruitment events of their cases. Every
counting module (``compute``, ``maps``, ``flows``, ``exploitation_forms``) reads its columns from here instead
of querying the database again, so one release reads the records once.

Between releases it is kept as Arrow files under ``DATA_DIR/statistics-frame/<token>/``; the release
version stores the token and the *watermarks* the frame was read at (``state``), so the next computation —
whichever process runs it — reads only what changed since (``_update``):

- the cases added or edited since (id above the last one seen, or ``Case.updated_at`` later: an edit of a
  record, its events or its persons touches its case, as ``store.fingerprint`` assumes), and the cases of any
  record, event, citizenship or form row added since: their rows are read again and replace the old ones;
- the person keys of every record (one two-column read): a linkage run (``dedupe --aplicar``,
  ``dedupe_database``) changes which records are one person without touching the cases;
- anything else — a row deleted (a rolled back batch), a source taken in or out of statistics, a file
  missing, more than ``FULL_SHARE`` of the cases changed — reads everything again.

The frame is kept ordered by record/event id, so an updated frame is the very frame a full read gives and
the release computed from it is the same (``test_statistics_frame``).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.feather as feather
from django.conf import settings
from django.db import connection
from django.db.models import Count, Max

from pnetp.sisetp.models import Case, CasePerson, DataSource, Event, ImportBatch

logger = logging.getLogger(__name__)

FULL_SHARE = 0.3  # more cases changed than this share: read everything again
CHUNK = 500  # ids per IN (...) query
NAMES = ("persons", "events", "citizenships", "forms")

PERSONS = pa.schema(
    [
        ("id", pa.int64()),
        ("case_id", pa.int64()),
        ("person_key", pa.string()),
        ("pseudonym", pa.string()),
        ("sex", pa.string()),
        ("age_band", pa.string()),
        ("identified", pa.date32()),
        ("reported", pa.date32()),
    ]
)
EVENTS = pa.schema(
    [
        ("id", pa.int64()),
        ("case_id", pa.int64()),
        ("kind", pa.string()),
        ("seq", pa.int64()),
        ("country", pa.string()),
        ("uf", pa.string()),
        ("mun", pa.int64()),  # only when the municipality lies in the event's UF
    ]
)
CITIZENSHIPS = pa.schema([("id", pa.int64()), ("person_id", pa.int64()), ("country", pa.string())])
FORMS = pa.schema([("id", pa.int64()), ("person_id", pa.int64()), ("code", pa.string())])


@dataclass(frozen=True)
class Frame:
    persons: pa.Table
    events: pa.Table
    citizenships: pa.Table
    forms: pa.Table

    def exploitation(self) -> pa.Table:
        """Exploitation events with a known UF (``compute``/``maps``): case_id, seq, uf, mun."""
        events = self.events
        mask = pc.and_(pc.equal(events["kind"], "exploracao"), pc.is_valid(events["uf"]))
        return events.filter(mask).select(["case_id", "seq", "uf", "mun"])


@dataclass
class Report:
    """How the latest frame of this process was obtained (benchmarks, tests)."""

    full: bool = True
    cases_read: int = 0
    reason: str = ""


last_report = Report()
_shared: ContextVar[Frame | None] = ContextVar("pnetp_statistics_frame", default=None)
_previous: dict = {}  # the state stored with the latest release version (``load``), for ``_update``
_latest: dict = {}  # the state of the frame computed in this process (``export``)


@contextmanager
def shared(frame: Frame | None = None) -> Iterator[Frame]:
    """Inside: every ``records()`` call returns one frame (given, or read now)."""
    frame = frame if frame is not None else read()
    token = _shared.set(frame)
    try:
        yield frame
    finally:
        _shared.reset(token)


def records() -> Frame:
    """The frame shared by the computation in progress, or one read now (a table counted on its own)."""
    frame = _shared.get()
    return frame if frame is not None else _full(watermarks())


# -- reading from the database -------------------------------------------------------------------------------


def victim_records():
    """Victim records of sources counted in statistics, any trafficking status but "não é tráfico"."""
    return CasePerson.objects.filter(role="vitima", case__source__in_statistics=True).exclude(
        case__trafficking_status="nao_trafico"
    )


def _raw(queryset) -> list[tuple]:
    """Rows as the database gives them (no per-value converters: ids, strings, dates)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _strings(values) -> pa.Array:
    return pa.array([None if v is None else str(v) for v in values], pa.string())


def _dates(values) -> pa.Array:
    if any(isinstance(v, str) for v in values):  # SQLite gives ISO strings
        return pa.array(values, pa.string()).cast(pa.date32())
    return pa.array(values, pa.date32())


def _columns(rows: list[tuple], n: int) -> list:
    return list(zip(*rows)) if rows else [()] * n


def _persons(queryset) -> pa.Table:
    rows = _raw(
        queryset.order_by("id").values_list(
            "id",
            "case_id",
            "person_key",
            "pseudonym",
            "sex",
            "age_band",
            "case__identification_date",
            "case__reporting_date",
        )
    )
    c = _columns(rows, 8)
    pseudonyms = [None if v is None else str(uuid.UUID(str(v))) for v in c[3]]  # one spelling on every database
    return pa.table(
        [
            pa.array(c[0], pa.int64()),
            pa.array(c[1], pa.int64()),
            _strings(c[2]),
            pa.array(pseudonyms, pa.string()),
            _strings(c[4]),
            _strings(c[5]),
            _dates(c[6]),
            _dates(c[7]),
        ],
        schema=PERSONS,
    )


def _events(queryset) -> pa.Table:
    rows = _raw(
        queryset.filter(kind__in=["exploracao", "aliciamento"])
        .order_by("id")
        .values_list(
            "id",
            "case_id",
            "kind",
            "sequence",
            "country_id",
            "federative_unit__abbreviation",
            "municipality_id",
            "municipality__uf__abbreviation",
        )
    )
    c = _columns(rows, 8)
    return pa.table(
        [
            pa.array(c[0], pa.int64()),
            pa.array(c[1], pa.int64()),
            _strings(c[2]),
            pa.array(c[3], pa.int64()),
            _strings(c[4]),
            _strings(c[5]),
            pa.array([m if muf == uf else None for m, uf, muf in zip(c[6], c[5], c[7])], pa.int64()),
        ],
        schema=EVENTS,
    )


def _through(model, column: str, persons, schema: pa.Schema) -> pa.Table:
    rows = _raw(model.objects.filter(caseperson__in=persons).order_by("id").values_list("id", "caseperson_id", column))
    c = _columns(rows, 3)
    return pa.table([pa.array(c[0], pa.int64()), pa.array(c[1], pa.int64()), _strings(c[2])], schema=schema)


def _read(persons, cases) -> Frame:
    """The frame of the victim records ``persons`` and the events of the cases ``cases``."""
    return Frame(
        _persons(persons),
        _events(Event.objects.filter(case__in=cases)),
        _through(CasePerson.citizenships.through, "country_id", persons, CITIZENSHIPS),
        _through(CasePerson.exploitation_forms.through, "vocabularyterm__code", persons, FORMS),
    )


def _bounded(marks: Mapping) -> tuple:
    """The victim records and their cases as of ``marks`` (rows added meanwhile are left to the next update)."""
    persons = victim_records().filter(pk__lte=marks["person"]["last"] or 0)
    return persons, persons.values("case_id")


def _full(marks: Mapping) -> Frame:
    persons, cases = _bounded(marks)
    frame = _read(persons, cases)
    return _cut(frame, marks)


def _cut(frame: Frame, marks: Mapping) -> Frame:
    """Rows up to the watermarks only (events, citizenships and forms added while reading: the next update)."""

    def upto(table: pa.Table, last) -> pa.Table:
        return table.filter(pc.less_equal(table["id"], last or 0))

    return Frame(
        frame.persons,
        upto(frame.events, marks["event"]["last"]),
        upto(frame.citizenships, marks["citizenship"]["last"]),
        upto(frame.forms, marks["form"]["last"]),
    )


# -- watermarks and the update -------------------------------------------------------------------------------


def _mark(model) -> dict:
    data = model.objects.aggregate(n=Count("pk"), last=Max("pk"))
    return {"n": data["n"], "last": data["last"]}


# The tables whose rows the frame reads, each with the path from a row to its case.
_ROWS = (
    ("person", CasePerson, "case_id"),
    ("event", Event, "case_id"),
    ("citizenship", CasePerson.citizenships.through, "caseperson__case_id"),
    ("form", CasePerson.exploitation_forms.through, "caseperson__case_id"),
)


def watermarks() -> dict:
    """Counts and last ids of every table the frame reads, the latest case edit, batches and sources."""
    return {
        **{name: _mark(model) for name, model, _case in _ROWS},
        "case": {**_mark(Case), "edited": str(Case.objects.aggregate(t=Max("updated_at"))["t"])},
        "undone": str(ImportBatch.objects.aggregate(t=Max("rolled_back_at"))["t"]),
        "sources": sorted([pk, flag] for pk, flag in DataSource.objects.values_list("pk", "in_statistics")),
        "vendor": connection.vendor,
    }


def _changed_cases(old: Mapping, new: Mapping) -> set[int] | str:
    """Ids of the cases whose rows must be read again, or why everything must be read again."""
    sources = dict(map(tuple, new["sources"]))
    if old.get("vendor") != new["vendor"] or any(sources.get(pk) != flag for pk, flag in old.get("sources", [[0, 0]])):
        return "fontes"  # a source taken in or out of statistics, or deleted (a new one: its cases are new)
    if old.get("undone") != new["undone"]:
        return "lote desfeito"
    for name, model in [*((name, model) for name, model, _case in _ROWS), ("case", Case)]:
        last = old[name]["last"] or 0
        if new[name]["last"] is not None and new[name]["last"] < last:
            return f"{name}: linhas apagadas"
        added = model.objects.filter(pk__gt=last, pk__lte=new[name]["last"] or 0).count()
        if new[name]["n"] != old[name]["n"] + added:  # a row deleted (and perhaps others added)
            return f"{name}: linhas apagadas"
    cases = set(
        Case.objects.filter(pk__gt=old["case"]["last"] or 0, pk__lte=new["case"]["last"] or 0).values_list(
            "pk", flat=True
        )
    )
    if old["case"]["edited"] != "None":
        cases |= set(
            Case.objects.filter(updated_at__gt=old["case"]["edited"], pk__lte=new["case"]["last"] or 0).values_list(
                "pk", flat=True
            )
        )
    for name, model, case in _ROWS:  # the cases of every row added since
        between = {"pk__gt": old[name]["last"] or 0, "pk__lte": new[name]["last"] or 0}
        cases |= set(model.objects.filter(**between).values_list(case, flat=True))
    if len(cases) > FULL_SHARE * max(new["case"]["n"], 1):
        return "muitos casos"
    return cases


def _without(table: pa.Table, column: str, ids: pa.Array) -> pa.Table:
    return table.filter(pc.invert(pc.is_in(table[column], value_set=ids)))


def _sorted(table: pa.Table) -> pa.Table:
    return table.sort_by("id")


def _update(frame: Frame, old: Mapping, new: Mapping) -> Frame | str:
    """``frame`` (read at ``old``) brought to ``new``, or why it cannot be."""
    cases = _changed_cases(old, new)
    if isinstance(cases, str):
        return cases
    persons, _cases = _bounded(new)
    parts = []
    ordered = sorted(cases)
    for start in range(0, len(ordered), CHUNK):
        victims = persons.filter(case_id__in=ordered[start : start + CHUNK])
        parts.append(_read(victims, victims.values("case_id")))
    changed = pa.array(ordered, pa.int64())
    gone = frame.persons.filter(pc.is_in(frame.persons["case_id"], value_set=changed))["id"]
    fresh = (
        _cut(Frame(*(pa.concat_tables([getattr(part, name) for part in parts]) for name in NAMES)), new)
        if parts
        else None
    )
    result = Frame(
        _without(frame.persons, "case_id", changed),
        _without(frame.events, "case_id", changed),
        _without(frame.citizenships, "person_id", gone),
        _without(frame.forms, "person_id", gone),
    )
    if fresh is not None:
        result = Frame(*(pa.concat_tables([getattr(result, n), getattr(fresh, n)]) for n in NAMES))
    result = Frame(*(_sorted(getattr(result, n)) for n in NAMES))
    last_report.cases_read = len(cases)
    return _rekeyed(result, persons)


def _rekeyed(frame: Frame, persons) -> Frame:
    """The person key of every record as it is now (a linkage run changes them without touching cases)."""
    rows = _raw(persons.order_by("id").values_list("id", "person_key"))
    ids, keys = _columns(rows, 2)
    ids = pa.array(ids, pa.int64())
    at = pc.index_in(frame.persons["id"], value_set=ids)
    if (
        at.null_count or len(ids) != frame.persons.num_rows
    ):  # a record of the frame is no longer a victim record counted: read everything again
        raise _Stale("registro fora das estatísticas")
    column = pc.take(_strings(keys), at)
    return Frame(frame.persons.set_column(2, "person_key", column), frame.events, frame.citizenships, frame.forms)


class _Stale(Exception):
    pass


# -- kept between releases -----------------------------------------------------------------------------------


def _folder() -> Path:
    return Path(settings.DATA_DIR) / "statistics-frame"


def load(state: Mapping | None) -> None:
    """The state stored with the latest release version (``export``'s), for the next ``read``."""
    _previous.clear()
    if state:
        _previous.update(state)


def _stored() -> Frame | None:
    token = _previous.get("token")
    if not token or not isinstance(token, str) or not token.isalnum():
        return None
    folder = _folder() / token
    try:
        return Frame(*(feather.read_table(folder / f"{name}.arrow", memory_map=False) for name in NAMES))
    except (OSError, pa.ArrowInvalid):
        return None


def read() -> Frame:
    """The frame as of now: the one the latest release version stored (``load``, by ``store.publish`` just
    before), updated; else read whole. The loaded state is used once."""
    global last_report
    marks = watermarks()
    frame, reason = None, "nenhum quadro guardado"
    stored = _stored() if _previous.get("marks") else None
    previous = dict(_previous)
    _previous.clear()
    if stored is not None:
        try:
            last_report = Report(full=False)
            updated = _update(stored, previous["marks"], marks)
        except _Stale as error:
            updated = str(error)
        if isinstance(updated, Frame):
            frame = updated
        else:
            reason = updated
    if frame is None:
        frame = _full(marks)
        last_report = Report(full=True, cases_read=-1, reason=reason)
    _latest.clear()
    _latest.update({"frame": frame, "marks": marks})
    return frame


def export() -> dict | None:
    """Write the frame this process read last and return the state to store with the release version."""
    frame, marks = _latest.get("frame"), _latest.get("marks")
    if frame is None:
        return None
    token = uuid.uuid4().hex
    folder = _folder()
    target = folder / token
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # pseudonymised records: the server's only
        scratch = folder / f".{token}"
        scratch.mkdir(mode=0o700)
        for name in NAMES:
            feather.write_feather(getattr(frame, name), scratch / f"{name}.arrow", compression="uncompressed")
        os.replace(scratch, target)
        for other in folder.iterdir():  # older frames: no stored version will name them again
            if other.name != token:
                shutil.rmtree(other, ignore_errors=True)
    except OSError:
        logger.warning("quadro das estatísticas não guardado; a próxima divulgação lê tudo de novo")
        return None
    return {"token": token, "marks": json.loads(json.dumps(marks, default=str))}
