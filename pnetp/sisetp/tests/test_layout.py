"""The CSV layout: coherent with the vocabularies and models, and a valid Frictionless Data Package."""

import csv
import json
import re
from datetime import date

import frictionless
import pytest

from pnetp.sisetp import models
from pnetp.sisetp.standard import layout
from pnetp.sisetp.standard.datapackage import datapackage
from pnetp.sisetp.standard.vocabularies import VOCABULARIES

TARGET_MODELS = {
    "case": models.Case,
    "person": models.CasePerson,
    "identity": models.PersonIdentity,
    "event": models.Event,
}


def test_column_names_are_portuguese_snake_case_and_unique():
    for resource in layout.RESOURCES:
        names = resource.header
        assert len(names) == len(set(names))
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in names)
        assert set(resource.primary_key) <= set(names)


def test_case_person_columns_the_importers_expect():
    expected = {
        "fonte",
        "id_registro",
        "id_pessoa",
        "data_registro",
        "data_identificacao",
        "papel",
        "sexo",
        "idade",
        "raca_cor",
        "nacionalidades",
        "uf_exploracao",
        "municipio_exploracao_ibge",
        "formas_exploracao",
    }
    assert expected <= set(layout.CASE_PERSON.header)
    assert layout.IDENTITY.header[3:] == [
        "nome",
        "nome_social",
        "cpf",
        "data_nascimento",
        "nome_mae",
        "telefone",
        "email",
        "endereco",
    ]


def test_identifying_columns_are_only_in_the_identity_resource():
    assert not [c.name for c in layout.CASE_PERSON.columns if c.identifying]
    key = set(layout.IDENTITY.primary_key)
    assert all(c.identifying for c in layout.IDENTITY.columns if c.name not in key)


def test_coded_columns_name_real_vocabularies():
    for resource in layout.RESOURCES:
        for col in resource.columns:
            assert col.vocabulary is None or col.vocabulary in VOCABULARIES, col.name
            assert col.type in {"string", "integer", "date"}
            assert str(col.title) and str(col.description)


def test_targets_are_real_model_fields():
    for resource in layout.RESOURCES:
        for col in resource.columns:
            owner, field_name = col.target.split(".")
            model = TARGET_MODELS[owner.split("[")[0]]
            model._meta.get_field(field_name)  # raises FieldDoesNotExist
            if owner.startswith("event["):
                assert owner[6:-1] in VOCABULARIES["event_kind"].codes()


def test_split_list_and_partial_dates():
    assert layout.split_list(" exploracao_sexual; trabalho_escravo ;") == ["exploracao_sexual", "trabalho_escravo"]
    assert layout.split_list("") == [] and layout.split_list(None) == []
    assert layout.parse_partial_date("2023") == layout.PartialDate(date(2023, 1, 1), "ano")
    assert layout.parse_partial_date("2023-05") == layout.PartialDate(date(2023, 5, 1), "mes")
    assert layout.parse_partial_date("2023-05-17") == layout.PartialDate(date(2023, 5, 17), "dia")
    assert layout.parse_partial_date(" ") is None
    for bad in ("2023-13", "2023-02-30", "17/05/2023", "23"):
        with pytest.raises(ValueError):
            layout.parse_partial_date(bad)


def test_datapackage_descriptor_is_valid():
    report = frictionless.Package.validate_descriptor(datapackage())
    assert report.valid, report.flatten(["message"])
    vocabularies = frictionless.Package(datapackage()).get_resource("vocabularios").validate()
    assert vocabularies.valid, vocabularies.flatten(["message"])


def _write(path, resource, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=resource.header)
        writer.writeheader()
        for row in rows:
            writer.writerow({name: row.get(name, "") for name in resource.header})


def test_files_in_the_layout_validate_and_mistakes_are_caught(tmp_path):
    good = {
        "fonte": "disque-100",
        "id_registro": "A1",
        "id_pessoa": "1",
        "data_registro": "2024-03-01",
        "papel": "vitima",
        "idade": "17",
        "nacionalidades": "BR;VE",
        "formas_exploracao": "exploracao_sexual;servidao",
        "data_exploracao": "2023-05",
        "municipio_exploracao_ibge": "5300108",
        "uf_aliciamento": "RR",
    }
    bad = {
        **good,
        "id_pessoa": "2",
        "papel": "testemunha",
        "idade": "0x",
        "formas_exploracao": "exploracao_sexual;x",
        "data_exploracao": "05/2023",
        "municipio_exploracao_ibge": "53001",
    }
    _write(tmp_path / "pessoas_casos.csv", layout.CASE_PERSON, [good, bad])
    _write(
        tmp_path / "identidades.csv",
        layout.IDENTITY,
        [
            {
                "fonte": "disque-100",
                "id_registro": "A1",
                "id_pessoa": "1",
                "nome": "Pessoa Fictícia",
                "cpf": "529.982.247-25",
            }
        ],
    )
    (tmp_path / "datapackage.json").write_text(json.dumps(datapackage(), ensure_ascii=False), encoding="utf-8")
    report = frictionless.Package(str(tmp_path / "datapackage.json")).validate()
    errors = report.flatten(["rowNumber", "fieldName"])
    assert [row for row, _ in errors] == [3] * 5
    assert {field for _, field in errors} == {
        "papel",
        "idade",
        "formas_exploracao",
        "data_exploracao",
        "municipio_exploracao_ibge",
    }
