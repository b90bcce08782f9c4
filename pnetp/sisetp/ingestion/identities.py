"""The identity file of the standard layout (``identidades.csv``): validated with the cases, stored encrypted.

Written in bulk (``services.identity.store_identity`` once per row cost ~6.5 ms a row: a lookup, a
save, a history row): per chunk one query for the persons, one for their stored identities, tokens
from ``sealing`` (encrypted ahead, on the second core for large files), then raw inserts. A value
equal to the one stored is not written again, so re-importing the same files leaves no trace.

Audit policy for imports (identities):
- identities an import CREATES get no history "+" row each; the batch records the creation.
- identities an import CHANGES get a "~" history row each (tokens only), as a save would. If the
  identity had no history row yet (created by an import), a row with its values before the change
  is written first, so no earlier value is lost.
- the WRITES of one import are logged as ONE "write" access-log row for the batch (user, batch and
  how many identities in ``batch``/``count``; no person, no pseudonym),
  not one row per identity. Identity READS are still logged one row per record (``services.identity``,
  ``linkage.database``).
"""

from collections.abc import Callable
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from pnetp.accounts.cpf import is_valid_cpf, normalize_cpf

from .. import crypto
from ..fields import Sealed
from ..models import IDENTITY_FIELDS, CasePerson, IdentityAccessLog, PersonIdentity
from ..models.identity import INVALID_FLAGS
from ..standard import layout
from . import fastinsert
from .issues import Report, mask_cpf
from .reading import FileProblem, open_table
from .sealing import Sealer
from .validation import Bad, parse_date

_FIELDS = {col.name: col.target.partition(".")[2] for col in layout.IDENTITY.columns if col.identifying}
_KEYS = ("fonte", "id_registro", "id_pessoa")
_CHUNK = 10000  # identities per write round: bounds memory at a million rows
_QUERY_CHUNK = 900  # below SQLite's limit of bound parameters
_IDENTITY_COLUMNS = ["person_id", *IDENTITY_FIELDS, *INVALID_FLAGS]
_HISTORY_COLUMNS = [*_IDENTITY_COLUMNS, "history_date", "history_change_reason", "history_type", "history_user_id"]
_LOG_COLUMNS = [
    "user_id", "username", "at", "action", "person_id", "person_pseudonym", "purpose", "granted", "reason", "grant_id"
]  # fmt: skip


class IdentityFile:
    def __init__(self, source, path: Path, name: str, report: Report):
        self.source = source
        self.name = name
        self.report = report
        self.rows: list[tuple[tuple[str, str], dict]] = []
        self.sha256 = ""
        self.sealer: Sealer | None = None
        self.created: list[int | None] | None = None  # see ``resolve``
        self.row_report: Report | None = None  # problems of ``check_rows``, until ``check_persons`` reports them
        self.lines: dict = {}  # (record id, person id) → line, of the valid rows
        self.path = path
        self._checks = None  # the generator of ``_check_rows``, while a slice at a time (``check_up_to``)
        self._sealed = 0  # rows of ``rows`` handed to the sealer by ``check_up_to``
        self._early_pks: list[int] = []  # person pks of the rows ``write_created`` wrote (the first ones)
        self._early_chunks = 0  # how many chunks of ``rows`` it wrote
        try:
            self.table = open_table(path, name)
            self.sha256 = self.table.sha256
        except FileProblem as problem:
            report.add(name, problem.line, "", "", problem.message)
            self.table = None

    def provided_columns(self) -> set[str]:
        return {name for name in self.table.header if name in _FIELDS} if self.table else set()

    def _problem(self, line, column, value, message):
        self.report.add(self.name, line, column, value, message)

    def validate(self, records: dict) -> None:
        """Every check: the rows (``check_rows``), then that each row's person exists (``check_persons``)."""
        self.check_rows()
        self.check_persons(records)

    def check_rows(self) -> bool:
        """The checks of each row on its own, reported after the cases file's problems (``check_persons``
        adds them). False if a row has a problem."""
        if self.row_report is None:
            for _step in self._steps():
                pass
        return self.row_report.ok

    def check_up_to(self, count: int | None) -> None:
        """Check rows until ``count`` valid ones are (None: all of them) and hand them to the encryption worker.

        An import calls this after starting each chunk of new cases' inserts, with the persons written so
        far: the identity file is checked and encrypted while the inserts run, not before the first one.
        """
        steps = self._steps()
        while self.row_report is None and (count is None or len(self.rows) < count):
            next(steps, None)
        self._seal_checked(final=self.row_report is not None)

    def _seal_checked(self, *, final: bool) -> None:
        if self.sealer is None:
            self.sealer = Sealer([], streaming=True)
        while len(self.rows) - self._sealed >= _CHUNK or (final and self._sealed < len(self.rows)):
            self.sealer.add(_texts(self.rows[self._sealed : self._sealed + _CHUNK]))
            self._sealed += _CHUNK
        if final and not self.sealer.finished:
            self.sealer.finish()

    def _steps(self):
        if self._checks is None:
            self._checks = self._check_rows()
        return self._checks

    def _check_rows(self):
        """Generator: checks the rows into a report of their own (``row_report`` once done), pausing
        after every ``_CHUNK`` valid rows."""
        report = Report()

        def problem(line, column, value, message):
            report.add(self.name, line, column, value, message)

        def warn(line, column, value, message):
            report.warn(self.name, line, column, value, message)

        if self.table is not None:
            yield from self._checked_rows(problem, warn)
        self.row_report = report  # only once every row is checked (not if the generator is closed)

    def _checked_rows(self, problem, warn):
        header = self.table.header
        for name in header:
            if name not in _FIELDS and name not in _KEYS:
                problem(1, name, "", _("coluna desconhecida no leiaute de identidades"))
        missing = [name for name in _KEYS if name not in header]
        for name in missing:
            problem(1, name, "", _("coluna obrigatória ausente"))
        if missing:
            return
        width = len(header)
        index = {name: position for position, name in enumerate(header)}  # a repeated column: the last wins
        source_at, record_at, person_at = (index[name] for name in _KEYS)
        # (column, target, position, kind): kind 1 a date, 2 a CPF, 0 text (string compares cost at millions)
        fields = [
            (column, target, index[column], {"birth_date": 1, "cpf": 2}.get(target, 0))
            for column, target in _FIELDS.items()
            if column in index
        ]
        slug = self.source.slug
        strict = self.source.strict_identifiers
        dates: dict[str, str | Bad] = {}
        seen: dict[tuple[str, str], int] = {}
        rows, lines = self.rows, self.lines
        for line, cells in self.table.rows:
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            source = cells[source_at].strip()
            if source != slug:
                problem(line, "fonte", source, _("a fonte do arquivo não é %(slug)s") % {"slug": slug})
                continue
            key = (cells[record_at].strip(), cells[person_at].strip())
            if key in seen:
                problem(
                    line,
                    "id_registro",
                    "/".join(key),
                    _("identificador duplicado no arquivo: já está na linha %(line)s") % {"line": seen[key]},
                )
                continue
            seen[key] = line
            values, ok = {}, True
            for column, target, position, kind in fields:
                text = cells[position]
                if not text:  # most cells of an identity file are empty
                    continue
                if kind == 0:
                    text = " ".join(text.split())  # stripped, inner whitespace collapsed, as ``_clean``
                    if not text:
                        continue
                    values[target] = _clean(text, _KINDS[target]) if text.startswith(_TOKEN_PREFIX) else text
                    continue
                text = text.strip()
                if not text:
                    continue
                if kind == 1:
                    parsed = dates.get(text)
                    if parsed is None:
                        try:
                            parsed = parse_date(text)
                        except Bad as error:
                            parsed = error
                        dates[text] = parsed
                    if isinstance(parsed, Bad):  # the value is never quoted (an identity value)
                        if strict:
                            problem(line, column, "", _("data inválida (inexistente ou fora do formato)"))
                            ok = False
                        else:
                            warn(line, column, "", _(
                                "data inválida (inexistente ou fora do formato): "
                                "gravada como informada e marcada como inválida"
                            ))  # fmt: skip
                            values.update(birth_date=None, birth_date_reported=text, birth_date_invalid=True)
                        continue
                    text = parsed
                    values.update(birth_date_reported=None, birth_date_invalid=False)
                else:
                    if not is_valid_cpf(text):
                        if strict:
                            message = _("CPF inválido (dígitos verificadores não conferem)")
                            problem(line, column, mask_cpf(text), message)
                            ok = False
                        else:
                            warn(line, column, mask_cpf(text), _(
                                "CPF inválido (dígitos verificadores não conferem): "
                                "gravado como informado e marcado como inválido"
                            ))  # fmt: skip
                            values.update(cpf=text, cpf_invalid=True)
                        continue
                    text = normalize_cpf(text)
                    values["cpf_invalid"] = False
                values[target] = _clean(text, _KINDS[target]) if text.startswith(_TOKEN_PREFIX) else text
            if ok:
                rows.append((key, values))
                lines[key] = line
                if len(rows) % _CHUNK == 0:
                    yield

    def check_persons(self, records: dict) -> None:
        """The row problems found by ``check_rows``, then the rows whose person is neither in ``records``
        nor among the source's stored persons."""
        self.check_rows()
        self.report.extend(self.row_report)
        if self.table is None or not self.lines:
            return
        known = {(record_id, person_id) for record_id, record in records.items() for person_id in record.persons}
        unknown = [key for key, _values in self.rows if key not in known]
        existing = self._existing_persons(unknown)
        for key in unknown:
            if key[0] in records:  # the file carries the record without this person: the import removes it
                self._problem(
                    self.lines[key],
                    "id_pessoa",
                    "/".join(key),
                    _("a pessoa não está no registro do arquivo de casos, que a retira do caso"),
                )
            elif key not in existing:
                self._problem(
                    self.lines[key],
                    "id_registro",
                    "/".join(key),
                    _("pessoa não encontrada no arquivo de casos nem entre os registros da fonte"),
                )

    def _existing_persons(self, keys) -> dict:
        """(record id, person id) → (person pk, pseudonym) of the source's persons among ``keys``."""
        found = {}
        record_ids = sorted({record_id for record_id, _person in keys})
        for start in range(0, len(record_ids), _QUERY_CHUNK):
            rows = CasePerson.objects.filter(
                case__source=self.source, case__source_record_id__in=record_ids[start : start + _QUERY_CHUNK]
            ).values_list("case__source_record_id", "source_person_id", "pk", "pseudonym")
            found.update(((record_id, person_id), (pk, pseudonym)) for record_id, person_id, pk, pseudonym in rows)
        return found

    def start_sealing(self, *, parallel_from: int | None = None) -> None:
        """Start encrypting every value to be written (see ``sealing``); call once the files are valid."""
        if self.sealer is None:
            chunks = [_texts(self.rows[start : start + _CHUNK]) for start in range(0, len(self.rows), _CHUNK)]
            self.sealer = Sealer(chunks, parallel_from=parallel_from)

    def close(self) -> None:
        if self.sealer is not None:
            self.sealer.close()

    def resolve(self, created_pk: Callable[[str, str], int | None]) -> int:
        """Note the pks of the persons this import just created (``created_pk(record id, person id)``,
        None for others): they need no query and have no identity yet. Returns how many persons are
        left to look up in the database."""
        early = self._early_pks
        self.created = early + [created_pk(*key) for key, _values in self.rows[len(early) :]]
        return self.created.count(None)

    def write_created(self, person_pk: Callable[[str, str], int | None], jobs: list) -> None:
        """The identities of persons this import has just created, ahead of ``write``: for each next
        chunk of checked rows whose persons all have a pk (``person_pk(record id, person id)``), its
        insert job goes to ``jobs``, which the case writer's thread runs with its next inserts.

        Such persons have no identity yet, so nothing is looked up. ``write`` does the rest (persons
        of earlier imports, chunks not ready) and counts these too.
        """
        while self.sealer is not None and self._early_chunks < len(self.sealer.chunks):
            number = self._early_chunks
            rows = self.rows[number * _CHUNK : (number + 1) * _CHUNK]
            pks = []
            for key, _values in rows:  # tried again after each case chunk: stop at the first person missing
                pk = person_pk(*key)
                if pk is None:
                    return  # a person not written yet (later in the cases file) or of an earlier import
                pks.append(pk)
            tokens = iter(self.sealer.tokens(number))
            jobs.append((PersonIdentity, _IDENTITY_COLUMNS, [
                _new_sealed_row(pk, values, tokens) for (_key, values), pk in zip(rows, pks, strict=True)
            ]))  # fmt: skip
            self._early_pks += pks
            self._early_chunks += 1

    def planned_writes(self, new_keys: set) -> dict:
        """What ``write`` would count, written nothing: the rows of persons the import creates
        (``new_keys``: (record id, person id)) and, of the others, those whose stored identity is
        missing or differs. Values are compared in the process, as ``write`` does; none leaves it."""
        written = 0
        for start in range(0, len(self.rows), _CHUNK):
            rows = self.rows[start : start + _CHUNK]
            persons = self._existing_persons([key for key, _values in rows if key not in new_keys])
            looked_up = [entry[0] for entry in persons.values()]
            stored = {}
            for first in range(0, len(looked_up), _QUERY_CHUNK):
                stored.update(PersonIdentity.objects.in_bulk(looked_up[first : first + _QUERY_CHUNK]))
            for key, values in rows:
                entry = persons.get(key)
                identity = stored.get(entry[0]) if entry is not None and key not in new_keys else None
                if identity is None or not _same(identity, values):
                    written += 1
        return {"identities_written": written, "identities_unchanged": len(self.rows) - written}

    def write(self, *, user=None, batch=None) -> dict:
        authenticated = getattr(user, "is_authenticated", False)
        context = {
            "user_id": user.pk if authenticated else None,
            "username": user.get_username() if authenticated else "",
            "now": fastinsert.db_datetime(timezone.now()),
        }
        self.start_sealing()
        written, unchanged = len(self._early_pks), 0
        # New identities are inserted on a second thread while the next chunk is prepared.
        background = fastinsert.Background()
        try:
            created = self.created or [None] * len(self.rows)
            for number, start in enumerate(range(0, len(self.rows), _CHUNK)):
                if number < self._early_chunks:
                    continue  # written by ``write_created``
                rows = self.rows[start : start + _CHUNK]
                chunk_written, chunk_unchanged = self._write_chunk(
                    rows, created[start : start + _CHUNK], self.sealer.tokens(number), context, background
                )
                written += chunk_written
                unchanged += chunk_unchanged
        finally:
            try:
                background.wait()  # never leave a thread writing into the transaction
            finally:
                self.close()
        if written:
            self._log_batch(written, context, batch)
        return {"identities_written": written, "identities_unchanged": unchanged}

    def _log_batch(self, written: int, context: dict, batch) -> None:
        """The batch's one "write" entry in the access log (audit policy in the module docstring)."""
        batch_id = batch.pk if batch else "—"
        # store_identity's decision for importers (check_permission=False), with the batch and the count.
        reason = _("Gravação por processo de importação: %(count)s identidades, lote %(id)s.") % {
            "count": written,
            "id": batch_id,
        }
        IdentityAccessLog.objects.create(
            user_id=context["user_id"],
            username=context["username"],
            action=IdentityAccessLog.Action.WRITE,
            batch=batch,
            count=written,
            purpose=_("Importação, lote %(id)s") % {"id": batch_id},
            granted=True,
            reason=reason[:300],
        )

    def _write_chunk(self, rows, created, tokens, context, background) -> tuple[int, int]:
        # Persons created by this import have no identity yet; only the others are looked up.
        missing = [key for (key, _values), pk in zip(rows, created) if pk is None]
        if missing:
            background.wait()  # the connection is the inserts' until they are over
        persons = self._existing_persons(missing)
        pks = [pk if pk is not None else persons[key][0] for (key, _values), pk in zip(rows, created)]
        looked_up = [pk for pk, new in zip(pks, created) if new is None]
        stored = {}
        for start in range(0, len(looked_up), _QUERY_CHUNK):
            stored.update(PersonIdentity.objects.in_bulk(looked_up[start : start + _QUERY_CHUNK]))
        tokens = iter(tokens)
        new_rows, changed, before = [], [], {}
        for (_key, values), pk in zip(rows, pks):
            sealed = _sealed(values, tokens)  # walks the tokens for every row, written or not
            identity = stored.get(pk)
            if identity is None:
                new_rows.append(_new_row(pk, sealed, values))
            elif _same(identity, values):
                continue
            else:
                before[pk] = _row(identity)
                for name, token in sealed.items():  # only the keys given change, as in store_identity
                    setattr(identity, name, Sealed(token, _KINDS[name]))
                for name, value in values.items():  # flags, and the other birth date field a date replaces
                    if value is None or isinstance(value, bool):
                        setattr(identity, name, value)
                changed.append(identity)
        # New identities: no history row (the batch records them). Changed ones: "~" rows, below.
        background.start([(PersonIdentity, _IDENTITY_COLUMNS, new_rows)])
        if changed:
            background.wait()
            PersonIdentity.objects.bulk_update(changed, [*IDENTITY_FIELDS, *INVALID_FLAGS], batch_size=500)
            # history_change_reason holds 100 characters.
            reason = _("Valores anteriores, gravados por importação (sem histórico por registro)")[:100]
            history = [(*before[pk], context["now"], reason, "+", None) for pk in self._without_history(before)]
            history += [(*_row(identity), context["now"], None, "~", context["user_id"]) for identity in changed]
            fastinsert.insert_rows(PersonIdentity.history.model, _HISTORY_COLUMNS, history)
        return len(new_rows) + len(changed), len(rows) - len(new_rows) - len(changed)

    @staticmethod
    def _without_history(pks) -> list:
        """Of ``pks``, the identities with no history row yet (written by an import): oldest values first."""
        pks = list(pks)
        seen = set()
        for start in range(0, len(pks), _QUERY_CHUNK):
            seen.update(
                PersonIdentity.history.filter(person_id__in=pks[start : start + _QUERY_CHUNK])
                .values_list("person_id", flat=True)
                .distinct()
            )
        return [pk for pk in pks if pk not in seen]


_KINDS = {name: PersonIdentity._meta.get_field(name).kind for name in IDENTITY_FIELDS}
_TOKEN_PREFIX = crypto.TOKEN_PREFIXES  # how a token of ours starts: format 1 ("s1:") or old Fernet


def _clean(text: str, kind: str):
    """The value as ``clean_identity_values`` and the field's ``to_python`` would store it.

    Inner whitespace collapsed; a token of ours (only a key holder can make one) is kept as it is,
    not encrypted again, as the field does on loaddata.
    """
    text = " ".join(text.split())
    if text.startswith(_TOKEN_PREFIX) and crypto.try_decrypt(text) is not None:
        return Sealed(text, kind)
    return text


def _texts(rows) -> list[str]:
    """The plain values of ``rows`` to encrypt, row by row in IDENTITY_FIELDS order."""
    return [value for _key, values in rows for name in IDENTITY_FIELDS if isinstance(value := values.get(name), str)]


def _sealed(values: dict, tokens) -> dict:
    """name → token of one row's values: the next of ``tokens`` (in the order of ``_texts``) for each plain
    value, a value already sealed in the file as it is."""
    return {
        name: (value.token if isinstance(value, Sealed) else next(tokens))
        for name in IDENTITY_FIELDS
        if (value := values.get(name)) is not None
    }


def _new_row(pk: int, sealed: dict, values: dict) -> tuple:
    """A new identity's row in ``_IDENTITY_COLUMNS`` order."""
    return (pk, *(sealed.get(name) for name in IDENTITY_FIELDS), *(bool(values.get(flag)) for flag in INVALID_FLAGS))


def _new_sealed_row(pk: int, values: dict, tokens) -> tuple:
    """``_new_row(pk, _sealed(values, tokens), values)`` in one step (a million of them per large import)."""
    get = values.get
    sealed = [
        None if (value := get(name)) is None else value.token if isinstance(value, Sealed) else next(tokens)
        for name in IDENTITY_FIELDS
    ]
    return (pk, *sealed, *[bool(get(flag)) for flag in INVALID_FLAGS])


def _row(identity) -> tuple:
    values = (getattr(identity, name) for name in IDENTITY_FIELDS)
    tokens = (value.token if value is not None else None for value in values)
    return (identity.person_id, *tokens, *(getattr(identity, flag) for flag in INVALID_FLAGS))


def _same(identity, values: dict) -> bool:
    """Whether the stored ``identity`` already holds every value of a row (so it is not written again)."""
    return all(_plain(getattr(identity, name)) == _plain(value) for name, value in values.items())


def _plain(value):
    value = value.reveal() if isinstance(value, Sealed) else value
    return value.isoformat() if hasattr(value, "isoformat") else value
