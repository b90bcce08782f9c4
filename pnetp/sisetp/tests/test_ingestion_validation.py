"""Malformed files are refused with precise Portuguese messages, and nothing is written."""

import pytest

from pnetp.sisetp.ingestion.batches import run_import
from pnetp.sisetp.models import Case, CasePerson, ImportBatch

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401


def refused(feed, path, **options):
    result = run_import(feed.source, "standard", path, **options)
    assert not result.ok
    assert not Case.objects.exists() and not CasePerson.objects.exists() and not ImportBatch.objects.exists()
    return result.report.lines()


def test_wrong_encoding(feed, tmp_path):
    path = tmp_path / "casos.csv"
    path.write_bytes(",".join(CASE_HEADER).encode() + b"\ncreas-ficticio,R1,1,2024-03-01,,,vitima,\x81\x8d\n")
    [line] = refused(feed, path)
    assert line.startswith(
        "casos.csv, linha 2: byte 0x81 inválido: a codificação do arquivo não é UTF-8 nem Windows-1252"
    )


def test_windows_1252_and_semicolon_are_accepted(feed, tmp_path):
    rows = case_rows(1)
    rows[0][16] = "São Paulo/SP"
    path = write_csv(tmp_path / "casos.csv", CASE_HEADER, rows, delimiter=";", encoding="cp1252")
    result = run_import(feed.source, "standard", path)
    assert result.ok, result.report.lines()
    assert Case.objects.get().events.get(kind="exploracao").municipality_id == 3550308


def test_missing_required_column(feed, tmp_path):
    header = [name for name in CASE_HEADER if name != "papel"]
    rows = [row[:6] + row[7:] for row in case_rows(1)]
    assert refused(feed, write_csv(tmp_path / "casos.csv", header, rows)) == [
        "casos.csv, linha 1, coluna papel: coluna obrigatória ausente"
    ]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("data_identificacao", "31/02/2023", "data inexistente (use dd/mm/aaaa com dia e mês que existam)"),
        ("data_identificacao", "2023/02/01", "data inválida (use dd/mm/aaaa ou AAAA-MM-DD)"),
        ("sexo", "F", "código desconhecido no vocabulário sex (use: feminino, intersexo, masculino)"),
        ("municipio_exploracao_ibge", "9999999", "município desconhecido: nenhum município com este código IBGE"),
        ("idade", "22,5", "número com vírgula decimal: informe um número inteiro, sem vírgula"),
    ],
)
def test_invalid_cells(feed, tmp_path, column, value, message):
    rows = case_rows(6)
    rows[10][CASE_HEADER.index(column)] = value  # file line 12
    lines = refused(feed, write_csv(tmp_path / "casos.csv", CASE_HEADER, rows))
    assert lines == [f"casos.csv, linha 12, coluna {column}, valor '{value}': {message}"]


def test_unknown_municipality_name(feed, tmp_path):
    rows = case_rows(1)
    rows[0][16] = "Cidade Inventada/DF"
    [line] = refused(feed, write_csv(tmp_path / "casos.csv", CASE_HEADER, rows))
    assert line.startswith(
        "casos.csv, linha 2, coluna municipio_exploracao_ibge, valor 'Cidade Inventada/DF': município desconhecido"
    )


def test_duplicate_ids_within_the_file(feed, tmp_path):
    rows = case_rows(2)
    rows.append(list(rows[0]))
    assert refused(feed, write_csv(tmp_path / "casos.csv", CASE_HEADER, rows)) == [
        "casos.csv, linha 6, coluna id_registro, valor 'R0001/1': identificador duplicado no arquivo: "
        "a mesma pessoa do mesmo registro já está na linha 2"
    ]


def test_one_bad_row_among_many_writes_nothing(feed, tmp_path):
    rows = case_rows(200)
    rows[-1][7] = "X"
    assert len(refused(feed, write_csv(tmp_path / "casos.csv", CASE_HEADER, rows))) == 1


def test_source_without_agreement_is_refused(feed, tmp_path):
    path = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(1, source="sem-acordo"))
    result = run_import(feed.bare, "standard", path)
    assert [issue.message for issue in result.report.issues] == [
        "A fonte Sem acordo não tem acordo de compartilhamento vigente em "
        + __import__("datetime").date.today().strftime("%d/%m/%Y")
    ]
    assert not Case.objects.exists()
