"""Validating rows of the standard layout and assembling them into case records, before any write.

Every layout hands rows here as dicts keyed by the standard's column names (``standard.layout``);
each cell is converted by a converter compiled once per column, with a per-column cache of the
values already seen (a million rows hold a few thousand distinct dates, codes and places), so the
per-row work is a few dict look-ups. Problems go to the ``Report``; nothing is written here.

A record (one case of the source) is kept as compact tuples; ``fingerprint`` digests it so a
re-import can tell unchanged cases without reading them back.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from ..models.persons import TERM_FIELDS, age_band_for
from ..standard import layout
from .issues import Report
from .lookups import Lookups

CASE_FIELDS = ("reporting_date", "identification_date", "trafficking_status", "decision_authority")
PERSON_SCALARS = (
    "role",
    "sex",
    "gender_identity",
    "age_at_identification",
    "age_band",
    "race_colour",
    "education",
    "relationship_to_recruiter",
)
PERSON_FIELDS = (*PERSON_SCALARS, "citizenships", *TERM_FIELDS)
PLACE_EVENTS = ("aliciamento", "exploracao")
EVENT_FIELDS = ("date", "date_precision", "municipality", "federative_unit", "country")
AGE_BAND_COLUMN = "faixa_etaria"  # not in the CSV layout: CTDC and Disque 100 give a band, not an age
BRAZIL = "BR"

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_BR_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_MULTI_FIELDS = set(TERM_FIELDS) | {"citizenships"}
_CITIZENSHIPS = PERSON_FIELDS.index("citizenships")
AGE_BANDS = {age: age_band_for(age) for age in range(121)}
_AGE_BANDS = AGE_BANDS


class Bad(Exception):
    """A cell that cannot be converted; the message explains it in Portuguese."""


_CACHE_MAX = 100_000  # distinct values remembered per column: values repeat, identifiers would not


def converted(convert, cache: dict, text: str):
    """``convert(text)``, or the ``Bad`` it raised, remembered per distinct text of the column."""
    value = cache.get(text, cache)
    if value is cache:
        try:
            value = convert(text)
        except Bad as error:
            value = error
        if len(cache) < _CACHE_MAX:
            cache[text] = value
    return value


@dataclass
class Record:
    """One case of the source as the file states it."""

    line: int
    case: list  # values of CASE_FIELDS
    events: dict  # kind → list of EVENT_FIELDS values; "transito" → tuple of countries
    persons: dict = field(default_factory=dict)  # source_person_id → tuple of PERSON_FIELDS values

    def canonical(self) -> tuple:
        events = tuple(sorted((kind, tuple(value)) for kind, value in self.events.items()))
        return tuple(self.case), events, tuple(sorted(self.persons.items()))

    def fingerprint(self) -> str:
        return hashlib.blake2b(repr(self.canonical()).encode(), digest_size=16).hexdigest()


def parse_date(text: str) -> str:
    """dd/mm/aaaa or AAAA-MM-DD → ISO text; Bad for anything else or an impossible date."""
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _BR_DATE.match(text)
        if not match:
            raise Bad(_("data inválida (use dd/mm/aaaa ou AAAA-MM-DD)"))
        day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise Bad(_("data inexistente (use dd/mm/aaaa com dia e mês que existam)")) from None


def parse_partial(text: str) -> tuple[str, str]:
    if _BR_DATE.match(text):
        return parse_date(text), "dia"
    try:
        partial = layout.parse_partial_date(text)
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise Bad(_("data inexistente (use dd/mm/aaaa com dia e mês que existam)")) from None
        raise Bad(_("data inválida (use AAAA, AAAA-MM, AAAA-MM-DD ou dd/mm/aaaa)")) from None
    return partial.value.isoformat(), partial.precision


class Converters:
    """Cell converters for each kind of column, built on the pre-loaded ``Lookups``."""

    def __init__(self, lookups: Lookups):
        self.lookups = lookups

    def coded(self, vocabulary: str, multiple: bool):
        codes = self.lookups.codes[vocabulary]
        hint = ", ".join(sorted(codes)) if len(codes) <= 12 else _("veja o dicionário de dados")

        def check(code):
            if code not in codes:
                raise Bad(
                    _("código desconhecido no vocabulário %(vocabulary)s (use: %(hint)s)")
                    % {"vocabulary": vocabulary, "hint": hint}
                )
            return code

        if multiple:
            return lambda text: tuple(sorted({check(item) for item in layout.split_list(text)}))
        return check

    def integer(self, minimum: int, maximum: int):
        def convert(text):
            if _DECIMAL_COMMA.match(text):
                raise Bad(_("número com vírgula decimal: informe um número inteiro, sem vírgula"))
            try:
                number = int(text)
            except ValueError:
                raise Bad(_("não é um número inteiro")) from None
            if not minimum <= number <= maximum:
                raise Bad(_("fora do intervalo de %(min)s a %(max)s") % {"min": minimum, "max": maximum})
            return number

        return convert

    def countries(self, multiple: bool):
        known = self.lookups.countries

        def check(code):
            code = code.upper()
            if code not in known:
                raise Bad(_("país desconhecido (use o código ISO 3166-1 alfa-2, como BR ou VE)"))
            return code

        if multiple:
            return lambda text: tuple(dict.fromkeys(check(item) for item in layout.split_list(text)))
        return check

    def uf(self, text):
        code = self.lookups.uf_by_text.get(text.upper() if len(text) == 2 else text) or self.lookups.uf_by_text.get(
            _key(text)
        )
        if code is None:
            raise Bad(_("UF desconhecida (use a sigla, como SP)"))
        return code

    def municipality(self, text):
        """IBGE code (7 digits, or 6 without the check digit) or "Nome/UF"."""
        lookups = self.lookups
        if text.isdigit():
            code = int(text)
            if len(text) == 6:
                code = next((c for c in range(code * 10, code * 10 + 10) if c in lookups.municipality_uf), None)
            if code in lookups.municipality_uf:
                return code
            raise Bad(_("município desconhecido: nenhum município com este código IBGE"))
        if "/" in text:
            name, _sep, uf_text = text.rpartition("/")
            uf = lookups.uf_by_text.get(uf_text.strip().upper())
            code = lookups.municipality_by_name.get((_key(name), uf)) if uf else None
            if code:
                return code
        return self._municipality_fallback(text)

    def _municipality_fallback(self, text):
        # Rare forms ("São Paulo - SP", "Pacaraima (RR)"): the territory service, once per distinct value.
        from pnetp.territory.services import PlaceLookupError, find_municipality

        self.lookups.before_query()
        try:
            return find_municipality(text).pk
        except PlaceLookupError as error:
            raise Bad(_("município desconhecido (use o código IBGE ou “Nome/UF”). %(detail)s") % {"detail": error}) from error


def _key(text: str) -> str:
    from pnetp.territory.keys import place_key

    return place_key(text)


# Where each column goes: ("case", i), ("person", i), ("event", kind, i), ("transit",) or a key.
def column_slot(column: layout.Column):
    target = column.target
    if target in ("case.source", "case.source_record_id", "person.source_person_id"):
        return ("key", column.name)
    model, _dot, name = target.partition(".")
    if model == "case":
        return ("case", CASE_FIELDS.index(name))
    if model == "person":
        return ("person", PERSON_FIELDS.index(name))
    kind = model[len("event[") : -1]
    if kind == "transito":
        return ("transit",)
    return ("event", kind, EVENT_FIELDS.index(name))


class RowValidator:
    """Validates standard-layout rows of one file and assembles them into ``records``."""

    def __init__(self, source, report: Report, file_name: str, lookups: Lookups, *, origin: dict | None = None):
        self.source = source
        self.report = report
        self.file_name = file_name
        self.lookups = lookups
        self.origin = {} if origin is None else origin  # standard column → file column (layouts fill it later)
        self.records: dict[str, Record] = {}
        self.seen: dict[tuple[str, str], int] = {}
        self.rows = 0
        self.columns = self._compile(Converters(lookups))

    def _compile(self, converters: Converters) -> list:
        compiled = []
        for column in layout.CASE_PERSON.columns:
            slot = column_slot(column)
            if slot[0] == "key":
                convert = None
            elif column.vocabulary:
                convert = converters.coded(column.vocabulary, column.multiple)
            elif column.type == "date":
                convert = parse_date
            elif column.type == "integer":
                convert = converters.integer(column.constraints["minimum"], column.constraints["maximum"])
            elif slot[0] == "transit" or column.target == "person.citizenships":
                convert = converters.countries(multiple=True)
            elif column.target.endswith(".date"):
                convert = parse_partial
            elif column.target.endswith(".municipality"):
                convert = converters.municipality
            elif column.target.endswith(".federative_unit"):
                convert = converters.uf
            elif column.target.endswith(".country"):
                convert = converters.countries(multiple=False)
            else:  # pragma: no cover - a new column type in the layout
                raise NotImplementedError(column.name)
            compiled.append((column.name, slot, convert, {}, column.required))
        band = converters.coded("age_band", multiple=False)
        compiled.append((AGE_BAND_COLUMN, ("person", PERSON_FIELDS.index("age_band")), band, {}, False))
        return compiled

    def activate(self, columns) -> None:
        """Check only the columns a file has (and the required ones): most files fill a few dozen."""
        wanted = {*columns, AGE_BAND_COLUMN}
        self.columns = [spec for spec in self.columns if spec[0] in wanted or spec[4]]

    def check_header(self, columns, *, line: int = 1) -> bool:
        """Missing required columns are reported once, on the header line; False stops the file."""
        missing = [name for name in layout.CASE_PERSON.header if layout.column(name).required and name not in columns]
        for name in missing:
            self.report.add(self.file_name, line, self.origin.get(name, name), "", _("coluna obrigatória ausente"))
        return not missing

    def _problem(self, line, column, value, message):
        self.report.add(self.file_name, line, self.origin.get(column, column), value, message)

    def add(self, line: int, row: dict) -> None:
        self.rows += 1
        case = [None] * len(CASE_FIELDS)
        person = [None] * len(PERSON_FIELDS)
        events = {}
        transit = ()
        keys = {}
        ok = True
        for name, slot, convert, cache, required in self.columns:
            text = row.get(name)
            text = text.strip() if text else ""
            if not text:
                if required:
                    self._problem(line, name, "", _("valor obrigatório ausente"))
                    ok = False
                continue
            if convert is None:
                keys[name] = text
                continue
            value = converted(convert, cache, text)
            if isinstance(value, Bad):
                self._problem(line, name, text, str(value))
                ok = False
                continue
            kind = slot[0]
            if kind == "person":
                person[slot[1]] = value
            elif kind == "case":
                case[slot[1]] = value
            elif kind == "event":
                values = events.setdefault(slot[1], [None] * len(EVENT_FIELDS))
                if slot[2] == 0:  # a partial date fills date and precision
                    values[0], values[1] = value
                else:
                    values[slot[2]] = value
            else:
                transit = value
        if not self._check_keys(line, keys):
            return
        ok = self._check_places(line, events) and ok
        if not ok:
            return
        if person[3] is not None:
            person[4] = _AGE_BANDS[person[3]]
        if person[_CITIZENSHIPS]:
            person[_CITIZENSHIPS] = tuple(sorted(person[_CITIZENSHIPS]))
        for index, name in enumerate(PERSON_FIELDS):
            if name in _MULTI_FIELDS and person[index] is None:
                person[index] = ()
        if transit:
            events["transito"] = transit
        self._assemble(line, keys["id_registro"], keys["id_pessoa"], case, events, tuple(person))

    def _check_keys(self, line, keys) -> bool:
        ok = True
        slug = keys.get("fonte")
        if slug is not None and slug != self.source.slug:
            self._problem(line, "fonte", slug, _("a fonte do arquivo não é %(slug)s") % {"slug": self.source.slug})
            ok = False
        record_id, person_id = keys.get("id_registro"), keys.get("id_pessoa")
        if record_id is None or person_id is None:
            return False
        if len(record_id) > 100:
            self._problem(line, "id_registro", record_id, _("mais de 100 caracteres"))
            ok = False
        if len(person_id) > 50:
            self._problem(line, "id_pessoa", person_id, _("mais de 50 caracteres"))
            ok = False
        key = (record_id, person_id)
        first = self.seen.setdefault(key, line)
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

    def _check_places(self, line, events) -> bool:
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

    def _assemble(self, line, record_id, person_id, case, events, person) -> None:
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
                column = next(c.name for c in layout.CASE_PERSON.columns if c.target == f"case.{CASE_FIELDS[index]}")
                self._conflict(line, column, value, record.line)
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


def as_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
