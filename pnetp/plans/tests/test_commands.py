"""The import-plan and export-plan commands, in process and as the real ``pnetp`` CLI."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from pnetp.plans.models import Plan

from .conftest import DOCUMENT_PATH

REPO = Path(__file__).resolve().parents[3]


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_import_prints_counts_then_reimport_prints_unchanged():
    assert run("import_plan", str(DOCUMENT_PATH)).splitlines() == [
        "Plano iv-pnetp (IV PNETP), de iv-pnetp-2024-2028.txt: criado",
        "Eixos: 5 criados, 0 atualizados, 0 inalterados",
        "Ações prioritárias: 26 criadas, 0 atualizadas, 0 inalteradas",
        "Atividades: 108 criadas, 0 atualizadas, 0 inalteradas",
    ]
    assert run("import_plan", str(DOCUMENT_PATH)).splitlines()[1:] == [
        "Eixos: 0 criados, 0 atualizados, 5 inalterados",
        "Ações prioritárias: 0 criadas, 0 atualizadas, 26 inalteradas",
        "Atividades: 0 criadas, 0 atualizadas, 108 inalteradas",
    ]


@pytest.mark.django_db
def test_import_options_reach_the_plan():
    run("import_plan", str(DOCUMENT_PATH), "--publish", "--slug", "px", "--title", "Plano X", "--short-title", "PX")
    plan = Plan.objects.get()
    assert (plan.slug, plan.title, plan.short_title, plan.status) == ("px", "Plano X", "PX", "published")


@pytest.mark.django_db
def test_dry_run_command_writes_nothing(db_counts):
    output = run("import_plan", str(DOCUMENT_PATH), "--dry-run")
    assert output.startswith("Simulação (--dry-run): nada foi gravado")
    assert "Atividades: 108 criadas, 0 atualizadas, 0 inalteradas" in output
    assert set(db_counts().values()) == {0}


@pytest.mark.django_db
def test_invalid_document_raises_command_error(document_lines, write_file, db_counts):
    lines = list(document_lines)
    lines[28] = lines[28].replace("\t1.3.1\t", "\t1.4.1\t")
    with pytest.raises(CommandError) as error:
        run("import_plan", str(write_file("iv.txt", lines)))
    assert str(error.value).startswith("iv.txt, linha 29: a atividade 1.4.1 não pertence à ação 1.3 (esperado 1.3.x)\n")
    assert set(db_counts().values()) == {0}


@pytest.mark.django_db
def test_export_json_to_stdout_and_files(tmp_path):
    run("import_plan", str(DOCUMENT_PATH))
    data = json.loads(run("export_plan", "--format", "json"))
    assert data["plan"]["slug"] == "iv-pnetp" and len(data["axes"]) == 5
    csv_text = run("export_plan", "--plan", "iv-pnetp", "--format", "csv")
    assert csv_text.startswith("\ufeffeixo,") and len(csv_text.splitlines()) == 109
    call_command("export_plan", "--format", "csv", "--output", str(tmp_path / "p.csv"), stderr=io.StringIO())
    assert (tmp_path / "p.csv").read_bytes().startswith(b"\xef\xbb\xbfeixo,titulo_eixo")
    call_command("export_plan", "--format", "xlsx", "--output", str(tmp_path / "p.xlsx"), stderr=io.StringIO())
    assert load_workbook(tmp_path / "p.xlsx").active.max_row == 109


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xlsx"], "o formato xlsx exige --output ARQUIVO"),
        (["--format", "json", "--plan", "outro"], "plano “outro” não encontrado"),
    ],
)
def test_export_errors(args, message):
    run("import_plan", str(DOCUMENT_PATH))
    with pytest.raises(CommandError, match=f"^{message}$"):
        run("export_plan", *args)


@pytest.mark.django_db
def test_export_needs_plan_when_ambiguous():
    run("import_plan", str(DOCUMENT_PATH), "--slug", "a")
    run("import_plan", str(DOCUMENT_PATH), "--slug", "b")
    with pytest.raises(CommandError, match=r"^informe --plan \(planos disponíveis: a, b\)$"):
        run("export_plan", "--format", "json")


def cli(tmp_path, *args, check=True) -> subprocess.CompletedProcess:
    # tmp_path is absolute, so this is sqlite:////tmp/…/cli.sqlite3.
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}", "DEBUG": "1"}
    process = subprocess.run(
        [sys.executable, "-m", "pnetp.cli", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )
    if check:
        assert process.returncode == 0, process.stderr
    return process


def test_real_cli_against_database_url(tmp_path):
    """migrate, import, export and re-import through ``pnetp`` on the database named by DATABASE_URL."""
    cli(tmp_path, "migrate", "--verbosity", "0")
    first = cli(tmp_path, "import-plan", str(DOCUMENT_PATH))
    assert "Atividades: 108 criadas, 0 atualizadas, 0 inalteradas" in first.stdout
    exported = json.loads(cli(tmp_path, "export-plan", "--format", "json").stdout)
    actions = [action for axis in exported["axes"] for action in axis["actions"]]
    assert (len(exported["axes"]), len(actions), sum(len(a["activities"]) for a in actions)) == (5, 26, 108)
    second = cli(tmp_path, "import-plan", str(DOCUMENT_PATH))
    assert second.stdout.splitlines()[1:] == [
        "Eixos: 0 criados, 0 atualizados, 5 inalterados",
        "Ações prioritárias: 0 criadas, 0 atualizadas, 26 inalteradas",
        "Atividades: 0 criadas, 0 atualizadas, 108 inalteradas",
    ]
    assert (tmp_path / "cli.sqlite3").exists()

    broken = tmp_path / "quebrado.txt"
    broken.write_text(DOCUMENT_PATH.read_text(encoding="utf-8").replace("\t1.1.2\t", "\t1.1.3\t"), encoding="utf-8")
    failed = cli(tmp_path, "import-plan", str(broken), check=False)
    assert failed.returncode != 0
    assert "quebrado.txt, linha 13: atividade 1.1.3 fora de sequência (esperado 1.1.2)" in failed.stderr
    assert failed.stdout == ""
