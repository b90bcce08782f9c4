"""Reading the institution directory: the filters of the public list."""

from django.db.models import QuerySet

from pnetp.core.text import fold

from .models import Institution


def filter_institutions(queryset: QuerySet[Institution], *, q: str = "", kind: str = "", uf: str = "") -> QuerySet:
    """Search name and sigla ignoring accents and case; filter by natureza and UF."""
    if q and (folded := fold(q)):
        queryset = queryset.filter(search_text__contains=folded)
    if kind:
        queryset = queryset.filter(kind=kind)
    if uf:
        queryset = queryset.filter(uf=uf)
    return queryset


def public_institutions(include_inactive: bool = False) -> QuerySet[Institution]:
    queryset = Institution.objects.select_related("parent")
    return queryset if include_inactive else queryset.filter(active=True)
