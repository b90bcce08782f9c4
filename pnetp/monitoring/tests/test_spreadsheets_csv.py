"""CSV files: one per kind, UTF-8 with BOM on export; UTF-8, BOM or Windows-1252, comma or semicolon on import."""

from datetime import date
from decimal import Decimal

import pytest

from pnetp.monitoring.models import Indicator, ProgressReport, Responsibility
from pnetp.monitoring.services import workflow
from pnetp.monitoring.spreadsheets import MonitoringImportError, export_csv, import_monitoring
from pnetp.plans.importing.reading import Source

from .test_spreadsheets_support import counts, snapshot

RESPONSIBILITY_HEADER = (
    "codigo_atividade;descricao_atividade;instituicoes_responsaveis;instituicoes_parceiras;"
    "data_inicio;data_fim;entrega_esperada;peso"
)


def run_csv(world, files: dict[str, bytes], user, **options):
    options.setdefault("cycle", world.cycle)
    return import_monitoring([Source(n, c) for n, c in files.items()], plan=world.plan, user=user, **options)


def test_export_is_one_bom_utf8_file_per_kind_in_pt_br_notation(world):
    Responsibility.objects.filter(activity=world.act["1.1.1"]).update(
        weight=Decimal("1.5"), start_date=date(2024, 3, 1)
    )
    files = export_csv(world.plan, world.cycle)
    assert list(files) == ["responsabilidades.csv", "indicadores.csv", "relatorios.csv"]
    assert all(content.startswith(b"\xef\xbb\xbf") for content in files.values())
    lines = files["responsabilidades.csv"].decode("utf-8-sig").splitlines()
    assert lines[0] == RESPONSIBILITY_HEADER
    assert lines[1] == "1.1.1;Ativ. 1.1.1;MJSP;MDHC;01/03/2024;30/06/2026;;1,5"
    assert list(export_csv(world.plan)) == ["responsabilidades.csv", "indicadores.csv"]


def test_csv_export_imports_back_unchanged(world):
    before = snapshot()
    result = run_csv(world, export_csv(world.plan, world.cycle), world.users.coord)
    assert counts(result) == {"responsibilities": (0, 0, 5), "indicators": (0, 0, 0), "reports": (0, 0, 6)}
    assert snapshot() == before


def test_windows_1252_semicolon_and_decimal_comma(world):
    text = "\r\n".join([
        RESPONSIBILITY_HEADER,
        "1.1.2;Ativ. 1.1.2;MJSP;MDHC;01/02/2025;31/12/2026;Relatório de gestão e capacitação;1,5",
    ]) + "\r\n"  # fmt: skip
    result = run_csv(world, {"planilha.csv": text.encode("cp1252")}, world.users.coord)
    assert result.sheets["responsibilities"].updated == ["1.1.2"]
    responsibility = Responsibility.objects.get(activity=world.act["1.1.2"])
    assert responsibility.deliverable == "Relatório de gestão e capacitação"
    assert responsibility.weight == Decimal("1.5")
    assert responsibility.start_date == date(2025, 2, 1)


def test_comma_separated_utf8_without_bom_with_quoted_decimal_comma(world):
    text = (
        "codigo_atividade,indicador,unidade,linha_de_base,ano_linha_de_base,meta,sentido,periodicidade\n"
        '1.1.1,Tempo médio de resposta,dias,"12,5",2023,"1.234,75",diminuir,Trimestral\n'
    )
    result = run_csv(world, {"indicadores.csv": text.encode("utf-8")}, world.users.coord, cycle=None)
    assert counts(result) == {"indicators": (1, 0, 0)}
    indicator = Indicator.objects.get()
    assert (indicator.baseline_value, indicator.target_value) == (Decimal("12.5"), Decimal("1234.75"))
    assert (indicator.direction, indicator.frequency) == ("decrease", "quarterly")


def test_csv_errors_name_the_file_and_its_physical_line(world):
    text = RESPONSIBILITY_HEADER + '\n1.1.1;"Descrição em\nduas linhas";MJSP;;;;;1\n1.1.2;;MJSP;;;;;doze\n'
    with pytest.raises(MonitoringImportError) as refused:
        run_csv(world, {"resp.csv": text.encode()}, world.users.coord)
    assert refused.value.messages == [
        "resp.csv, linha 4, coluna peso: número inválido 'doze' (esperado, por exemplo, 12,5)"
    ]


def test_text_looking_like_a_formula_is_escaped_and_read_back(world):
    u = world.users
    report = workflow.start_report(u.mjsp, world.act["1.1.1"], world.cycle, world.inst["MJSP"])
    workflow.update_report(u.mjsp, report, narrative="=SOMA(A1:A3) pessoas", difficulties="- falta de verba")
    files = export_csv(world.plan, world.cycle)
    assert "'=SOMA(A1:A3) pessoas" in files["relatorios.csv"].decode("utf-8-sig")
    assert not run_csv(world, files, u.mjsp).changed
    assert ProgressReport.objects.get().narrative == "=SOMA(A1:A3) pessoas"


def test_files_must_be_recognised_and_given_once(world):
    files = export_csv(world.plan, world.cycle)
    with pytest.raises(MonitoringImportError) as refused:
        run_csv(
            world,
            {"a.csv": files["relatorios.csv"], "b.csv": files["relatorios.csv"], "c.csv": b"x;y\n1;2\n"},
            world.users.coord,
        )
    assert refused.value.messages == [
        "c.csv, linha 1: tipo de planilha não reconhecido pelo cabeçalho (esperado uma destas: "
        "Responsabilidades (instituicoes_responsaveis), Indicadores (indicador), Relatórios (situacao))",
        "b.csv: a planilha Relatórios já foi lida em a.csv; envie cada tipo uma vez só",
    ]
