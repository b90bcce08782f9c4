"""The cycle report as an A4 PDF, rendered by WeasyPrint from ``monitoring/report/cycle.html``."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from pnetp.core.templatetags.pnetp_tags import num

from .charts import bar_chart
from .data import CycleReport, percent_text


def page_footer_css() -> str:
    """CSS ``content`` value for "Página N de M" in every PDF report (cycle report, SISETP flow report),
    keeping the sentence translatable as a whole."""
    text = _("Página %(page)s de %(pages)s") % {"page": '" counter(page) "', "pages": '" counter(pages) "'}
    return mark_safe(f'"{text}"')  # only our own translated text goes in; no user data


def _progress_items(nodes, prefix: str) -> list[tuple[str, float, str]]:
    return [(f"{prefix} {node.code}", float(node.progress or 0), percent_text(node.progress)) for node in nodes]


def render_html(report: CycleReport) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        progress = [(_("Plano (total)"), float(report.progress or 0), report.progress_text)]
        progress += _progress_items(report.axes, _("Eixo"))
        statuses = [(label, total, num(total)) for label, total in report.status_distribution]
        context = {
            "report": report,
            "page_footer": page_footer_css(),
            "progress_chart": bar_chart(_("Progresso do plano e dos eixos"), progress, percent=True, total_first=True),
            "status_chart": bar_chart(_("Atividades por situação"), statuses, percent=False, varied=True),
            "axes": [
                (
                    axis,
                    bar_chart(
                        _("Progresso das ações do eixo %(code)s") % {"code": axis.code},
                        _progress_items(axis.actions, _("Ação")),
                        percent=True,
                    ),
                )
                for axis in report.axes
            ],  # fmt: skip
        }
        return render_to_string("monitoring/report/cycle.html", context)


def render_pdf(report: CycleReport) -> bytes:
    # Imported here: WeasyPrint loads Pango from the system, which only PDF output needs.
    from weasyprint import HTML

    # PDF/UA: a tagged PDF (headings, tables, reading order) that screen readers can follow.
    return HTML(string=render_html(report), base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
