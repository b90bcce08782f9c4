"""Open data: the Data Package describes exactly the CSV columns, validates, and holds the services' numbers."""

import csv
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from frictionless import Package, validate

from pnetp.monitoring.services.rollup import plan_progress
from pnetp.portal.services import opendata

NAMES = ["atividades", "responsabilidades", "relatorios_aprovados", "progresso", "rede_unidades"]
PYTHON_TYPES = {"string": str, "integer": int, "number": (int, float), "date": str}


def _csv(client, name) -> list[dict]:
    content = client.get(reverse("portal:download", args=[name, "csv"])).content.decode("utf-8")
    return list(csv.DictReader(io.StringIO(content)))


def _header(client, name) -> list[str]:
    content = client.get(reverse("portal:download", args=[name, "csv"])).content.decode("utf-8")
    return next(csv.reader(io.StringIO(content)))


def _package(client) -> dict:
    return json.loads(client.get(reverse("portal:datapackage")).content)


def test_every_csv_column_is_described_in_order(client, public):
    package = _package(client)
    assert [r["name"] for r in package["resources"]] == NAMES
    for resource in package["resources"]:
        described = [f["name"] for f in resource["schema"]["fields"]]
        assert _header(client, resource["name"]) == described, resource["name"]
        assert resource["path"] == f"{resource['name']}.csv"
        for field in resource["schema"]["fields"]:
            assert field["type"] in PYTHON_TYPES
            assert field["description"].strip(), field["name"]
        assert set(resource["schema"]["primaryKey"]) <= set(described)


def test_json_has_the_same_columns_and_declared_types(client, public):
    fields = {r["name"]: r["schema"]["fields"] for r in _package(client)["resources"]}
    for name in NAMES:
        rows = client.get(reverse("portal:download", args=[name, "json"])).json()
        assert rows, name
        for row in rows:
            assert list(row) == [f["name"] for f in fields[name]]
            for field in fields[name]:
                value = row[field["name"]]
                assert value is None or isinstance(value, PYTHON_TYPES[field["type"]]), (name, field["name"], value)


def test_zip_validates_as_a_frictionless_data_package(client, public, tmp_path):
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("portal:zip")).content))
    assert sorted(archive.namelist()) == sorted(
        ["datapackage.json"] + [f"{n}.csv" for n in NAMES] + [f"{n}.json" for n in NAMES]
    )
    archive.extractall(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(tmp_path / "datapackage.json"))
    assert [len(resource.read_rows()) for resource in package.resources] == [5, 6, 4, 1 + 2 + 3 + 5, 1]


def test_data_types_are_enforced_by_validation(public, tmp_path):
    """A value of the wrong type is caught: the schema is not a formality."""
    (tmp_path / "datapackage.json").write_bytes(opendata.datapackage_json())
    for resource in opendata.RESOURCES:
        (tmp_path / f"{resource.name}.csv").write_bytes(opendata.to_csv(resource))
    path = tmp_path / "progresso.csv"
    lines = path.read_text().splitlines()
    lines[1] = lines[1].replace("26.25", "vinte e seis")
    path.write_text("\n".join(lines) + "\n")
    report = validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert {row[0] for row in report.flatten(["type"])} == {"type-error"}


def test_progress_file_equals_the_rollup(client, public):
    tree = plan_progress(public.plan)
    rows = {(r["nivel"], r["codigo"]): r for r in _csv(client, "progresso")}
    assert rows["plano", "teste"]["progresso_percentual"] == "26.25" == str(tree.progress)
    for axis in tree.children:
        assert Decimal(rows["eixo", axis.code]["progresso_percentual"]) == axis.progress
        for action in axis.children:
            assert Decimal(rows["acao", action.code]["progresso_percentual"]) == action.progress
    cancelled = rows["atividade", "1.1.2"]
    assert (cancelled["progresso_percentual"], cancelled["atividades_excluidas"], cancelled["situacao"]) == (
        "", "1", "Cancelada",
    )  # fmt: skip
    assert rows["atividade", "1.1.1"]["situacao"] == "Em andamento"
    assert rows["atividade", "1.2.1"]["situacao"] == "Sem relatório aprovado"


def test_responsibilities_and_reports_rows(client, public):
    roles = [(r["atividade_codigo"], r["instituicao_sigla"], r["papel"]) for r in _csv(client, "responsabilidades")]
    assert roles == [
        ("1.1.1", "MJSP", "responsavel"), ("1.1.1", "MDHC", "parceira"), ("1.1.2", "MJSP", "responsavel"),
        ("1.2.1", "MJSP", "responsavel"), ("2.1.1", "MDHC", "responsavel"), ("2.1.2", "MDHC", "responsavel"),
    ]  # fmt: skip
    reports = {(r["atividade_codigo"], r["instituicao_sigla"]): r for r in _csv(client, "relatorios_aprovados")}
    mdhc = reports["1.1.1", "MDHC"]
    # No percent given: the status default is what the roll-up counts.
    assert (mdhc["percentual_informado"], mdhc["percentual_considerado"], mdhc["situacao"]) == ("", "100", "Concluída")
    assert reports["1.1.1", "MJSP"]["aprovado_em"] == "2025-07-20"


@pytest.mark.parametrize("resource", opendata.RESOURCES, ids=lambda r: r.name)
def test_dictionary_page_lists_every_column(client, public, resource):
    html = client.get(reverse("portal:dictionary")).content.decode()
    assert f'id="{resource.name}"' in html
    for field in resource.fields:
        assert f"<code>{field.name}</code>" in html
