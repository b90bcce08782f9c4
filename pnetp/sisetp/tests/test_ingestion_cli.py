"""``pnetp sisetp import | rollback | batches``."""

import pytest
from django.core.management import CommandError, call_command

from pnetp.sisetp.models import Case, ImportBatch

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401


def test_import_batches_and_rollback(feed, tmp_path, capsys):
    path = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(3))
    call_command("sisetp", "import", "--source", "creas-ficticio", "--layout", "standard", "--dry-run", str(path))
    assert "simulação" in capsys.readouterr().out and not Case.objects.exists()
    call_command(
        "sisetp", "import", "--source", "creas-ficticio", "--layout", "standard", "--user", "coord.imp", str(path)
    )
    batch = ImportBatch.objects.get()
    assert f"Lote {batch.pk} gravado" in capsys.readouterr().out and batch.user.username == "coord.imp"
    call_command("sisetp", "batches")
    assert "casos.csv" in capsys.readouterr().out
    call_command("sisetp", "rollback", str(batch.pk))
    assert not Case.objects.exists()
    with pytest.raises(CommandError, match="já foi desfeito"):
        call_command("sisetp", "rollback", str(batch.pk))


def test_invalid_file_prints_the_report_and_fails(feed, tmp_path, capsys):
    rows = case_rows(1)
    rows[0][4] = "31/02/2023"
    path = write_csv(tmp_path / "casos.csv", CASE_HEADER, rows)
    with pytest.raises(CommandError, match="1 problema"):
        call_command("sisetp", "import", "--source", "creas-ficticio", "--layout", "standard", str(path))
    assert (
        "casos.csv, linha 2, coluna data_identificacao, valor '31/02/2023': data inexistente" in capsys.readouterr().err
    )


def test_source_without_agreement(feed, tmp_path, capsys):
    path = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(1, source="sem-acordo"))
    with pytest.raises(CommandError):
        call_command("sisetp", "import", "--source", "sem-acordo", "--layout", "standard", str(path))
    assert "não tem acordo de compartilhamento vigente" in capsys.readouterr().err
