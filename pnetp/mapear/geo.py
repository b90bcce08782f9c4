"""Coordinates of Mapear points: Brazil's bounding box, distance to the municipal seat, position on the map.

The state outlines (FederativeUnit.svg_path, from @svg-maps/brazil) are drawn in a Mercator projection;
``map_position`` fits it to the outlines' bounding box and Brazil's mainland extremes. Checked against the
5,568 municipal seats: 98.5% fall inside their own UF's outline, the rest within a pixel or two of its border.
"""

import json
import math
from decimal import Decimal

from shapely.geometry import Point, shape

# Includes the oceanic islands (Fernando de Noronha, Trindade) to the east.
LATITUDE_RANGE = (Decimal("-33.8"), Decimal("5.3"))
LONGITUDE_RANGE = (Decimal("-74.0"), Decimal("-28.8"))
MAX_DISTANCE_KM = 50
BOUNDARY_MARGIN_DEGREES = 0.05  # about 5 km: boundaries are simplified

# Mainland extremes (west, east, north, south) and where they sit in the 613×639 viewBox.
_WEST, _EAST, _NORTH, _SOUTH = -73.9905, -34.7929, 5.2718, -33.7517
_X0, _X1, _Y0, _Y1 = 0.2626, 612.2626, 0.2611, 638.7911


def in_brazil_box(latitude: Decimal, longitude: Decimal) -> bool:
    return LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1] and LONGITUDE_RANGE[0] <= longitude <= LONGITUDE_RANGE[1]


def distance_km(lat1, lon1, lat2, lon2) -> float:
    """Great-circle (haversine) distance."""
    lat1, lon1, lat2, lon2 = map(math.radians, map(float, (lat1, lon1, lat2, lon2)))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def inside_boundary(municipality, latitude, longitude) -> bool:
    """True when the municipality's outline is loaded and contains the point (large Amazonian
    municipalities reach hundreds of kilometres from their seat)."""
    if not municipality.boundary:
        return False
    outline = shape(json.loads(municipality.boundary)).buffer(BOUNDARY_MARGIN_DEGREES)
    return outline.contains(Point(float(longitude), float(latitude)))


def _mercator(latitude: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))


def map_position(latitude, longitude) -> tuple[float, float]:
    """(x, y) in the viewBox of the state outlines (pnetp.territory.geometry.BRAZIL_VIEWBOX)."""
    x = _X0 + (float(longitude) - _WEST) / (_EAST - _WEST) * (_X1 - _X0)
    y = _Y0 + (_mercator(_NORTH) - _mercator(float(latitude))) / (_mercator(_NORTH) - _mercator(_SOUTH)) * (_Y1 - _Y0)
    return round(x, 1), round(y, 1)
