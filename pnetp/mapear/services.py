"""Queries behind the Mapear pages: the current survey, filters, counts by UF and grade, map markers."""

from dataclasses import dataclass

from django.db.models import Count, Q

from pnetp.territory.models import FederativeUnit

from . import geo
from .models import ATTRIBUTES, HighwayPoint, MapearSurvey, RiskGrade


def current_survey(year=None) -> MapearSurvey | None:
    """The survey of ``year``, else the latest one."""
    surveys = MapearSurvey.objects.all()
    if year:
        found = surveys.filter(year=year).first()
        if found:
            return found
    return surveys.first()


def survey_points(survey):
    if survey is None:
        return HighwayPoint.objects.none()
    return HighwayPoint.objects.filter(survey=survey).select_related("municipality", "uf")


def filter_points(points, *, uf=None, highway="", grades=(), attributes=(), **_ignored):
    """``attributes``: field names that must have been observed as present ("sim")."""
    if uf:
        points = points.filter(uf=uf)
    if highway:
        points = points.filter(highway=highway)
    if grades:
        points = points.filter(risk_grade__in=grades)
    valid = {name for name, _column, _label in ATTRIBUTES}
    for name in attributes:
        if name in valid:
            points = points.filter(**{name: True})
    return points


def highways(points) -> list[str]:
    return list(points.order_by("highway").values_list("highway", flat=True).distinct())


@dataclass
class UFRow:
    uf: FederativeUnit | None  # None on the totals row
    counts: list[int]  # per grade, baixo → crítico

    @property
    def total(self) -> int:
        return sum(self.counts)


def counts_by_grade(points) -> list[tuple[str, str, int]]:
    """(code, label, count) for each grade in order, zeros included."""
    counts = dict(points.order_by().values_list("risk_grade").annotate(n=Count("pk")))
    return [(code, label, counts.get(code, 0)) for code, label in RiskGrade.choices]


def counts_by_uf(points) -> tuple[list[UFRow], UFRow]:
    """One row per UF with points (alphabetical by name), and the totals row."""
    grades = RiskGrade.values
    rows: dict[int, list[int]] = {}
    for uf_id, grade, n in points.order_by().values_list("uf_id", "risk_grade").annotate(n=Count("pk")):
        rows.setdefault(uf_id, [0] * len(grades))[grades.index(grade)] = n
    ufs = FederativeUnit.objects.filter(pk__in=rows).order_by("name")
    table = [UFRow(uf, rows[uf.pk]) for uf in ufs]
    totals = UFRow(None, [sum(row.counts[i] for row in table) for i in range(len(grades))])
    return table, totals


def attribute_counts(points) -> list[tuple[str, int, int, int]]:
    """(label, sim, não, não observado) for each attribute."""
    aggregates = {}
    for name, _column, _label in ATTRIBUTES:
        aggregates[f"{name}_yes"] = Count("pk", filter=Q(**{name: True}))
        aggregates[f"{name}_no"] = Count("pk", filter=Q(**{name: False}))
        aggregates[f"{name}_unknown"] = Count("pk", filter=Q(**{f"{name}__isnull": True}))
    values = points.order_by().aggregate(**aggregates)
    return [
        (label, values[f"{name}_yes"], values[f"{name}_no"], values[f"{name}_unknown"])
        for name, _column, label in ATTRIBUTES
    ]


def map_markers(points) -> list[dict]:
    """Marker positions on the state outlines; the lowest grades first so critical points are drawn on top."""
    order = {code: i for i, code in enumerate(RiskGrade.values)}
    rows = points.order_by().values_list("latitude", "longitude", "risk_grade")
    markers = []
    for latitude, longitude, grade in sorted(rows, key=lambda r: order[r[2]]):
        x, y = geo.map_position(latitude, longitude)
        markers.append({"x": x, "y": y, "grade": grade})
    return markers
