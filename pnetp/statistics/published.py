"""The read side: the current release and its readers, for every public page, download, report and the API.

Everything here reads the release stored by ``store`` (``store.current``); nothing counts or protects. The
readers give each page its part, and read only that part from storage: the statistics page's tables and indicator values (``statistics``), a
year's flows (``flows``), the UF → municipality table (``places``).
"""

from __future__ import annotations

from pnetp.disclosure import make_key

from pnetp.sisetp.standard.vocabularies import get_vocabulary
from . import store
from .domain import CHILD_BANDS, UNIVERSE, FlowRelease, PlaceRelease, PublicRelease, Release, share


def current_release(k: int | None = None) -> PublicRelease | store.StoredPublicRelease:
    """The release every public page, download, report and API reads: the stored one (see ``store``), whose
    tables are read from storage one part at a time, when a reader first asks for them."""
    return store.current(k)


def statistics(k: int | None = None) -> Release:
    """Every public number of the statistics page and downloads, from the stored release."""
    published = current_release(k)
    protected = published.stats
    sex = {c: str(label) for c, label in get_vocabulary("sex").choices()}
    bands = {c: str(label) for c, label in get_vocabulary("age_band").choices()}
    total = protected["ano_uf"].values[make_key(UNIVERSE)]  # the grand total, shared by the three tables
    values = {
        "vitimas-identificadas": total,
        "vitimas-sexo-feminino": share(protected["sexo"], [sex["feminino"]], list(sex.values())),
        "vitimas-criancas-adolescentes": share(
            protected["faixa_etaria"], [bands[b] for b in CHILD_BANDS], list(bands.values())
        ),
    }
    return Release(protected, values, published.k, published.computed_at, published.stale)


def flows(year: int, k: int | None = None) -> FlowRelease:
    """A year's flow tables as published."""
    published = current_release(k)
    return FlowRelease(year, published.flows_of(year), published.k, published.computed_at, published.stale)


def places() -> PlaceRelease | store.StoredPlaces:
    """The UF → municipality × year table as published; from storage, only the parts a page asks for (the UF
    rows and rankings for the map, a UF's part for its municipality map: ``place_parts``)."""
    published = current_release()
    if isinstance(published, store.StoredPublicRelease):
        return published.places()
    return PlaceRelease(
        published.place,
        published.years,
        published.k,
        published.municipal_detail,
        published.computed_at,
        published.stale,
    )
