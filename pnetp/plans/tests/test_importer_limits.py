"""The plan importer refuses bombs and oversized documents before parsing, naming the file."""

import pytest
from django.core.management import CommandError, call_command

from pnetp.core.testing.bombs import xlsx_bomb
from pnetp.plans.importing import PlanImportError, import_plan_document
from pnetp.plans.importing.reading import read_source
from pnetp.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_xlsx_bomb_is_refused(tmp_path):
    path = tmp_path / "plano.xlsx"
    path.write_bytes(xlsx_bomb(2_000_000))
    with pytest.raises(PlanImportError) as refusal:
        import_plan_document(path)
    assert refusal.value.messages[0].startswith("plano.xlsx: a parte xl/worksheets/sheet1.xml se expande")
    assert not Plan.objects.exists()


def test_document_over_the_size_cap_is_refused_unread(tmp_path, settings):
    settings.PNETP_INPUT_LIMITS = {"office": {**settings.PNETP_INPUT_LIMITS["office"], "file_bytes": 1000}}
    path = tmp_path / "plano.txt"
    path.write_text("Eixo 1 " * 500)
    with pytest.raises(PlanImportError, match="plano.txt: o arquivo tem 3,4.KB e o limite é 1000.bytes"):
        import_plan_document(path)


def test_every_reader_of_documents_checks_the_size_first(tmp_path, settings):
    """``read_source`` serves the plan, alignment and monitoring importers: the cap is checked before reading."""
    settings.PNETP_INPUT_LIMITS = {"office": {**settings.PNETP_INPUT_LIMITS["office"], "file_bytes": 10}}
    path = tmp_path / "alinhamento.csv"
    path.write_text("codigo_local;codigo_nacional\n1.1.1;1.1.1\n")
    with pytest.raises(PlanImportError, match="alinhamento.csv: o arquivo tem"):
        read_source(path)
    with pytest.raises(PlanImportError, match="enviado.csv: o arquivo tem"):
        read_source(path.read_bytes(), "enviado.csv")


def test_import_plan_command_says_it_without_a_traceback(tmp_path):
    path = tmp_path / "plano.xlsx"
    path.write_bytes(xlsx_bomb(500_000))
    with pytest.raises(CommandError, match="plano.xlsx: a parte xl/worksheets/sheet1.xml se expande"):
        call_command("import_plan", str(path))
