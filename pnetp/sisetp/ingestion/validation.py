"""Cells of the standard layout: the fields a record holds, the converter of each column, the record.

Every layout hands its rows to ``validator.Validator`` keyed by the standard's column names
(``standard.layout``); each cell is converted by the converter of its column (``column_specs``),
built once on the pre-loaded ``Lookups``. A converter returns the value or raises ``Bad`` with a
Portuguese message; nothing is written here.

A record (one case of the source) holds the case's values, its events and a ``Person`` per person;
``fingerprint`` digests it so a re-import can tell unchanged cases without reading them back.
"""

import hashlib
import marshal
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from django.utils.translation import gettext as _

from ..models.persons import TERM_FIELDS, age_band_for
from ..standard import layout
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
MULTI_FIELDS = frozenset({*TERM_FIELDS, "citizenships"})  # person fields holding a tuple of codes
AGE_BANDS = {age: age_band_for(age) for age in range(121)}
FINGERPRINT_MARK = "m"  # how a fingerprint of the current form starts (``Record.fingerprint``)
# A person of a record: PERSON_FIELDS by name (a tuple, so stored records read back compare equal).
Person = NamedTuple("Person", [(name, object) for name in PERSON_FIELDS])


class Bad(Exception):
    """A cell that cannot be converted; the message explains it in Portuguese."""


@dataclass
class Record:
    """One case of the source as the file states it."""

    line: int
    case: list  # values of CASE_FIELDS
    events: dict  # kind → list of EVENT_FIELDS values; "transito" → tuple of countries
    persons: dict = field(default_factory=dict)  # source_person_id → Person (or a tuple of PERSON_FIELDS values)

    def canonical(self) -> tuple:
        """Plain tuples only: the fingerprint must not depend on the type holding a person's values."""
        events = tuple(sorted((kind, tuple(value)) for kind, value in self.events.items()))
        persons = tuple(sorted((person_id, tuple(values)) for person_id, values in self.persons.items()))
        return tuple(self.case), events, persons

    def fingerprint(self, like: str | None = None) -> str:
        """A digest of ``canonical()``: "m" and 30 hex digits, of its ``marshal`` bytes (format 0).

        ``like``: a stored fingerprint to compare with. Cases written before December 2026 carry the
        older form, 32 hex digits of its ``repr`` (never starting with "m"): they get that form back,
        so a re-import still finds them unchanged. The new form costs 40 % less (the ``repr`` of every
        new case was a fifth of an import's Python time); format 0 writes no references or interned
        flags, so equal values give equal bytes whatever objects hold them.
        """
        canonical = self.canonical()
        if like is not None and not like.startswith(FINGERPRINT_MARK):
            return hashlib.blake2b(repr(canonical).encode(), digest_size=16).hexdigest()
        try:
            data = marshal.dumps(canonical, 0)
        except ValueError:  # a type marshal does not know: its repr, marked apart
            data = b"r" + repr(canonical).encode()
        return FINGERPRINT_MARK + hashlib.blake2b(data, digest_size=15).hexdigest()


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

        try:
            return find_municipality(text).pk
        except PlaceLookupError as error:
            raise Bad(
                _("município desconhecido (use o código IBGE ou “Nome/UF”). %(detail)s") % {"detail": error}
            ) from error


def _key(text: str) -> str:
    from pnetp.territory.keys import place_key

    return place_key(text)


class Slot(NamedTuple):
    """Where a column goes: ``kind`` "key", "case", "person", "event" or "transit"."""

    kind: str
    index: int | None = None  # in CASE_FIELDS, PERSON_FIELDS or EVENT_FIELDS
    event: str | None = None  # an "event" slot's kind (aliciamento, exploracao)


def column_slot(column: layout.Column) -> Slot:
    target = column.target
    if target in ("case.source", "case.source_record_id", "person.source_person_id"):
        return Slot("key")
    model, _dot, name = target.partition(".")
    if model == "case":
        return Slot("case", CASE_FIELDS.index(name))
    if model == "person":
        return Slot("person", PERSON_FIELDS.index(name))
    kind = model[len("event[") : -1]
    if kind == "transito":
        return Slot("transit")
    return Slot("event", EVENT_FIELDS.index(name), kind)


@dataclass(frozen=True)
class ColumnSpec:
    """How one standard column is checked: its converter (None for the key columns) and where it goes."""

    name: str
    slot: Slot
    convert: Callable | None
    required: bool


def column_specs(lookups: Lookups) -> list[ColumnSpec]:
    """The specs of every column of the standard layout, in its order, then the age band's."""
    converters = Converters(lookups)
    specs = []
    for column in layout.CASE_PERSON.columns:
        slot = column_slot(column)
        specs.append(ColumnSpec(column.name, slot, _converter(converters, column, slot), column.required))
    band = converters.coded("age_band", multiple=False)
    specs.append(ColumnSpec(AGE_BAND_COLUMN, Slot("person", PERSON_FIELDS.index("age_band")), band, False))
    return specs


def _converter(converters: Converters, column: layout.Column, slot: Slot):
    if slot.kind == "key":
        return None
    if column.vocabulary:
        return converters.coded(column.vocabulary, column.multiple)
    if column.type == "date":
        return parse_date
    if column.type == "integer":
        return converters.integer(column.constraints["minimum"], column.constraints["maximum"])
    if slot.kind == "transit" or column.target == "person.citizenships":
        return converters.countries(multiple=True)
    if column.target.endswith(".date"):
        return parse_partial
    if column.target.endswith(".municipality"):
        return converters.municipality
    if column.target.endswith(".federative_unit"):
        return converters.uf
    if column.target.endswith(".country"):
        return converters.countries(multiple=False)
    raise NotImplementedError(column.name)  # pragma: no cover - a new column type in the layout
