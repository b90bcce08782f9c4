"""CSV import of the directory: all or nothing, errors by line and column, and the export imports back unchanged."""

import pytest
from django.core.exceptions import PermissionDenied

from pnetp.network.importer import export_units_csv, import_units_csv
from pnetp.network.models import Unit

from .conftest import CREAS_PHONE, SHELTER_ADDRESS

pytestmark = pytest.mark.django_db

HEADER = "codigo,nome,tipo,instituicao,servicos,municipio_ibge,pais,endereco,latitude,longitude,campos_restritos,verificado_em,ativa"


def write(tmp_path, text, name="rede.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_export_round_trips_unchanged(tmp_path, directory):
    coord = directory.users["coord"]
    exported = export_units_csv(coord)
    assert SHELTER_ADDRESS in exported and CREAS_PHONE in exported  # the full working file
    result = import_units_csv(coord, write(tmp_path, exported))
    assert result.ok, result.errors
    assert (result.created, result.updated) == ([], [])
    assert sorted(result.unchanged) == sorted(Unit.objects.values_list("code", flat=True))
    assert export_units_csv(coord) == exported


def test_creates_updates_and_keeps_columns_the_file_does_not_carry(tmp_path, directory):
    coord = directory.users["coord"]
    netp_code = directory.netp.code
    text = "\n".join([
        "codigo;nome;tipo;servicos;municipio_ibge;verificado_em",
        f"{netp_code};NETP do DF;netp;legal;5300108;01/12/2026",
        "CRAS-01;CRAS Ceilândia;Centro de Referência de Assistência Social (CRAS);social_benefits;5300108;",
        "CONS-LIS;Consulado-Geral em Lisboa;posto_consular;consular;;",
    ])  # fmt: skip
    # the consular post needs a country: the file fails as a whole and nothing is written
    result = import_units_csv(coord, write(tmp_path, text))
    assert result.errors == ["rede.csv, linha 4, coluna pais: Informe o país de unidades no exterior."]
    assert not Unit.objects.filter(code="CRAS-01").exists()
    text = text.replace(
        "codigo;nome;tipo;servicos;municipio_ibge;verificado_em",
        "codigo;nome;tipo;servicos;municipio_ibge;verificado_em;pais",
    )
    text = text.replace(
        "CONS-LIS;Consulado-Geral em Lisboa;posto_consular;consular;;",
        "CONS-LIS;Consulado-Geral em Lisboa;posto_consular;consular;;;PT",
    )
    lines = text.split("\n")
    lines[1] += ";"
    lines[2] += ";"
    result = import_units_csv(coord, write(tmp_path, "\n".join(lines)))
    assert result.ok, result.errors
    assert (result.created, result.updated) == (["CRAS-01", "CONS-LIS"], [netp_code])
    netp = Unit.objects.get(code=netp_code)
    assert (netp.name, netp.services, str(netp.last_verified)) == ("NETP do DF", ["legal"], "2026-12-01")
    assert netp.address == "Esplanada, bloco T"  # no "endereco" column: left as it was
    assert Unit.objects.get(code="CONS-LIS").country_id == "PT"
    again = import_units_csv(coord, write(tmp_path, "\n".join(lines)))
    assert (again.created, again.updated, len(again.unchanged)) == ([], [], 3)


def test_every_error_names_line_and_column_and_nothing_is_written(tmp_path, directory):
    text = "\n".join([
        HEADER,
        "A1,Unidade A,netp,XYZ,legal,5300108,,,,,,,sim",
        "A2,Unidade B,nucleo,,,5300108,,,,,,,",
        "A3,Unidade C,creas,,teleporte,9999999,,,abc,,cor_favorita,31/02/2026,talvez",
        "A1,Unidade D,netp,,,5300108,,,,,,,",
        "A5,,netp,,,5300108,,,,,,,",
    ])  # fmt: skip
    result = import_units_csv(directory.users["coord"], write(tmp_path, text))
    assert result.errors == [
        'rede.csv, linha 2, coluna instituicao: sigla "XYZ" não encontrada entre as instituições cadastradas.',
        'rede.csv, linha 3, coluna tipo: tipo "nucleo" desconhecido; use um código como netp, creas, shelter.',
        "rede.csv, linha 4, coluna servicos: serviços desconhecidos: teleporte.",
        'rede.csv, linha 4, coluna municipio_ibge: código IBGE "9999999" não é de um município cadastrado.',
        'rede.csv, linha 4, coluna latitude: "abc" não é um número.',
        'rede.csv, linha 4, coluna verificado_em: data "31/02/2026" inválida; use AAAA-MM-DD ou DD/MM/AAAA.',
        'rede.csv, linha 4, coluna ativa: use "sim" ou "não".',
        'rede.csv, linha 5, coluna codigo: código "A1" repetido (já usado na linha 2).',
        "rede.csv, linha 6, coluna nome: campo obrigatório não preenchido.",
    ]
    assert not Unit.objects.filter(code__startswith="A").exists()


def test_restricted_field_names_are_checked(tmp_path, directory):
    text = "codigo,nome,tipo,municipio_ibge,campos_restritos\nB1,Unidade,netp,5300108,phone;cor_favorita\n"
    result = import_units_csv(directory.users["coord"], write(tmp_path, text))
    assert result.errors == [
        "rede.csv, linha 2, coluna campos_restritos: Campos que não podem ser restritos: cor_favorita."
    ]


def test_missing_header_column(tmp_path, directory):
    result = import_units_csv(directory.users["coord"], write(tmp_path, "codigo,nome\nX,Y\n"))
    assert result.errors == ["rede.csv, linha 1, coluna tipo: coluna obrigatória ausente no cabeçalho."]


def test_only_the_coordination_imports_and_exports(tmp_path, directory):
    for name in ("focal", "professional", "analyst"):
        with pytest.raises(PermissionDenied):
            import_units_csv(directory.users[name], write(tmp_path, "codigo,nome,tipo\n"))
        with pytest.raises(PermissionDenied):
            export_units_csv(directory.users[name])
