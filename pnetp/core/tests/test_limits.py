"""Caps on imported files, checked before parsing: bombs, declared dimensions, rows and columns."""

import io
import tracemalloc
import zipfile
from xml.etree import ElementTree

import openpyxl
import pytest
from defusedxml import ElementTree as DefusedElementTree
from defusedxml import EntitiesForbidden
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from pnetp.core.limits import (
    BoundedUpload,
    InputLimits,
    InputTooLarge,
    bounded_rows,
    check_xlsx,
    sheet_dimension,
)
from pnetp.core.testing.bombs import xlsx_bomb
from pnetp.monitoring.spreadsheets.errors import Issues
from pnetp.monitoring.spreadsheets.reading import read_tables
from pnetp.plans.importing.reading import Source


def workbook_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_dimension(data: bytes, ref: str) -> bytes:
    """The workbook with its first sheet's <dimension> rewritten."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                start = content.index(b"<dimension")
                end = content.index(b"/>", start) + 2
                content = content[:start] + f'<dimension ref="{ref}"/>'.encode() + content[end:]
            out.writestr(entry, content)
    return target.getvalue()


@pytest.mark.parametrize("size", [500_000, 2_000_000])
def test_bombs_are_refused_from_the_directory_alone(size):
    bomb = xlsx_bomb(size)
    assert len(bomb) <= size and zipfile.ZipFile(io.BytesIO(bomb)).infolist()[-1].file_size > 400 * len(bomb)
    tracemalloc.start()
    with pytest.raises(InputTooLarge) as refusal:
        check_xlsx(bomb, InputLimits.for_kind("office"), "bomba.xlsx")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    message = str(refusal.value)
    assert message.startswith("bomba.xlsx: a parte xl/worksheets/sheet1.xml se expande") and "malicioso" in message
    assert peak < 20 * 1024 * 1024  # nothing was inflated


def test_the_sisetp_caps_refuse_the_bomb_too():
    with pytest.raises(InputTooLarge, match="casos.xlsx: a parte xl/worksheets/sheet1.xml se expande"):
        check_xlsx(xlsx_bomb(500_000), InputLimits.for_kind("sisetp"), "casos.xlsx")


def test_a_real_workbook_passes_and_its_dimension_is_read():
    data = workbook_bytes([["codigo", "nome"], *[[i, f"linha {i}"] for i in range(50)]])
    check_xlsx(data, InputLimits.for_kind("office"), "ok.xlsx")
    head = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert sheet_dimension(head) == (51, 2)
    assert sheet_dimension(b'<dimension ref="B2:AA10"/>') == (9, 26)
    assert sheet_dimension(b'<dimension ref="A1"/>') == (1, 1)
    assert sheet_dimension(b"<sheetData/>") is None


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("A1:A1048577", "ok.xlsx: o arquivo tem mais de 200.000 linhas, o limite"),
        ("A1:ZZ10", "ok.xlsx: o arquivo tem 702 colunas; o limite é 200."),
        ("A1:GR100000", "ok.xlsx: a planilha declara 20.000.000 células; o limite é 2.000.000."),
    ],
)
def test_declared_dimensions_over_the_caps_are_refused(ref, message):
    data = with_dimension(workbook_bytes([["a", "b"]]), ref)
    with pytest.raises(InputTooLarge, match=message):
        check_xlsx(data, InputLimits.for_kind("office"), "ok.xlsx")


def test_too_many_parts_and_too_large_inflated_total(settings):
    settings.PNETP_INPUT_LIMITS = {
        "office": {**settings.PNETP_INPUT_LIMITS["office"], "xlsx_entries": 5, "xlsx_uncompressed_bytes": 10_000}
    }
    data = workbook_bytes([["a"]])
    with pytest.raises(InputTooLarge, match="partes internas; o limite é 5"):
        check_xlsx(data, InputLimits.for_kind("office"), "x.xlsx")
    settings.PNETP_INPUT_LIMITS["office"]["xlsx_entries"] = 1000
    data = workbook_bytes([["texto " * 50] for _ in range(200)])
    with pytest.raises(InputTooLarge, match="x.xlsx: a planilha ocupa mais de 9,8.KB descompactada"):
        check_xlsx(data, InputLimits.for_kind("office"), "x.xlsx")


def test_file_size_cap_and_non_zip_files(settings):
    settings.PNETP_INPUT_LIMITS = {"office": {**settings.PNETP_INPUT_LIMITS["office"], "file_bytes": 100}}
    with pytest.raises(InputTooLarge, match="grande.csv: o arquivo tem 101.bytes e o limite é 100.bytes"):
        check_xlsx(b"x" * 101, InputLimits.for_kind("office"), "grande.csv")
    check_xlsx(b"a;b\n1;2\n", InputLimits.for_kind("office"), "pequeno.csv")  # not a zip: only the size


def test_bounded_rows_counts_what_the_sheet_really_holds():
    limits = InputLimits.for_kind("office")
    assert list(bounded_rows([(1, ["a"]), (2, ["b"])], "f.xlsx", limits)) == [(1, ["a"]), (2, ["b"])]
    with pytest.raises(InputTooLarge, match="f.xlsx: o arquivo tem 201 colunas"):
        list(bounded_rows([(1, ["a"] * 201)], "f.xlsx", limits))
    with pytest.raises(InputTooLarge, match="f.xlsx: o arquivo tem mais de 1.048.576 linhas"):
        list(
            bounded_rows([(1_048_577, ["a"])], "f.xlsx", InputLimits(**{**limits.__dict__, "rows": 10**9}), excel=True)
        )
    rows = ((line, ["a"]) for line in range(1, 10**9))
    with pytest.raises(InputTooLarge, match="mais de 1.000 linhas"):
        list(bounded_rows(rows, "f.csv", InputLimits(**{**limits.__dict__, "rows": 1000})))


def test_form_validator_says_it_in_portuguese():
    with pytest.raises(ValidationError) as refusal:
        BoundedUpload("sisetp")(SimpleUploadedFile("casos.xlsx", xlsx_bomb(500_000)))
    assert refusal.value.messages[0].startswith("casos.xlsx: a parte xl/worksheets/sheet1.xml se expande")


def test_xml_entities_are_refused_by_defusedxml():
    """openpyxl parses through defusedxml (a dependency): a sheet declaring entities is not read."""
    assert openpyxl.DEFUSEDXML is True
    data = workbook_bytes([["a"]])
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    laughs = b'<!DOCTYPE w [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                body = content.split(b"?>", 1)[-1]
                body = body.replace(b"</sheetData>", b"&b;</sheetData>", 1)
                content = b'<?xml version="1.0" encoding="UTF-8"?>' + laughs + body
                sheet = content
            out.writestr(entry, content)
    assert b"hahaha" in ElementTree.tostring(ElementTree.fromstring(sheet))  # valid XML, the entity expands
    with pytest.raises(EntitiesForbidden):
        DefusedElementTree.fromstring(sheet)
    issues = Issues()
    assert read_tables([Source("entidades.xlsx", target.getvalue())], issues) == []
    assert len(issues.messages) == 1 and issues.messages[0].startswith("entidades.xlsx")
    assert issues.messages[0].startswith("entidades.xlsx: não é uma planilha XLSX válida")
