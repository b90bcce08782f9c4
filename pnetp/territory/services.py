"""Place lookups for forms, imports and the API: UFs, municipalities and countries from free text.

Every lookup ignores accents, case, apostrophes and hyphens (keys.place_key) and raises a
PlaceLookupError whose message, in Portuguese, tells the user what to fix.
"""

import difflib
import re

from django.utils.translation import gettext as _

from .keys import place_key
from .models import Country, FederativeUnit, Municipality


class PlaceLookupError(LookupError):
    def __init__(self, message: str, *, suggestions=(), candidates=()):
        super().__init__(message)
        self.message = message
        self.suggestions = list(suggestions)  # close matches, for "Você quis dizer"
        self.candidates = list(candidates)  # same name in several UFs

    def __str__(self) -> str:
        return self.message


class PlaceNotFound(PlaceLookupError):
    pass


class AmbiguousPlace(PlaceLookupError):
    pass


def find_uf(text) -> FederativeUnit:
    """ "SP", "sp", "São Paulo", "sao paulo" or the IBGE code "35"."""
    if isinstance(text, FederativeUnit):
        return text
    raw = str(text or "").strip()
    if not raw:
        raise PlaceNotFound(_("Informe a UF."))
    if raw.isdigit():
        uf = FederativeUnit.objects.filter(pk=int(raw)).first()
    elif len(raw) == 2:
        uf = FederativeUnit.objects.filter(abbreviation=raw.upper()).first()
    else:
        key = place_key(raw)
        uf = next((uf for uf in FederativeUnit.objects.all() if place_key(uf.name) == key), None)
    if uf is None:
        raise PlaceNotFound(_("UF “%(text)s” não encontrada.") % {"text": raw})
    return uf


def find_municipality(text, uf=None) -> Municipality:
    """A municipality from "São Paulo/SP", "Sao Paulo - SP", "sao paulo, sp", "São Paulo (SP)",
    "Sao Paulo SP", the IBGE code (7 digits, or 6 without the check digit as in DATASUS), or the
    name alone when only one UF has it. ``uf`` (text or FederativeUnit) restricts the search."""
    raw = re.sub(r"\s+", " ", str(text or "")).strip()
    if not raw:
        raise PlaceNotFound(_("Informe o nome ou o código IBGE do município."))
    scope = find_uf(uf) if uf else None
    if raw.isdigit():
        return _by_code(raw, scope)
    attempts = [(raw, scope)]
    for name, uf_text in _name_uf_splits(raw):
        try:
            parsed = find_uf(uf_text)
        except PlaceNotFound:
            continue
        if scope is None or parsed == scope:
            attempts.append((name, parsed))
    for name, where in attempts:
        matches = Municipality.objects.filter(search_key=place_key(name)).select_related("uf")
        if where is not None:
            matches = matches.filter(uf=where)
        matches = list(matches.order_by("uf__abbreviation"))
        if len(matches) == 1:
            return matches[0]
        if matches:
            ufs = ", ".join(m.uf.abbreviation for m in matches)
            message = _("“%(name)s” existe em %(count)d UFs (%(ufs)s): informe a UF.")
            raise AmbiguousPlace(message % {"name": name, "count": len(matches), "ufs": ufs}, candidates=matches)
    name, where = attempts[-1]  # the reading with a UF, when there is one
    raise _not_found(name, where)


def _by_code(digits: str, scope) -> Municipality:
    code = int(digits)
    queryset = Municipality.objects.select_related("uf")
    if len(digits) == 7:
        found = queryset.filter(pk=code).first()
    elif len(digits) == 6:
        found = queryset.filter(pk__gte=code * 10, pk__lte=code * 10 + 9).first()
    else:
        raise PlaceNotFound(_("O código IBGE de município tem 7 dígitos (ou 6, sem o dígito verificador)."))
    if found is None or (scope is not None and found.uf_id != scope.pk):
        raise PlaceNotFound(_("Nenhum município com o código IBGE %(code)s.") % {"code": digits})
    return found


_PARENTHESES = re.compile(r"^(?P<name>.+?)\s*\(\s*(?P<uf>[^()]+?)\s*\)$")
_SEPARATOR = re.compile(r"\s*(?:[/,;]|\s[-–—]|[-–—]\s)\s*")
_TRAILING_ABBREVIATION = re.compile(r"^(?P<name>.+?)\s+(?P<uf>[A-Za-z]{2})$")


def _name_uf_splits(raw: str) -> list[tuple[str, str]]:
    """Possible (name, UF) readings of the text, most explicit first."""
    splits = []
    if match := _PARENTHESES.match(raw):
        splits.append((match["name"], match["uf"]))
    parts = _SEPARATOR.split(raw)
    if len(parts) >= 2:
        splits.append((" ".join(parts[:-1]), parts[-1]))
    if match := _TRAILING_ABBREVIATION.match(raw):
        splits.append((match["name"], match["uf"]))
    return splits


def _not_found(name: str, uf) -> PlaceNotFound:
    queryset = Municipality.objects.select_related("uf")
    if uf is not None:
        queryset = queryset.filter(uf=uf)
    by_key: dict[str, list[Municipality]] = {}
    for municipality in queryset.only("ibge_code", "name", "search_key", "uf__abbreviation"):
        by_key.setdefault(municipality.search_key, []).append(municipality)
    close = difflib.get_close_matches(place_key(name), by_key, n=5, cutoff=0.8)
    suggestions = [m for key in close for m in by_key[key]][:5]
    if uf is not None:
        message = _("Município “%(name)s” não encontrado em %(uf)s.") % {"name": name, "uf": uf.abbreviation}
    else:
        message = _("Município “%(name)s” não encontrado.") % {"name": name}
    if suggestions:
        names = ", ".join(str(m) for m in suggestions)
        message += " " + _("Você quis dizer: %(names)s?") % {"names": names}
    return PlaceNotFound(message, suggestions=suggestions)


def find_country(text) -> Country:
    """ISO alpha-2 ("BO"), alpha-3 ("BOL") or numeric ("068") code, or a name: "Bolívia", "bolivia",
    "Estado Plurinacional da Bolívia", the English name or any alias set in the admin."""
    raw = str(text or "").strip()
    if not raw:
        raise PlaceNotFound(_("Informe o país."))
    upper = raw.upper()
    code_field = {2: "alpha2", 3: "alpha3"}.get(len(raw)) if raw.isalpha() else ("numeric" if raw.isdigit() else None)
    if code_field:
        value = upper if code_field != "numeric" else raw.zfill(3)
        if country := Country.objects.filter(**{code_field: value}).first():
            return country
    key = place_key(raw)
    matches = list(Country.objects.filter(search_keys__contains=f"|{key}|")) if key else []
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        names = ", ".join(c.name for c in matches)
        raise AmbiguousPlace(_("“%(text)s” pode ser: %(names)s.") % {"text": raw, "names": names}, candidates=matches)
    by_key = {place_key(c.name): c for c in Country.objects.all()}
    close = [by_key[k] for k in difflib.get_close_matches(key, by_key, n=3, cutoff=0.75)]
    message = _("País “%(text)s” não encontrado.") % {"text": raw}
    if close:
        message += " " + _("Você quis dizer: %(names)s?") % {"names": ", ".join(c.name for c in close)}
    raise PlaceNotFound(message, suggestions=close)


def sync_capital_flags() -> None:
    """Municipality.is_capital follows FederativeUnit.capital, the one place where a capital is set."""
    capitals = FederativeUnit.objects.exclude(capital=None).values_list("capital_id", flat=True)
    Municipality.objects.filter(is_capital=True).exclude(pk__in=capitals).update(is_capital=False)
    Municipality.objects.filter(pk__in=capitals, is_capital=False).update(is_capital=True)
