"""Geometry for maps: simplified GeoJSON boundaries and their projection to SVG.

Municipal boundaries are stored as GeoJSON (lon/lat) so any later map can use them; pages draw them as
inline SVG with an equirectangular projection corrected by cos(latitude), which is faithful enough at
the scale of one municipality or one UF and needs no map server or tile download.
"""

import math
from dataclasses import dataclass

import shapely
from shapely.geometry import shape

# viewBox of the 27 state outlines of @svg-maps/brazil (FederativeUnit.svg_path).
BRAZIL_VIEWBOX = "0 0 613 639"
SIMPLIFY_TOLERANCE = 0.002  # degrees, about 200 m: invisible on a page-sized map
GRID = 0.001  # coordinates rounded to about 100 m keep the whole table near 3 MB


def simplify_boundary(geometry: dict) -> str:
    """Repairs (buffer(0)), simplifies and rounds a GeoJSON polygon; returns compact GeoJSON text."""
    geom = shape(geometry)
    if not geom.is_valid:
        geom = geom.buffer(0)  # a handful of source polygons self-intersect
    geom = shapely.set_precision(geom.simplify(SIMPLIFY_TOLERANCE, preserve_topology=True), GRID)
    return shapely.to_geojson(geom)


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


@dataclass(frozen=True)
class Projection:
    """Maps lon/lat onto an SVG box ``width`` wide; y grows downwards."""

    west: float
    north: float
    scale: float
    x_factor: float  # cos(mean latitude): degrees of longitude shrink away from the equator
    width: float
    height: float
    margin: float

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.margin + (lon - self.west) * self.x_factor * self.scale
        y = self.margin + (self.north - lat) * self.scale
        return round(x, 1), round(y, 1)

    def path(self, geometry: dict) -> str:
        """SVG path data of a GeoJSON (Multi)Polygon; draw with fill-rule="evenodd" for holes."""
        parts = []
        for polygon in _polygons(geometry):
            for ring in polygon:
                points = [self.point(lon, lat) for lon, lat in ring]
                parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in points) + "Z")
        return "".join(parts)

    @property
    def viewbox(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"


def fit(geometries: list[dict], points: list[tuple[float, float]] = (), size: float = 400, margin: float = 8):
    """A projection of all ``geometries`` (GeoJSON) and extra lon/lat ``points`` whose longer side is ``size``."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    for geometry in geometries:
        for polygon in _polygons(geometry):
            for lon, lat in polygon[0]:
                lons.append(lon)
                lats.append(lat)
    if not lons:
        return None
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    x_factor = math.cos(math.radians((north + south) / 2))
    span = max((east - west) * x_factor, north - south, 1e-6)
    scale = (size - 2 * margin) / span
    inner_height = (north - south) * scale
    inner_width = (east - west) * x_factor * scale
    return Projection(
        west=west,
        north=north,
        scale=scale,
        x_factor=x_factor,
        width=round(inner_width + 2 * margin, 1),
        height=round(inner_height + 2 * margin, 1),
        margin=margin,
    )
