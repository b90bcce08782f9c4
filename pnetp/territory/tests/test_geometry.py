import json

from shapely.geometry import shape

from pnetp.territory.geometry import fit, simplify_boundary

SQUARE = {"type": "Polygon", "coordinates": [[[-47, -15], [-46, -15], [-46, -16], [-47, -16], [-47, -15]]]}


def test_simplify_repairs_rounds_and_keeps_geojson():
    bow_tie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    repaired = shape(json.loads(simplify_boundary(bow_tie)))
    assert repaired.is_valid and repaired.area > 0
    ring = [[-47.00001, -15], [-46.5, -15.00004], [-46, -15], [-46, -16], [-47, -16], [-47.00001, -15]]
    detailed = {"type": "Polygon", "coordinates": [ring]}
    text = simplify_boundary(detailed)
    assert "-15.00004" not in text and "-47.00001" not in text
    assert shape(json.loads(text)).equals(shape(SQUARE))


def test_projection_fits_outline_and_seat():
    projection = fit([SQUARE], [(-46.5, -15.5)], size=200, margin=10)
    # A degree of longitude is cos(15.5°) ≈ 0.96 of a degree of latitude here: the box is taller than wide.
    assert projection.height == 200
    assert 190 < projection.width < 200
    assert projection.point(-47.0, -15.0) == (10, 10)
    assert projection.point(-46.5, -15.5) == (96.7, 100)
    path = projection.path(SQUARE)
    assert path.startswith("M10 10L183.5 10") and path.endswith("Z")
    assert projection.viewbox == "0 0 193.5 200"
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"], SQUARE["coordinates"]]}
    assert projection.path(multi).count("M") == 2


def test_fit_without_geometry():
    assert fit([]) is None
