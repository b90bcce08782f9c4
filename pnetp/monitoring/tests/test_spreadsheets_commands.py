"""``pnetp export-monitoring`` and ``pnetp import-monitoring``."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pnetp.monitoring.models import Responsibility

from .test_spreadsheets_support import edit_xlsx, snapshot


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_export_xlsx_then_import_it_back(world, tmp_path):
    path = tmp_path / "monitoramento.xlsx"
    assert str(path) in run(
        "export_monitoring", "--plan", "teste", "--cycle", "2025.1", "--format", "xlsx", "--output", str(path)
    )
    output = run("import_monitoring", str(path), "--plan", "teste", "--cycle", "2025.1", "--user", "coord")
    assert output.splitlines() == [
        "Responsabilidades: 0 criadas, 0 atualizadas, 5 inalteradas",
        "Indicadores: 0 criados, 0 atualizados, 0 inalterados",
        "Relatórios: 0 criados, 0 atualizados, 6 inalterados",
    ]


def test_export_csv_writes_one_file_per_kind_into_a_folder(world, tmp_path):
    folder = tmp_path / "planilhas"
    run("export_monitoring", "--plan", "teste", "--cycle", "2025.1", "--format", "csv", "--output", str(folder))
    assert sorted(p.name for p in folder.iterdir()) == ["indicadores.csv", "relatorios.csv", "responsabilidades.csv"]
    output = run(
        "import_monitoring", str(folder), "--plan", "teste", "--cycle", "2025.1", "--user", "coord", "--dry-run"
    )
    assert output.startswith("Simulação (--dry-run)")


def test_import_errors_become_a_command_error_and_nothing_is_written(world, tmp_path):
    path = tmp_path / "m.xlsx"
    run("export_monitoring", "--plan", "teste", "--format", "xlsx", "--output", str(path))
    path.write_bytes(edit_xlsx(path.read_bytes(), "Responsabilidades", {(2, "instituicoes_responsaveis"): "XYZ"}))
    before = snapshot()
    with pytest.raises(CommandError) as refused:
        run("import_monitoring", str(path), "--plan", "teste", "--user", "coord")
    assert str(refused.value).splitlines() == [
        "Importação recusada, nada foi gravado (1 erro(s)):",
        "m.xlsx, aba Responsabilidades, linha 2, coluna instituicoes_responsaveis: instituição 'XYZ' não cadastrada",
    ]
    assert snapshot() == before


def test_dry_run_writes_nothing(world, tmp_path):
    path = tmp_path / "m.xlsx"
    run("export_monitoring", "--plan", "teste", "--format", "xlsx", "--output", str(path))
    path.write_bytes(edit_xlsx(path.read_bytes(), "Responsabilidades", {(2, "peso"): 4}))
    output = run("import_monitoring", str(path), "--plan", "teste", "--user", "coord", "--dry-run")
    assert "Responsabilidades: 0 criadas, 1 atualizadas, 4 inalteradas" in output
    assert Responsibility.objects.get(activity=world.act["1.1.1"]).weight == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["--plan", "nenhum", "--user", "coord"], "plano 'nenhum' não encontrado"),
        (
            ["--plan", "teste", "--cycle", "1999.1", "--user", "coord"],
            "ciclo '1999.1' não encontrado no plano teste (ciclos: 2025.1)",
        ),
        (["--plan", "teste", "--user", "ninguem"], "usuário 'ninguem' não encontrado"),
    ],
)
def test_import_arguments_are_checked(world, tmp_path, args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run("import_monitoring", str(tmp_path / "x.xlsx"), *args)


def test_missing_file_is_reported(world, tmp_path):
    with pytest.raises(CommandError, match="arquivo não encontrado"):
        run("import_monitoring", str(tmp_path / "x.xlsx"), "--plan", "teste", "--user", "coord")
