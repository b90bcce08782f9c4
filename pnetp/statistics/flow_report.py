"""The annual flows report as PDF (WeasyPrint, like the monitoring report) and XLSX (openpyxl).

Both carry only ``ProtectedTable`` values: suppressed numbers are "X" with the legend, never the count.
"""

from io import BytesIO

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from pnetp.core.spreadsheet_safety import protect_workbook
from pnetp.core.templatetags.pnetp_tags import num
from pnetp.disclosure import legend
from pnetp.monitoring.reports.charts import bar_chart
from pnetp.monitoring.reports.pdf import page_footer_css

from . import flows

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
HEADER_FILL = PatternFill("solid", fgColor="DBE8FB")
INTEGER = "#,##0"  # "1.234" in a pt-BR spreadsheet


def notes(result: flows.FlowRelease | None = None) -> list[str]:
    withheld = []
    if result is not None and result.tables and "uf_uf" not in result.tables:
        # The year's (b) is protected with the recruitment table over all years; with its total suppressed, it
        # would tie that block to this year's, so it is not published (``linked``).
        withheld = [
            _(
                "A tabela de vítimas exploradas no Brasil por UF de aliciamento não é publicada neste ano: "
                "o seu total (brasileiros explorados no Brasil) é suprimido."
            )
        ]
    return withheld + [
        _(
            "Cada pessoa entra uma vez em cada tabela, com os dados do seu registro mais antigo que os informa; "
            "quem tem mais de uma nacionalidade, sendo uma a brasileira, conta como brasileira."
        ),
        _("O ano é o da primeira identificação (ou notificação) da pessoa."),
        _("Os países e UFs menos frequentes estão agrupados em “outros” para manter as tabelas pequenas."),
        _("A tabela de UFs considera só as vítimas exploradas no Brasil; “Exterior” é o aliciamento fora do país."),
    ]


def title(year: int) -> str:
    return _("Fluxos do tráfico de pessoas, %(year)s") % {"year": year}


def context(result: flows.FlowRelease) -> dict:
    """What the page and the PDF show, in the site language."""
    top = flows.top_flows(result)
    chart = (
        bar_chart(
            _("Maiores fluxos publicados"),
            [(label, v, num(v)) for label, v in top],
            percent=False,
        )
        if top
        else ""
    )
    return {
        "year": result.year,
        "title": title(result.year),
        "tables": [(name, table, table.display_grid()) for name, table in result.tables.items()],
        "legend": legend(result.k),
        "chart": chart,
        "release": result,
        "notes": notes(result),
    }


def render_pdf(result: flows.FlowRelease) -> bytes:
    from weasyprint import HTML  # Pango is loaded only when a PDF is made

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "statistics/flows_report.html",
            {**context(result), "page_footer": page_footer_css()},
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")


def _cell(text: str):
    """Numbers stay numbers in the spreadsheet; "X" (suppressed) stays text."""
    return int(text) if text.isdigit() else text


def render_xlsx(result: flows.FlowRelease) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        book = Workbook()
        book.properties.title = title(result.year)
        book.properties.language = "pt-BR"
        sheet = book.active
        sheet.title = _("Notas")
        for line in [title(result.year), legend(result.k), *notes(result)]:
            sheet.append([line])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.column_dimensions["A"].width = 110
        for index, (_name, table, grid) in enumerate(context(result)["tables"], start=1):
            ws = book.create_sheet(_("Tabela %(n)s") % {"n": index})
            ws.append([table.layout.name])
            ws["A1"].font = Font(bold=True)
            for row in grid:
                ws.append([row[0], *(_cell(v) for v in row[1:])])
                for cell in ws[ws.max_row]:
                    if isinstance(cell.value, int):
                        cell.number_format = INTEGER
            for cell in ws[2]:
                cell.font, cell.fill = Font(bold=True), HEADER_FILL
            ws.append([])
            ws.append([legend(result.k)])
            ws.column_dimensions["A"].width = 34
            ws.freeze_panes = "B3"
        protect_workbook(book)
        out = BytesIO()
        book.save(out)
        return out.getvalue()


def render(result: flows.FlowRelease, fmt: str) -> bytes:
    return {"pdf": render_pdf, "xlsx": render_xlsx}[fmt](result)


def file_name(year: int, fmt: str) -> str:
    return f"fluxos-trafico-pessoas-{year}.{fmt}"
