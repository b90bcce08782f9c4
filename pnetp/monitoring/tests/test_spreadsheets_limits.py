"""The monitoring importer refuses bombs and sheets past Excel's last row with a message, never a traceback."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from pnetp.core.testing.bombs import xlsx_bomb
from pnetp.monitoring.spreadsheets import MonitoringImportError

from .test_spreadsheets_support import NAME, exported, run_import, snapshot


def test_bomb_is_refused_before_parsing(world):
    before = snapshot()
    with pytest.raises(MonitoringImportError) as refusal:
        run_import(world, xlsx_bomb(2_000_000), world.users.coord)
    assert refusal.value.messages == [refusal.value.messages[0]]
    assert refusal.value.messages[0].startswith(f"{NAME}: a parte xl/worksheets/sheet1.xml se expande")
    assert snapshot() == before


def with_row_past_excel(data: bytes) -> bytes:
    """The workbook with one more row numbered 1,048,577 on its first sheet, and no <dimension> to warn of it."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                start = content.index(b"<dimension")
                content = content[:start] + content[content.index(b"/>", start) + 2 :]
                extra = b'<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>x</t></is></c></row>'
                content = content.replace(b"</sheetData>", extra + b"</sheetData>")
            out.writestr(entry, content)
    return target.getvalue()


def test_sheet_past_the_last_excel_row_is_a_clean_refusal(world):
    with pytest.raises(MonitoringImportError) as refusal:
        run_import(world, with_row_past_excel(exported(world)), world.users.coord)
    message = "\n".join(refusal.value.messages)
    assert message == (
        "monitoramento.xlsx, aba Responsabilidades: o arquivo tem mais de 200.000 linhas, o limite; "
        "divida-o em arquivos menores."
    )


def test_import_command_says_it_without_a_traceback(world, tmp_path):
    path = tmp_path / "monitoramento.xlsx"
    path.write_bytes(xlsx_bomb(500_000))
    with pytest.raises(CommandError, match="monitoramento.xlsx: a parte xl/worksheets/sheet1.xml se expande"):
        call_command("import_monitoring", str(path), "--plan", "teste", "--user", "coord")
