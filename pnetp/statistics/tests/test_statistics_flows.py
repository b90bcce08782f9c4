"""Origin → destination flows: hand counts of unique persons, and no small count in page, XLSX or PDF.

All persons are fictitious; only pseudonymous fields are set.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from pnetp.disclosure import assert_safe
from pnetp.sisetp.models import Event
from pnetp.statistics import published

from .test_statistics import Builder, make_source

K = 11


class FlowBuilder(Builder):
    def flow(self, *, nationality=(), exploited=None, recruited=None, **kw):
        """A victim with citizenships, and places given as a UF, a Country or None."""
        person = self.victim(**kw)
        person.citizenships.set(nationality)
        for kind, place in [("exploracao", exploited), ("aliciamento", recruited)]:
            if place is not None:
                field = "country" if hasattr(place, "alpha2") else "federative_unit"
                Event.objects.create(case=person.case, kind=kind, **{field: place})
        return person


@pytest.fixture
def fb(db, places):
    return FlowBuilder(make_source("fonte-fluxos"))


def grid(table):
    return {row[0]: dict(zip(table.display_grid()[0][1:], row[1:])) for row in table.display_grid()[1:]}


def test_hand_counts_of_unique_persons(fb, places):
    br, ve = places.brazil, places.venezuela
    # one Brazilian recruited in RR and exploited in DF, recorded twice (two sources): counted once
    fb.flow(nationality=[br], exploited=places.df, recruited=places.rr, key="PES-1")
    fb.flow(nationality=[br], exploited=places.df, recruited=places.rr, key="PES-1")
    fb.flow(nationality=[ve], exploited=places.rr, recruited=ve)  # Venezuelan recruited at home
    fb.flow(nationality=[br, ve], exploited=ve)  # dual national: Brazilian, abroad
    fb.flow(nationality=[], exploited=None)  # nothing known
    fb.flow(nationality=[br], exploited=places.df, year=2023)  # other year
    result = published.flows(2024, k=1)
    a = grid(result.tables["nacionalidade_pais"])
    assert a["Brasil"]["Total"] == "2"
    assert (
        a["Brasil"]["Brasil"],
        a["Brasil"]["Venezuela"],
        a["Venezuela"]["Brasil"],
    ) == ("1", "1", "1")
    assert a["Não informada"]["Não informado"] == "1"
    assert a["Total"]["Total"] == "4"
    b = grid(result.tables["uf_uf"])
    assert b["RR"]["DF"] == "1" and b["Exterior"]["RR"] == "1" and b["Total"]["Total"] == "2"
    c = dict(result.tables["brasileiros"].display_grid()[1:])
    assert c["Venezuela"] == "1" and c["Total no exterior"] == "1" and c["Total"] == "2"


@pytest.fixture
def many(fb, places, settings):
    """Totals above k with many small cells, so suppression has work to do."""
    settings.PNETP_DISCLOSURE_K = K
    br, ve = places.brazil, places.venezuela
    for _ in range(14):
        fb.flow(nationality=[br], exploited=places.df, recruited=places.df)
    for _ in range(12):
        fb.flow(nationality=[ve], exploited=places.rr, recruited=ve)
    for _ in range(3):
        fb.flow(nationality=[br], exploited=ve, recruited=places.rr)
    for _ in range(2):
        fb.flow(nationality=[ve], exploited=places.df, recruited=places.rr)
    fb.flow(nationality=[], exploited=None)
    return fb


def integers(values):
    return [int(v) for v in values if re.fullmatch(r"\d+", str(v).strip())]


def assert_no_small(numbers):
    small = [n for n in numbers if 1 <= n < K]
    assert not small, f"contagens de 1 a {K - 1} publicadas: {small}"


def test_release_is_safe_and_suppresses(many):
    result = published.flows(2024)
    assert_safe(*result.tables.values())
    assert any(table.suppressed for table in result.tables.values())


def test_page_has_no_small_counts(many, client):
    page = client.get(reverse("statistics:statistics-flows") + "?ano=2024")
    assert page.status_code == 200
    cells = re.findall(r"<td>([^<]*)</td>", page.content.decode())
    assert "X" in cells and "32" in cells
    assert_no_small(integers(cells))


def test_xlsx_has_no_small_counts(many, client):
    response = client.get(reverse("statistics:statistics-flows-report", args=[2024, "xlsx"]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    values = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert 32 in values and "X" in values
    assert_no_small(v for v in values if isinstance(v, int))
    formats = {
        c.number_format for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, int)
    }
    assert formats == {"#,##0"}  # "1.234" in a pt-BR spreadsheet


def test_pdf_has_no_small_counts(many, client):
    response = client.get(reverse("statistics:statistics-flows-report", args=[2024, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "32" in text and "valor suprimido" in text
    # not counts: the year, the legend's "1 a 10", the page footer "Página N de M" and the chart's axis
    # (a column of evenly spaced values from 0)
    text = re.sub(r"Página \d+ de \d+", "", text.replace("2024", "").replace("1 a 10", ""))
    text = re.sub(r"(?m)^0\n(?:\d+\n)+", "", text)
    numbers = [int(n) for n in re.findall(r"(?<![\d.])\d+(?![\d.])", text)]
    assert_no_small(numbers)


def test_bad_year_and_format_are_404(db, client):
    assert client.get(reverse("statistics:statistics-flows") + "?ano=abc").status_code == 404
    assert client.get("/sisetp/estatisticas/fluxos/2024.docx").status_code == 404


def test_empty_year_renders(db, client):
    assert client.get(reverse("statistics:statistics-flows") + "?ano=2024").status_code == 200


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_subcommand_writes_file(many, tmp_path, fmt):
    out = tmp_path / f"fluxos.{fmt}"
    call_command(
        "sisetp",
        "relatorio-fluxos",
        "--ano",
        "2024",
        "--formato",
        fmt,
        "--saida",
        str(out),
    )
    assert out.stat().st_size > 1000
