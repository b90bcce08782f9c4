"""No export lets a spreadsheet run what a user typed (formula injection), and numbers stay numbers."""

import csv
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from pnetp.core.spreadsheet_safety import csv_writer, is_dangerous, neutralise, protect_workbook, unneutralise
from pnetp.monitoring.models import ProgressReport, Responsibility
from pnetp.monitoring.reports.assembly import build_cycle_report
from pnetp.monitoring.reports.xlsx import render_xlsx
from pnetp.monitoring.spreadsheets import export_csv, export_xlsx
from pnetp.monitoring.tests.conftest import build_world
from pnetp.plans import exporter
from pnetp.plans.models import Plan
from pnetp.portal.services.opendata import RESOURCES
from pnetp.linkage import review, run, tokens

PAYLOADS = ['=HYPERLINK("x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)"]
ROOT = Path(__file__).resolve().parents[2]


def test_neutralise_rules():
    for payload in [*PAYLOADS, "\tx", "\rx"]:
        assert neutralise(payload) == "'" + payload and unneutralise(neutralise(payload)) == payload
    for safe in ["texto", "-2", "-2,5", "+55", "1.5e3", "", "'já citado"]:
        assert neutralise(safe) == safe
    for value in [-2, 3.5, None, date(2025, 1, 1)]:
        assert neutralise(value) is value
    buffer = io.StringIO()
    csv_writer(buffer, lineterminator="\n").writerows([PAYLOADS, [1, -2.5, "-2"]])
    assert list(csv.reader(io.StringIO(buffer.getvalue()))) == [["'" + p for p in PAYLOADS], ["1", "-2.5", "-2"]]


def test_protected_workbook_keeps_text_as_text():
    book = Workbook()
    book.active.append([*PAYLOADS, -2, "-2"])
    protect_workbook(book)
    buffer = io.BytesIO()
    book.save(buffer)
    cells = list(load_workbook(io.BytesIO(buffer.getvalue())).active[1])
    assert [c.value for c in cells] == [*PAYLOADS, -2, "-2"]
    assert [(c.data_type, c.quotePrefix) for c in cells[:4]] == [("s", True)] * 4 and cells[4].data_type == "n"


def assert_csv_safe(data: bytes | str, where: str) -> int:
    """Every cell is safe; returns how many cells carried a neutralised payload (the payload did get there)."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.removeprefix("\ufeff")
    delimiter = ";" if text.partition("\n")[0].count(";") > text.partition("\n")[0].count(",") else ","
    found = 0
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        for cell in row:
            assert not is_dangerous(cell), f"{where}: {cell!r}"
            found += any(p in cell for p in PAYLOADS) and cell.startswith("'")
    return found


def assert_xlsx_safe(data: bytes, where: str) -> tuple[int, int]:
    """Every formula-like text is a quoted string cell; returns (payload cells, numeric cells)."""
    found = numbers = 0
    for sheet in load_workbook(io.BytesIO(data)).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if is_dangerous(cell.value):
                    assert (cell.data_type, cell.quotePrefix) == ("s", True), f"{where} {sheet.title}!{cell.coordinate}"
                    found += any(p in cell.value for p in PAYLOADS)
                numbers += isinstance(cell.value, int | float) and not isinstance(cell.value, bool)
    return found, numbers


@pytest.fixture
def poisoned(db):
    """The monitoring test world with every free text of the plan, institutions and a report a payload."""
    world = build_world()
    Plan.objects.filter(pk=world.plan.pk).update(status=Plan.Status.PUBLISHED)
    world.plan.refresh_from_db()
    world.axes["1"].title = PAYLOADS[1]
    world.axes["1"].save()
    world.actions["1.1"].title = PAYLOADS[2]
    world.actions["1.1"].save()
    world.act["1.1.1"].description = PAYLOADS[0]
    world.act["1.1.1"].save()
    world.inst["MJSP"].name = PAYLOADS[3]
    world.inst["MJSP"].save()
    Responsibility.objects.filter(activity=world.act["1.1.1"]).update(deliverable=PAYLOADS[0])
    ProgressReport.objects.create(
        activity=world.act["1.1.1"], cycle=world.cycle, institution=world.inst["MJSP"], state="approved",
        status=world.status["Em andamento"] if "Em andamento" in world.status else None, percent_complete=40,
        narrative=PAYLOADS[0], difficulties=PAYLOADS[1], next_steps=PAYLOADS[2], approved_at=timezone.now(),
    )  # fmt: skip
    return world


def test_open_data_downloads(client, poisoned):
    for resource in RESOURCES:
        response = client.get(reverse("portal:download", args=[resource.name, "csv"]))
        assert response.status_code == 200
        assert_csv_safe(response.content, resource.name)
    reports = client.get(reverse("portal:download", args=["relatorios_aprovados", "csv"])).content
    assert assert_csv_safe(reports, "relatorios_aprovados.csv") == 3
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("portal:zip")).content))
    found = sum(assert_csv_safe(archive.read(n), n) for n in archive.namelist() if n.endswith(".csv"))
    assert found >= 3 + 3  # reports, and the plan's texts


def test_plan_exports(poisoned):
    assert assert_csv_safe(exporter.export_csv(poisoned.plan), "plano.csv") >= 3
    found, _numbers = assert_xlsx_safe(exporter.export_xlsx(poisoned.plan), "plano.xlsx")
    assert found >= 3


def test_monitoring_exports_and_cycle_report(poisoned):
    files = export_csv(poisoned.plan, poisoned.cycle)
    assert sum(assert_csv_safe(data, name) for name, data in files.items()) >= 4
    found, numbers = assert_xlsx_safe(export_xlsx(poisoned.plan, poisoned.cycle), "monitoramento.xlsx")
    assert found >= 4 and numbers > 0
    found, numbers = assert_xlsx_safe(render_xlsx(build_cycle_report(poisoned.cycle)), "relatorio.xlsx")
    assert found >= 1 and numbers > 0


def test_linkage_files_are_safe_and_read_back(tmp_path):
    records = {f"fonte|{PAYLOADS[0]}|1": "PES-1", f"{PAYLOADS[3]}|2|1": "PES-2"}
    run.write_person_map(tmp_path / "pessoas.csv", records)
    assert assert_csv_safe((tmp_path / "pessoas.csv").read_bytes(), "pessoas.csv") >= 2
    assert run.read_person_map(tmp_path / "pessoas.csv") == records
    review.write_review(tmp_path / "revisao.csv", [(f"{PAYLOADS[1]}|1|1", "b|2|1", 0.5)])
    assert assert_csv_safe((tmp_path / "revisao.csv").read_bytes(), "revisao.csv") == 1
    text = (tmp_path / "revisao.csv").read_text().replace("0.5000,", "0.5000,mesma")
    (tmp_path / "revisao.csv").write_text(text)
    assert review.read_decisions(tmp_path / "revisao.csv")[0].left == f"{PAYLOADS[1]}|1|1"
    identities = tmp_path / "identidades.csv"
    identities.write_text(f"fonte,id_registro,id_pessoa,nome\n{PAYLOADS[3]},{PAYLOADS[2]},1,Maria Fictícia\n")
    tokens.make_token_file(identities, b"k" * 32, tmp_path / "tokens.csv")
    assert assert_csv_safe((tmp_path / "tokens.csv").read_bytes(), "tokens.csv") == 2


# Modules that may call csv.writer directly, and why (everything else goes through core.spreadsheet_safety).
RAW_CSV_WRITERS = {
    "pnetp/core/spreadsheet_safety.py": "the helper itself",
    "pnetp/sisetp/generator/writer.py": "fictitious input files for the importer, generated by code, read verbatim",
}


def test_no_module_writes_csv_or_xlsx_around_the_helper():
    raw_writer = re.compile(r"\bcsv\.(writer|DictWriter)\(")
    offenders, unprotected = [], []
    for path in sorted((ROOT / "pnetp").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in relative or "/migrations/" in relative:
            continue
        source = path.read_text(encoding="utf-8")
        if raw_writer.search(source) and relative not in RAW_CSV_WRITERS:
            offenders.append(relative)
        if re.search(r"\bWorkbook\(", source) and "protect_workbook(" not in source:
            unprotected.append(relative)
    assert offenders == [], "use pnetp.core.spreadsheet_safety.csv_writer"
    assert unprotected == [], "call pnetp.core.spreadsheet_safety.protect_workbook before saving"
