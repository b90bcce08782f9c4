"""Reads of the network app. Every public output of the directory (pages, map, CSV, JSON, API) gets unit data
through ``public_units`` and ``public_unit_fields`` only: what they leave out never leaves the platform.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from pnetp.core.text import fold
from pnetp.mapear.geo import map_position
from pnetp.territory.models import FederativeUnit, Municipality

from .models import Channel, Unit, UnitKind, UnitService

FRESH_DAYS = 365
# Public field names, in the order of the CSV and JSON downloads (the open-data dictionary).
PUBLIC_FIELDS = (
    "codigo", "nome", "tipo", "tipo_nome", "instituicao_sigla", "instituicao_nome", "servicos", "municipio",
    "municipio_ibge", "uf", "pais", "pais_codigo", "endereco", "latitude", "longitude", "telefone", "email",
    "sitio", "horario", "idiomas", "publico", "verificado_em", "mantido_por",
)  # fmt: skip
# public name → model field, for the fields a unit may restrict.
RESTRICTABLE = {
    "endereco": "address", "latitude": "latitude", "longitude": "longitude", "telefone": "phone",
    "email": "email", "sitio": "website", "horario": "opening_hours", "idiomas": "languages", "publico": "audience",
}  # fmt: skip


@dataclass(frozen=True)
class DirectoryFilters:
    uf: str = ""  # abbreviation
    kind: str = ""
    service: str = ""
    text: str = ""


def public_units(filters: DirectoryFilters | None = None) -> QuerySet[Unit]:
    """Active units matching ``filters``; read them through ``public_unit_fields``, never directly."""
    units = Unit.objects.filter(active=True).select_related(
        "institution", "maintained_by", "municipality__uf", "country"
    )
    filters = filters or DirectoryFilters()
    if filters.uf:
        units = units.filter(municipality__uf__abbreviation=filters.uf.upper())
    if filters.kind:
        units = units.filter(kind=filters.kind)
    if filters.service:
        # JSON "contains" is not portable to SQLite; a quoted code is unambiguous in the stored list.
        units = units.filter(services__icontains=f'"{filters.service}"')
    for word in fold(filters.text).split():
        units = units.filter(Q(search_text__contains=word) | Q(municipality__search_key__contains=word))
    return units.order_by("name", "pk")


def public_unit_fields(unit: Unit) -> dict:
    """The unit as the public may see it: restricted fields (a shelter's address, any field the unit marks
    restricted) are ``None``; ``restrito`` lists which were withheld."""
    hidden = {name for name, field in RESTRICTABLE.items() if field in unit.public_restricted_fields()}
    municipality = unit.municipality
    row = {
        "codigo": unit.code or "",
        "nome": unit.name,
        "tipo": unit.kind,
        "tipo_nome": str(unit.get_kind_display()),
        "instituicao_sigla": unit.institution.acronym if unit.institution_id else "",
        "instituicao_nome": unit.institution.name if unit.institution_id else "",
        "servicos": [code for code in unit.services if code in UnitService.values],
        "municipio": municipality.name if municipality else "",
        "municipio_ibge": municipality.pk if municipality else None,
        "uf": municipality.uf.abbreviation if municipality else "",
        "pais": unit.country.name if unit.country_id else "",
        "pais_codigo": unit.country_id or "",
        "endereco": unit.address,
        "latitude": unit.latitude,
        "longitude": unit.longitude,
        "telefone": unit.phone,
        "email": unit.email,
        "sitio": unit.website,
        "horario": unit.opening_hours,
        "idiomas": unit.languages,
        "publico": unit.audience,
        "verificado_em": unit.last_verified,
        "mantido_por": unit.maintained_by.acronym if unit.maintained_by_id else "",
    }
    for name in hidden:
        row[name] = None
    row["restrito"] = sorted(hidden)
    return row


def public_rows(filters: DirectoryFilters | None = None) -> list[dict]:
    return [{**public_unit_fields(unit), "pk": unit.pk} for unit in public_units(filters)]


def service_labels(codes: list[str]) -> list[str]:
    labels = dict(UnitService.choices)
    return [str(labels[code]) for code in codes if code in labels]


def map_markers(rows: list[dict]) -> list[dict]:
    """Positions on the outline map: the unit's public coordinates, else its municipal seat (public already)."""
    seats = {}
    codes = [r["municipio_ibge"] for r in rows if r["municipio_ibge"] and r["latitude"] is None]
    if codes:
        seats = {m.pk: (m.latitude, m.longitude) for m in Municipality.objects.filter(pk__in=codes)}
    markers = []
    for row in rows:
        if row["latitude"] is not None and row["longitude"] is not None:
            position = map_position(row["latitude"], row["longitude"])
        elif row["municipio_ibge"] in seats:
            position = map_position(*seats[row["municipio_ibge"]])
        else:
            continue
        markers.append({"x": position[0], "y": position[1], "label": row["nome"]})
    return markers


@dataclass
class Freshness:
    uf: FederativeUnit
    total: int
    fresh: int

    @property
    def share(self) -> float:
        return 100.0 * self.fresh / self.total if self.total else 0.0


def freshness_by_uf(today=None) -> list[Freshness]:
    """Per UF with units: how many active units were verified in the last 12 months."""
    today = today or timezone.localdate()
    since = today - timedelta(days=FRESH_DAYS)
    counts: dict[int, list[int]] = {}
    for uf_id, verified in Unit.objects.filter(active=True, municipality__isnull=False).values_list(
        "municipality__uf_id", "last_verified"
    ):
        entry = counts.setdefault(uf_id, [0, 0])
        entry[0] += 1
        entry[1] += int(verified is not None and verified >= since)
    ufs = FederativeUnit.objects.filter(pk__in=counts).order_by("name")
    return [Freshness(uf, *counts[uf.pk]) for uf in ufs]


def unit_url(pk: int) -> str:
    return reverse("network:unit", args=[pk])


def kinds_in_use() -> list[tuple[str, str]]:
    used = set(Unit.objects.filter(active=True).values_list("kind", flat=True))
    return [(code, label) for code, label in UnitKind.choices if code in used]


def public_channels() -> QuerySet[Channel]:
    return Channel.objects.filter(active=True).select_related("institution").prefetch_related("countries")


def channel_fields(channel: Channel) -> dict:
    return {
        "nome": channel.name,
        "tipo": channel.kind,
        "contato": channel.contact,
        "link": channel.link,
        "descricao": channel.description,
        "horario": channel.hours,
        "idiomas": channel.languages,
        "libras": channel.libras,
        "gratuito": channel.free_of_charge,
        "abrangencia": channel.scope,
        "paises": [c.pk for c in channel.countries.all()],
        "responsavel": channel.responsible_name,
    }
