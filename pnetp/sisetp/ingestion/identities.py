"""The identity file of the standard layout (``identidades.csv``): validated with the cases, stored encrypted.

Written in bulk with the same effect as ``services.identity.store_identity`` once per row (which
cost ~6.5 ms a row: a lookup, a save, a history row): per chunk one query for the persons, one for
their stored identities, values encrypted with one key lookup, then raw inserts of the identities,
their history rows ("+" new / "~" changed, tokens only) and one "write" access-log row per identity
written. A value equal to the one stored is not written again, so re-importing the same files
leaves no trace.
"""

from datetime import date
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from pnetp.accounts.cpf import is_valid_cpf

from .. import crypto
from ..fields import Sealed
from ..models import IDENTITY_FIELDS, CasePerson, IdentityAccessLog, PersonIdentity
from ..services.identity import clean_identity_values
from ..standard import layout
from . import fastinsert
from .issues import Report
from .reading import FileProblem, open_table
from .validation import Bad, parse_date

_FIELDS = {col.name: col.target.partition(".")[2] for col in layout.IDENTITY.columns if col.identifying}
_KEYS = ("fonte", "id_registro", "id_pessoa")
_CHUNK = 10000  # identities per write round: bounds memory at a million rows
_QUERY_CHUNK = 900  # below SQLite's limit of bound parameters
_IDENTITY_COLUMNS = ["person_id", *IDENTITY_FIELDS]
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

    def validate(self, records: dict, lookups) -> None:
        if self.table is None:
            return
        header = self.table.header
        for name in header:
            if name not in _FIELDS and name not in _KEYS:
                self._problem(1, name, "", _("coluna desconhecida no leiaute de identidades"))
        missing = [name for name in _KEYS if name not in header]
        for name in missing:
            self._problem(1, name, "", _("coluna obrigatória ausente"))
        if missing:
            return
        seen: dict[tuple[str, str], int] = {}
        lines = {}
        for line, cells in self.table.rows:
            row = dict(zip(header, (cell.strip() for cell in cells), strict=False))
            if row["fonte"] != self.source.slug:
                message = _("a fonte do arquivo não é %(slug)s") % {"slug": self.source.slug}
                self._problem(line, "fonte", row["fonte"], message)
                continue
            key = (row["id_registro"], row["id_pessoa"])
            if key in seen:
                self._problem(
                    line,
                    "id_registro",
                    "/".join(key),
                    _("identificador duplicado no arquivo: já está na linha %(line)s") % {"line": seen[key]},
                )
                continue
            seen[key] = line
            values, ok = {}, True
            for column, target in _FIELDS.items():
                text = row.get(column) or ""
                if not text:
                    continue
                if target == "birth_date":
                    try:
                        text = parse_date(text)
                    except Bad as error:
                        self._problem(line, column, text, str(error))
                        ok = False
                        continue
                if target == "cpf" and not is_valid_cpf(text):
                    self._problem(line, column, text, _("CPF inválido (dígitos verificadores não conferem)"))
                    ok = False
                    continue
                values[target] = text
            if ok:
                self.rows.append((key, values))
                lines[key] = line
        known = {(record_id, person_id) for record_id, record in records.items() for person_id in record.persons}
        unknown = [key for key, _values in self.rows if key not in known]
        existing = self._existing_persons(unknown)
        for key in unknown:
            if key not in existing:
                self._problem(
                    lines[key],
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

    def write(self, *, user=None, batch=None) -> dict:
        authenticated = getattr(user, "is_authenticated", False)
        context = {
            "user_id": user.pk if authenticated else None,
            "username": user.get_username() if authenticated else "",
            "purpose": _("Importação, lote %(id)s") % {"id": batch.pk if batch else "—"},
            # store_identity's decision for importers (check_permission=False), logged the same way.
            "reason": _("Gravação por processo de importação.")[:300],
            "now": fastinsert.db_datetime(timezone.now()),
            "pg": fastinsert.is_postgresql(),
        }
        written = unchanged = 0
        for start in range(0, len(self.rows), _CHUNK):
            chunk_written, chunk_unchanged = self._write_chunk(self.rows[start : start + _CHUNK], context)
            written += chunk_written
            unchanged += chunk_unchanged
        return {"identities_written": written, "identities_unchanged": unchanged}

    def _write_chunk(self, rows, context) -> tuple[int, int]:
        persons = self._existing_persons([key for key, _values in rows])
        pks = [persons[key][0] for key, _values in rows]
        stored = {}
        for start in range(0, len(pks), _QUERY_CHUNK):
            stored.update(PersonIdentity.objects.in_bulk(pks[start : start + _QUERY_CHUNK]))
        new, changed, logs = [], [], []
        for key, values in rows:
            pk, pseudonym = persons[key]
            cleaned = clean_identity_values(values)
            if cleaned.get("birth_date"):
                cleaned["birth_date"] = date.fromisoformat(cleaned["birth_date"])
            identity = stored.get(pk)
            if identity is not None and all(_plain(getattr(identity, k)) == _plain(v) for k, v in cleaned.items()):
                continue
            if identity is None:
                identity = PersonIdentity(person_id=pk)
                new.append(identity)
            else:
                changed.append(identity)
            for name, value in cleaned.items():  # only the keys given change, as in store_identity
                setattr(identity, name, value)
            logs.append((
                context["user_id"], context["username"], context["now"], IdentityAccessLog.Action.WRITE.value, pk,
                pseudonym if context["pg"] else pseudonym.hex, context["purpose"], True, context["reason"], None,
            ))  # fmt: skip
        _seal(new + changed)
        # Same order as store_identity: the log row, then the identity and its history row.
        fastinsert.insert_rows(IdentityAccessLog, _LOG_COLUMNS, logs)
        new_rows = [_row(identity) for identity in new]
        fastinsert.insert_rows(PersonIdentity, _IDENTITY_COLUMNS, new_rows)
        if changed:
            PersonIdentity.objects.bulk_update(changed, list(IDENTITY_FIELDS), batch_size=500)
        history = [(*row, context["now"], None, "+", context["user_id"]) for row in new_rows]
        history += [(*_row(identity), context["now"], None, "~", context["user_id"]) for identity in changed]
        fastinsert.insert_rows(PersonIdentity.history.model, _HISTORY_COLUMNS, history)
        return len(new) + len(changed), len(rows) - len(new) - len(changed)


_ENCRYPTED = [(name, PersonIdentity._meta.get_field(name)) for name in IDENTITY_FIELDS]


def _seal(identities) -> None:
    """Replace plain values by ``Sealed`` tokens, exactly as the field's get_prep_value would encrypt them.

    One ``crypto.encrypt_many`` call for the lot (each value still gets its own random IV); the
    identity row and its history row then store the same token, never the plain value.
    """
    pending, texts = [], []
    for identity in identities:
        for name, field_ in _ENCRYPTED:
            value = field_.to_python(getattr(identity, name))
            if value is None or isinstance(value, Sealed):
                setattr(identity, name, value)
                continue
            text = field_.to_text(value)
            if not text:
                setattr(identity, name, None)
                continue
            pending.append((identity, name, field_.kind))
            texts.append(text)
    for (identity, name, kind), token in zip(pending, crypto.encrypt_many(texts), strict=True):
        setattr(identity, name, Sealed(token, kind))


def _row(identity) -> tuple:
    values = (getattr(identity, name) for name in IDENTITY_FIELDS)
    return (identity.person_id, *(value.token if value is not None else None for value in values))


def _plain(value):
    value = value.reveal() if isinstance(value, Sealed) else value
    return value.isoformat() if hasattr(value, "isoformat") else value
