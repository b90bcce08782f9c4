"""Oversized and bomb files are refused before parsing, on the web page and in the CLI, with a clear message."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from pnetp.core.testing.bombs import xlsx_bomb
from pnetp.sisetp.models import Case, ImportJob

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401


@pytest.fixture(autouse=True)
def inline_jobs(monkeypatch, settings, tmp_path):
    monkeypatch.setattr("pnetp.core.jobs.ENQUEUE_AT_ONCE", True)  # the test transaction never commits
    settings.DATA_DIR = tmp_path / "data"


def test_web_upload_of_a_bomb_is_refused_on_the_form_without_a_job(client, feed, tmp_path):
    path = tmp_path / "casos.xlsx"
    path.write_bytes(xlsx_bomb(500_000))
    client.force_login(feed.users.focal_point)
    with path.open("rb") as stream:
        response = client.post(
            reverse("sisetp:import"), {"source": feed.source.pk, "layout": "standard", "file": stream}
        )
    page = response.content.decode()
    assert response.status_code == 200 and "casos.xlsx: a parte xl/worksheets/sheet1.xml se expande" in page
    assert not ImportJob.objects.exists()
    assert not list((tmp_path / "data").glob("sisetp-importacoes/*"))


def test_cli_refuses_a_2_mb_bomb_with_the_file_named(feed, tmp_path, capsys):
    path = tmp_path / "casos.xlsx"
    path.write_bytes(xlsx_bomb(2_000_000))
    with pytest.raises(CommandError, match="1 problema"):
        call_command("sisetp", "import", "--source", "creas-ficticio", "--layout", "standard", str(path))
    assert "casos.xlsx: a parte xl/worksheets/sheet1.xml se expande" in capsys.readouterr().err
    assert not Case.objects.exists()


def test_cli_refuses_a_csv_over_the_size_cap(feed, tmp_path, capsys, settings):
    settings.PNETP_INPUT_LIMITS = {**settings.PNETP_INPUT_LIMITS}
    settings.PNETP_INPUT_LIMITS["sisetp"] = {**settings.PNETP_INPUT_LIMITS["sisetp"], "file_bytes": 200}
    path = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(5))
    with pytest.raises(CommandError):
        call_command("sisetp", "import", "--source", "creas-ficticio", "--layout", "standard", str(path))
    err = capsys.readouterr().err
    assert "casos.csv: o arquivo tem" in err and "o limite é 200\xa0bytes" in err


def test_rows_past_the_cap_are_refused_while_reading(feed, tmp_path, capsys, settings):
    settings.PNETP_INPUT_LIMITS = {**settings.PNETP_INPUT_LIMITS}
    settings.PNETP_INPUT_LIMITS["sisetp"] = {**settings.PNETP_INPUT_LIMITS["sisetp"], "rows": 3}
    path = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(5))
    with pytest.raises(CommandError):
        call_command("sisetp", "import", "--source", "creas-ficticio", "--layout", "standard", str(path))
    assert "casos.csv: o arquivo tem mais de 3 linhas, o limite" in capsys.readouterr().err
    assert not Case.objects.exists()
