"""The identity file of the standard layout (``identidades.csv``): validated with the cases, stored encrypted.

Every write goes through ``services.identity.store_identity`` (encrypted, logged); a value equal to
the one stored is not written again, so re-importing the same files leaves no trace.
"""

from datetime import date
from pathlib import Path

from django.utils.translation import gettext as _

from pnetp.accounts.cpf import is_valid_cpf

from ..fields import Sealed
from ..models import CasePerson, PersonIdentity
from ..services.identity import clean_identity_values, store_identity
from ..standard import layout
from .issues import Report
from .reading import FileProblem, open_table
from .validation import Bad, parse_date

_FIELDS = {col.name: col.target.partition(".")[2] for col in layout.IDENTITY.columns if col.identifying}
_KEYS = ("fonte", "id_registro", "id_pessoa")


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
        found = {}
        record_ids = sorted({record_id for record_id, _person in keys})
        for start in range(0, len(record_ids), 900):
            persons = CasePerson.objects.filter(
                case__source=self.source, case__source_record_id__in=record_ids[start : start + 900]
            ).select_related("case")
            found.update(((p.case.source_record_id, p.source_person_id), p) for p in persons)
        return found

    def write(self, *, user=None, batch=None) -> dict:
        persons = self._existing_persons([key for key, _values in self.rows])
        written = unchanged = 0
        purpose = _("Importação, lote %(id)s") % {"id": batch.pk if batch else "—"}
        for key, values in self.rows:
            person = persons[key]
            cleaned = clean_identity_values(values)
            if cleaned.get("birth_date"):
                cleaned["birth_date"] = date.fromisoformat(cleaned["birth_date"])
            stored = PersonIdentity.objects.filter(person=person).first()
            same = stored is not None and all(_plain(getattr(stored, k)) == _plain(v) for k, v in cleaned.items())
            if same:
                unchanged += 1
                continue
            store_identity(person, cleaned, user=user, purpose=purpose, check_permission=False)
            written += 1
        return {"identities_written": written, "identities_unchanged": unchanged}


def _plain(value):
    value = value.reveal() if isinstance(value, Sealed) else value
    return value.isoformat() if hasattr(value, "isoformat") else value
