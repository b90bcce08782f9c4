"""``pnetp load-population``: both layouts, errors with file/line/field, all-or-nothing, idempotent.

The populations below are made up for the tests (round numbers), not IBGE figures.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pnetp.territory.models import Population
from pnetp.territory.population import PopulationFileError, latest_populations, load_population

pytestmark = pytest.mark.django_db

PROJECT = "codigo_ibge;ano;populacao;fonte\n3550308;2022;1000000;Teste\n5300108;2022;500.000;Teste\n"
# IBGE's table layout: title lines, 2 + 5 digit codes, a footnote mark, notes under the data.
IBGE = (
    "ESTIMATIVAS DA POPULAÇÃO RESIDENTE NOS MUNICÍPIOS BRASILEIROS\n"
    ";;;;\n"
    "UF;COD. UF;COD. MUNIC;NOME DO MUNICÍPIO;POPULAÇÃO ESTIMADA\n"
    "SP;35;50308;São Paulo;1.100.000\n"
    "DF;53;00108;Brasília;600.000(1)\n"
    ";;;;\n"
    "Fonte: teste;;;;\n"
)


def write(tmp_path, text, name="pop.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_project_layout_loads_and_is_idempotent(territory, tmp_path):
    path = write(tmp_path, PROJECT)
    first = load_population(path)
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    assert Population.objects.get(municipality_id=5300108, year=2022).population == 500000
    again = load_population(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Population.objects.count() == 2


def test_ibge_layout_with_titles_footnotes_and_notes(territory, tmp_path):
    path = write(tmp_path, IBGE, encoding="cp1252")
    report = load_population(path, year=2024, source_note="IBGE, estimativas 2024 (teste)")
    assert report.created == 2
    row = Population.objects.get(municipality_id=5300108, year=2024)
    assert (row.population, row.source) == (600000, "IBGE, estimativas 2024 (teste)")


def test_a_changed_file_updates_rows_and_the_latest_year_wins(territory, tmp_path):
    load_population(write(tmp_path, PROJECT))
    load_population(write(tmp_path, IBGE), year=2024, source_note="IBGE")
    changed = load_population(write(tmp_path, PROJECT.replace("1000000", "1000001")))
    assert (changed.updated, changed.unchanged) == (1, 1)
    assert latest_populations()[3550308] == (1100000, 2024)
    assert latest_populations(2023)[3550308] == (1000001, 2022)


def test_every_error_names_file_line_and_field_and_nothing_is_written(territory, tmp_path):
    text = (
        "codigo_ibge;ano;populacao;fonte\n"
        "3550308;2022;1000;Teste\n"  # valid, but the file as a whole is not
        "355030;2022;1000;Teste\n"
        "9999999;2022;1000;Teste\n"
        "5300108;dois mil;1000;Teste\n"
        "5300108;2022;-5;Teste\n"
        "3550308;2022;1000;Teste\n"
        "1400456;2022;1000;\n"
    )
    with pytest.raises(PopulationFileError) as error:
        load_population(write(tmp_path, text, "erros.csv"))
    messages = error.value.errors
    assert "erros.csv, linha 3, campo código IBGE: “355030” não tem 7 dígitos." in messages
    unknown = "erros.csv, linha 4, campo código IBGE: município 9999999 não cadastrado"
    assert any(m.startswith(unknown) for m in messages)
    assert "erros.csv, linha 5, campo ano: “dois mil” não é um ano válido." in messages
    assert "erros.csv, linha 6, campo população: “-5” não é um número inteiro positivo." in messages
    assert any(m.startswith("erros.csv, linha 7: município 3550308 e ano 2022 repetidos") for m in messages)
    assert any(m.startswith("erros.csv, linha 8, campo fonte: vazio") for m in messages)
    assert not Population.objects.exists()


def test_ibge_layout_needs_year_and_source(territory, tmp_path):
    with pytest.raises(PopulationFileError) as error:
        load_population(write(tmp_path, IBGE, "ibge.csv"))
    assert error.value.errors == [
        "ibge.csv: no leiaute do IBGE informe o ano (--ano).",
        "ibge.csv: informe a fonte dos dados (--fonte).",
    ]


def test_unknown_header_is_explained(territory, tmp_path):
    with pytest.raises(PopulationFileError, match="cabeçalho não encontrado"):
        load_population(write(tmp_path, "municipio,habitantes\nSão Paulo,1\n", "x.csv"))


def test_command(territory, tmp_path):
    out = StringIO()
    call_command("load_population", str(write(tmp_path, IBGE)), "--ano", "2024", "--fonte", "IBGE", stdout=out)
    assert "2 linhas novas" in out.getvalue()
    call_command(
        "load_population", str(write(tmp_path, IBGE)), "--ano", "2024", "--fonte", "IBGE", "--dry-run", stdout=out
    )
    assert "[simulação]" in out.getvalue()
    with pytest.raises(CommandError, match="pop.csv, linha 2, campo código IBGE"):
        call_command("load_population", str(write(tmp_path, PROJECT.replace("3550308", "35503"))))
    with pytest.raises(CommandError, match="Arquivo não encontrado"):
        call_command("load_population", str(tmp_path / "nao-existe.csv"))


def test_file_over_the_size_cap_is_refused_unread(territory, tmp_path, settings):
    settings.PNETP_INPUT_LIMITS = {"office": {**settings.PNETP_INPUT_LIMITS["office"], "file_bytes": 20}}
    path = write(tmp_path, "codigo_ibge;ano;populacao;fonte\n5300108;2022;2817068;IBGE\n")
    with pytest.raises(PopulationFileError) as refusal:
        load_population(path)
    assert refusal.value.errors[0].startswith("pop.csv: o arquivo tem") and not Population.objects.exists()
