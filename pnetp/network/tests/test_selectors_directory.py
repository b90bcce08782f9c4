"""Every public output of the directory — pages, map, CSV, JSON, API — shows no restricted value."""

import io
import json
import zipfile
from datetime import date

import pytest

from pnetp.mapear.geo import map_position
from pnetp.network import selectors
from pnetp.network.selectors import DirectoryFilters
from pnetp.territory.models import Municipality

from .conftest import SECRETS, SHELTER_LAT, SHELTER_LON

pytestmark = pytest.mark.django_db


def public_outputs(client, directory) -> dict[str, str]:
    d = directory
    urls = [
        "/rede/", "/rede/?uf=DF", "/rede/?tipo=shelter", "/rede/?servico=accommodation", "/rede/?q=esperanca",
        "/rede/unidades.csv", "/rede/unidades.json", "/rede/unidades.json?uf=GO", "/rede/atualizacao/",
        "/api/v1/network/units/", "/api/v1/network/units/?uf=DF", "/transparencia/dados/rede_unidades.csv",
        "/transparencia/dados/rede_unidades.json", "/transparencia/dados/datapackage.json",
        *[f"/rede/unidades/{u.pk}/" for u in (d.netp, d.shelter, d.creas)],
        *[f"/api/v1/network/units/{u.code}/" for u in (d.netp, d.shelter, d.creas)],
    ]  # fmt: skip
    outputs = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        outputs[url] = response.content.decode()
    return outputs


def test_no_public_output_carries_a_restricted_value(client, directory):
    outputs = public_outputs(client, directory)
    shelter_marker = 'cx="{}" cy="{}"'.format(*map_position(SHELTER_LAT, SHELTER_LON))
    for url, body in outputs.items():
        for secret in [*SECRETS, shelter_marker]:
            assert secret not in body, (url, secret)
    # ...while the units themselves and their public fields are there.
    assert "Casa de Acolhida Esperança" in outputs["/rede/"]
    assert "(61) 3333-1000" in outputs[f"/rede/unidades/{directory.shelter.pk}/"]
    assert "Avenida Goiás, 100" in outputs["/rede/unidades.csv"]
    assert "Não divulgado" in outputs[f"/rede/unidades/{directory.shelter.pk}/"]
    assert "Casa de Acolhida Esperança" in outputs["/transparencia/dados/rede_unidades.csv"]


def test_open_data_zip_carries_no_restricted_value(client, directory):
    archive = zipfile.ZipFile(io.BytesIO(client.get("/transparencia/dados/pnetp-dados-abertos.zip").content))
    assert "rede_unidades.csv" in archive.namelist()
    for name in archive.namelist():
        body = archive.read(name).decode()
        for secret in SECRETS:
            assert secret not in body, (name, secret)


def test_a_signed_in_professional_of_the_shelter_still_gets_public_outputs_only(client, directory):
    client.force_login(directory.users["professional"])
    for url, body in public_outputs(client, directory).items():
        for secret in SECRETS:
            assert secret not in body, (url, secret)


def test_public_fields_null_restricted_values_and_name_them(directory):
    shelter = selectors.public_unit_fields(directory.shelter)
    assert (shelter["endereco"], shelter["latitude"], shelter["longitude"]) == (None, None, None)
    assert shelter["restrito"] == ["endereco", "latitude", "longitude"]
    creas = selectors.public_unit_fields(directory.creas)
    assert (creas["telefone"], creas["email"], creas["endereco"]) == (None, None, "Avenida Goiás, 100")


def test_json_and_api_report_restricted_fields_as_null(client, directory):
    rows = {r["nome"]: r for r in json.loads(client.get("/rede/unidades.json").content)["unidades"]}
    assert rows["Casa de Acolhida Esperança"]["endereco"] is None
    assert rows["NETP Distrito Federal"]["endereco"] == "Esplanada, bloco T"
    api = client.get(f"/api/v1/network/units/{directory.creas.code}/").json()
    assert api["telefone"] is None and api["restrito"] == ["email", "telefone"]


def test_filters(directory):
    def names(**filters):
        return [u.name for u in selectors.public_units(DirectoryFilters(**filters))]

    assert names(uf="GO") == ["CREAS Goiânia Centro"]
    assert names(kind="netp") == ["NETP Distrito Federal"]
    assert names(service="psychosocial") == ["CREAS Goiânia Centro", "NETP Distrito Federal"]
    assert names(text="goiania") == ["CREAS Goiânia Centro"]  # by municipality, accents ignored
    assert names(text="acolhida esperanca") == ["Casa de Acolhida Esperança"]
    directory.netp.active = False
    directory.netp.save()
    assert "NETP Distrito Federal" not in names()


def test_map_places_the_shelter_at_the_municipal_seat(directory):
    markers = selectors.map_markers(selectors.public_rows(DirectoryFilters(kind="shelter")))
    seat = Municipality.objects.get(pk=5300108)
    assert [(m["x"], m["y"]) for m in markers] == [map_position(seat.latitude, seat.longitude)]


def test_freshness_by_uf(directory):
    rows = {r.uf.abbreviation: (r.total, r.fresh) for r in selectors.freshness_by_uf(today=date(2026, 12, 1))}
    assert rows == {"DF": (2, 1), "GO": (1, 0)}
