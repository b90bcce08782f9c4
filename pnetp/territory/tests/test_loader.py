import json
import shutil
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from shapely.geometry import Point, shape

from pnetp.territory import loader
from pnetp.territory.loader import TerritoryDataError, load_territory
from pnetp.territory.models import Country, FederativeUnit, Municipality

pytestmark = pytest.mark.django_db

RN_WITHOUT_POLYGON = {2400208: "Açu", 2401305: "Campo Grande", 2405306: "Januário Cicco"}
BOA_ESPERANCA_DO_NORTE = 5101837


def test_totals(territory):
    assert FederativeUnit.objects.count() == 27
    # 5,570 municipalities in IBGE's 2022 list + Boa Esperança do Norte (MT), installed on 1 January 2025.
    assert Municipality.objects.count() == 5571
    counts = {uf.abbreviation: uf.municipalities.count() for uf in FederativeUnit.objects.all()}
    assert counts["MG"] == 853 and counts["SP"] == 645 and counts["DF"] == 1
    assert counts["MT"] == 142  # 141 in 2022, plus Boa Esperança do Norte
    assert set(FederativeUnit.objects.values_list("region", flat=True)) == {"CO", "N", "NE", "S", "SE"}
    assert Country.objects.count() == 249


def test_every_uf_has_its_capital(territory):
    capitals = {uf.abbreviation: uf.capital.name for uf in FederativeUnit.objects.select_related("capital")}
    assert capitals["SP"] == "São Paulo" and capitals["DF"] == "Brasília" and capitals["TO"] == "Palmas"
    assert all(uf.capital.uf_id == uf.pk for uf in FederativeUnit.objects.select_related("capital"))
    assert set(Municipality.objects.filter(is_capital=True).values_list("pk", flat=True)) == set(
        FederativeUnit.objects.values_list("capital_id", flat=True)
    )


def test_known_gaps_are_filled(territory):
    added = Municipality.objects.get(pk=BOA_ESPERANCA_DO_NORTE)
    assert (added.name, added.uf.abbreviation) == ("Boa Esperança do Norte", "MT")
    assert (added.latitude, added.longitude) == (Decimal("-13.50667"), Decimal("-55.14861"))
    assert "2025" in added.note
    for code, name in RN_WITHOUT_POLYGON.items():
        municipality = Municipality.objects.get(pk=code)
        assert municipality.name == name and municipality.latitude and municipality.longitude
    # Seats missing from ibge-utils 1.0.1, or placed in another municipality there.
    assert Municipality.objects.get(name="Jussiape").latitude == Decimal("-13.51694")
    assert Municipality.objects.get(name="Lapa").longitude == Decimal("-49.71583")
    assert Municipality.objects.get(pk=1505551).latitude == Decimal("-7.83278")  # Pau D'Arco/PA


def test_second_run_changes_nothing_and_keeps_admin_edits(territory):
    sao_paulo = Municipality.objects.get(pk=3550308)
    sao_paulo.name = "São Paulo (capital)"
    sao_paulo.save()

    report = load_territory(boundaries=False)
    assert sum(report.created.values()) == 0 and sum(report.updated.values()) == 0
    assert Municipality.objects.get(pk=3550308).name == "São Paulo (capital)"

    report = load_territory(boundaries=False, refresh=True)
    assert report.updated["municípios"] == 1
    assert Municipality.objects.get(pk=3550308).name == "São Paulo"
    assert Municipality.objects.count() == 5571


def test_deleted_rows_come_back(territory):
    Municipality.objects.filter(uf__abbreviation="RR").delete()
    report = load_territory(boundaries=False)
    assert report.created["municípios"] == 15
    assert Municipality.objects.count() == 5571


def test_outlines_fill_the_maps_and_match_the_seats(db, settings):
    if not (settings.NODE_MODULES / loader.POLYGONS).exists():
        pytest.skip("node_modules missing: run npm ci")
    report = load_territory()
    assert report.outlines["UFs"] == 27 and report.outlines["municípios"] == 5567
    assert not FederativeUnit.objects.filter(svg_path="").exists()
    without = set(Municipality.objects.filter(boundary="").values_list("pk", flat=True))
    assert without == set(RN_WITHOUT_POLYGON) | {BOA_ESPERANCA_DO_NORTE}

    # Each seat lies in (or, after simplification, within ~10 km of) its own outline.
    far = []
    for code, boundary, lat, lon in Municipality.objects.exclude(boundary="").values_list(
        "pk", "boundary", "latitude", "longitude"
    ):
        geometry = shape(json.loads(boundary))
        assert geometry.is_valid, code
        if geometry.distance(Point(float(lon), float(lat))) > 0.1:
            far.append(code)
    assert far == []

    again = load_territory()
    assert again.outlines["UFs"] == 0 and again.outlines["municípios"] == 0


def test_missing_packages_only_warn(territory, tmp_path):
    report = load_territory(node_modules=tmp_path)
    assert any("npm ci" in warning for warning in report.warnings)
    assert Municipality.objects.count() == 5571


def test_inconsistent_data_files_stop_the_load(territory, tmp_path, monkeypatch):
    Municipality.objects.all().delete()
    FederativeUnit.objects.all().delete()
    Country.objects.all().delete()
    shutil.copytree(loader.DATA_DIR, tmp_path, dirs_exist_ok=True)
    rows = (tmp_path / "municipalities.csv").read_text(encoding="utf-8").replace(",-9.90571,", ",,")
    (tmp_path / "municipalities.csv").write_text(rows, encoding="utf-8")
    monkeypatch.setattr(loader, "DATA_DIR", tmp_path)
    with pytest.raises(TerritoryDataError, match="1100023"):
        load_territory(boundaries=False)
    with pytest.raises(CommandError, match="sem coordenadas"):
        call_command("load_territory", "--no-boundaries")
    # All or nothing: the countries, read first, were rolled back too.
    assert not Municipality.objects.exists() and not Country.objects.exists()


def test_command_reports_in_portuguese(territory, capsys):
    call_command("load_territory", "--no-boundaries")
    out = capsys.readouterr().out
    assert "Criados: 0 países, 0 UFs, 0 municípios" in out
