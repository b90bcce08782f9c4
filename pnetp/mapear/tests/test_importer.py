from decimal import Decimal
from io import BytesIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pnetp.mapear.importer import import_mapear_csv
from pnetp.mapear.models import HighwayPoint, MapearSurvey

from .conftest import HEADER, SMALL_CSV

pytestmark = pytest.mark.django_db


def run(text: str, encoding="utf-8", **kwargs):
    upload = BytesIO(text.encode(encoding))
    upload.name = "mapear.csv"
    return import_mapear_csv(upload, year=2023, **kwargs)


def one_error(row: str) -> str:
    result = run(HEADER + "\n" + row + "\n")
    assert len(result.errors) == 1, result.errors
    assert not HighwayPoint.objects.exists() and not MapearSurvey.objects.exists()
    return result.errors[0]


def test_happy_path(territory, small_csv):
    result = import_mapear_csv(small_csv, year=2023)
    assert result.ok, result.errors
    assert len(result.created) == 5
    p1, p2 = HighwayPoint.objects.get(point_id="P1"), HighwayPoint.objects.get(point_id="P2")
    assert (p1.highway, p1.km, p1.municipality_id, p1.uf.abbreviation) == ("BR-116", Decimal("412.5"), 3550308, "SP")
    assert (p1.risk_grade, p1.kind, p1.notes) == ("baixo", "posto_combustivel", "Perto do pedágio")
    assert (p2.highway, p2.risk_grade, p2.uf.abbreviation) == ("BR-116", "critico", "SP")  # UF from the code
    assert HighwayPoint.objects.get(point_id="P4").highway == "BR-324"
    assert p1.history.get().history_change_reason == "Importação CSV: mapear.csv"


def test_unknown_is_not_no(territory, small_csv):
    import_mapear_csv(small_csv, year=2023)
    p1, p2 = HighwayPoint.objects.get(point_id="P1"), HighwayPoint.objects.get(point_id="P2")
    assert (p1.iluminacao, p1.estacionamento, p1.criancas_presentes) == (True, False, None)
    assert (p2.criancas_presentes, p2.seguranca_privada, p2.conselho_tutelar_proximo) == (True, False, None)


def test_idempotent_and_counts_updates(territory, small_csv):
    import_mapear_csv(small_csv, year=2023)
    again = import_mapear_csv(small_csv, year=2023)
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, 5)
    assert HighwayPoint.objects.count() == 5 and HighwayPoint.history.count() == 5
    changed = small_csv.read_text(encoding="utf-8").replace("P5,BR-116,5,", "P5,BR-116,6,")
    small_csv.write_text(changed, encoding="utf-8")
    third = import_mapear_csv(small_csv, year=2023)
    assert (third.created, third.updated, len(third.unchanged)) == ([], ["P5"], 4)
    assert HighwayPoint.objects.get(point_id="P5").km == 6


def test_same_ids_in_another_survey_are_other_points(territory, small_csv):
    import_mapear_csv(small_csv, year=2023)
    assert len(import_mapear_csv(small_csv, year=2024).created) == 5
    assert HighwayPoint.objects.count() == 10


def test_dry_run_writes_nothing(territory, small_csv):
    result = import_mapear_csv(small_csv, year=2023, dry_run=True)
    assert result.ok and len(result.created) == 5
    assert result.summary().startswith("Simulação, nada foi gravado.")
    assert not MapearSurvey.objects.exists() and not HighwayPoint.objects.exists()


def test_decimal_comma_semicolon_and_cp1252(territory):
    text = HEADER.replace(",", ";") + "\nP1;BR-116;1.234,5;-23,55;-46,60;São Paulo;SP;médio;;;;;;;;;Observação\n"
    result = run(text, encoding="cp1252")
    assert result.ok, result.errors
    point = HighwayPoint.objects.get()
    assert (point.km, point.latitude, point.longitude) == (Decimal("1234.5"), Decimal("-23.55"), Decimal("-46.6"))
    assert (point.municipality.name, point.notes) == ("São Paulo", "Observação")


def test_utf8_bom(territory):
    assert run("\ufeff" + SMALL_CSV).ok


@pytest.mark.parametrize(
    "row, message",
    [
        (
            ",BR-116,1,-23.55,-46.60,São Paulo,SP,baixo",
            "mapear.csv, linha 2, coluna id_ponto: campo obrigatório não preenchido.",
        ),
        (
            "P1,SP-330,1,-23.55,-46.60,São Paulo,SP,baixo",
            "mapear.csv, linha 2, coluna rodovia: rodovia “SP-330” inválida; use a forma BR-116.",
        ),
        (
            "P1,BR-116,um,-23.55,-46.60,São Paulo,SP,baixo",
            "mapear.csv, linha 2, coluna km: “um” não é um número; use, por exemplo, 123,4 ou 123.4.",
        ),
        (
            "P1,BR-116,1,-23.55,-46.60,São Paulo,SP,grave",
            "mapear.csv, linha 2, coluna grau_risco: grau de risco “grave” desconhecido; "
            "use baixo, médio, alto ou crítico.",
        ),
        (
            "P1,BR-116,1,-23.55,-46.60,São Paulo,SP,baixo,,talvez",
            "mapear.csv, linha 2, coluna iluminacao: valor “talvez” inválido; use sim ou não (s/n, 1/0), "
            "ou deixe em branco se não foi observado.",
        ),
        (
            "P1,BR-116,1,-23.55,-46.60,Sao Paolo,SP,baixo",
            None,  # the lookup's own message, checked below
        ),
        (
            "P1,BR-116,1,-23.55,-46.60,3550308,RJ,baixo",
            "mapear.csv, linha 2, coluna uf: o município 3550308 é São Paulo/SP, que fica em SP, não em RJ.",
        ),
        (
            "P1,BR-116,1,23.55,-46.60,São Paulo,SP,baixo",
            "mapear.csv, linha 2, coluna latitude: o ponto (latitude 23,55, longitude -46,6) fica fora do Brasil, "
            "cujas latitudes vão de -33,8 a 5,3 e longitudes de -74 a -28,8; no Brasil ambas são quase sempre "
            "negativas.",
        ),
        (
            "P1,BR-116,1,-22.90,-43.20,São Paulo,SP,baixo",
            "mapear.csv, linha 2, coluna latitude: o ponto (latitude -22,9, longitude -43,2) fica a 358 km da sede "
            "de São Paulo/SP, além do limite de 50 km; confira as coordenadas (sinais, casas decimais) e o município.",
        ),
    ],
)
def test_each_error_has_its_message_and_writes_nothing(territory, row, message):
    error = one_error(row)
    if message is None:
        assert error.startswith("mapear.csv, linha 2, coluna municipio: ") and "Sao Paolo" in error
    else:
        assert error == message


def test_swapped_coordinates_are_pointed_out(territory):
    assert one_error("P1,BR-116,1,-46.60,-23.55,São Paulo,SP,baixo").endswith("Latitude e longitude parecem trocadas.")


def test_repeated_id_and_missing_column(territory):
    rows = "P1,BR-116,1,-23.55,-46.60,São Paulo,SP,baixo\nP1,BR-116,2,-23.55,-46.60,São Paulo,SP,alto"
    result = run(HEADER + "\n" + rows)
    assert result.errors == ["mapear.csv, linha 3, coluna id_ponto: identificador “P1” repetido (já usado na linha 2)."]
    result = run("id_ponto,rodovia,km\nP1,BR-116,1")
    assert "mapear.csv, linha 1, coluna latitude: coluna obrigatória ausente no cabeçalho." in result.errors


def test_one_bad_row_means_nothing_written(territory):
    good = "P1,BR-116,1,-23.55,-46.60,São Paulo,SP,baixo"
    result = run(HEADER + "\n" + good + "\nP2,BR-116,2,-23.55,-46.60,São Paulo,SP,péssimo")
    assert len(result.errors) == 1 and not HighwayPoint.objects.exists()


def test_command(territory, small_csv, capsys):
    call_command("import_mapear", str(small_csv), "--survey", "2023", "--dry-run")
    assert not HighwayPoint.objects.exists()
    call_command("import_mapear", str(small_csv), "--survey", "2023", "--source-note", "PRF")
    assert HighwayPoint.objects.count() == 5 and MapearSurvey.objects.get().source_note == "PRF"
    assert "5 criados" in capsys.readouterr().out
    bad = small_csv.with_name("bad.csv")
    bad.write_text(HEADER + "\nP1,BR-116,1,-23.55,-46.60,Nenhures,SP,baixo\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 erro"):
        call_command("import_mapear", str(bad), "--survey", "2023")


def test_sample_file_imports_cleanly(territory):
    from pnetp.mapear.demo import SAMPLE_CSV

    result = import_mapear_csv(SAMPLE_CSV, year=2023)
    assert result.ok, result.errors
    assert len(result.created) >= 60
    assert HighwayPoint.objects.values("uf").distinct().count() == 27
