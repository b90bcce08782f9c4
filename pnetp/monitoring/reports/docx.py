"""The cycle report as an editable Word document (python-docx), for the coordination to annotate."""

from io import BytesIO

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from pnetp.core.templatetags.pnetp_tags import num

from .data import CycleReport, percent_text


def _language(document, tag: str = "pt-BR") -> None:
    """Mark the text as Brazilian Portuguese, for screen readers and the spelling checker."""
    document.core_properties.language = tag
    run_properties = document.styles["Normal"].element.get_or_add_rPr()
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = run_properties.makeelement(qn("w:lang"), {})
        run_properties.append(lang)
    lang.set(qn("w:val"), tag)


def _table(document, headers, rows) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers):
        cell.text = str(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = str(value)
    document.add_paragraph()


def render_docx(report: CycleReport) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        document = Document()
        document.core_properties.title = report.title
        _language(document)
        document.styles["Normal"].font.size = Pt(10)
        document.add_heading(report.title, level=0)
        document.add_paragraph(f"{report.plan_title} ({report.plan_period})")
        document.add_paragraph(
            _("Período: %(start)s a %(end)s · prazo dos relatórios: %(deadline)s · gerado em %(today)s")
            % {
                "start": f"{report.period_start:%d/%m/%Y}",
                "end": f"{report.period_end:%d/%m/%Y}",
                "deadline": f"{report.reporting_deadline:%d/%m/%Y}",
                "today": f"{report.generated_on:%d/%m/%Y}",
            }
        )
        _summary(document, report)
        for axis in report.axes:
            _axis(document, report, axis)
        _overdue(document, report)
        out = BytesIO()
        document.save(out)
        return out.getvalue()


def _summary(document, report: CycleReport) -> None:
    totals = report.accountability_totals
    day = f"{report.generated_on:%d/%m/%Y}"
    cutoff = f"{report.overdue_cutoff:%d/%m/%Y}"
    document.add_heading(_("Resumo"), level=1)
    _table(
        document,
        [_("Indicador"), _("Valor"), _("Data de referência")],
        [
            (_("Progresso do plano"), report.progress_text, day),
            (_("Atividades"), num(len(report.activities)), day),
            (_("Atividades com relatório aprovado"), num(report.reported_activities), day),
            (_("Relatórios entregues / devidos"), f"{num(totals['reported'])} / {num(totals['assigned'])}", day),
            (_("Relatórios aprovados"), num(totals["approved"]), day),
            (_("Relatórios em atraso"), num(totals["overdue"]), day),
            (_("Atividades com prazo vencido"), num(len(report.overdue_activities)), cutoff),
        ],
    )
    document.add_heading(_("Progresso por eixo em %(day)s") % {"day": day}, level=2)
    _table(
        document,
        [_("Eixo"), _("Progresso"), _("Atividades consideradas"), _("Fora do cálculo")],
        [(f"{a.code} — {a.title}", a.progress_text, num(a.counted), num(a.excluded)) for a in report.axes],
    )
    document.add_heading(_("Atividades por situação"), level=2)
    _table(document, [_("Situação"), _("Atividades")], [(label, num(n)) for label, n in report.status_distribution])
    document.add_heading(_("Prestação de contas por instituição em %(day)s") % {"day": day}, level=2)
    _table(
        document,
        [_("Instituição"), _("Devidos"), _("Entregues"), _("Aprovados"), _("Em atraso")],
        [(r.acronym, num(r.assigned), num(r.reported), num(r.approved), num(r.overdue)) for r in report.institutions],
    )


def _axis(document, report: CycleReport, axis) -> None:
    document.add_heading(_("Eixo %(code)s — %(title)s") % {"code": axis.code, "title": axis.title}, level=1)
    document.add_paragraph(
        _("Progresso do eixo em %(day)s: %(progress)s")
        % {"day": f"{report.generated_on:%d/%m/%Y}", "progress": axis.progress_text}
    )
    for action in axis.actions:
        heading = _("Ação %(code)s — %(title)s") % {"code": action.code, "title": action.title}
        document.add_heading(heading, level=2)
        document.add_paragraph(_("Progresso da ação: %(progress)s") % {"progress": action.progress_text})
        for activity in action.activities:
            document.add_heading(f"{activity.code} — {activity.text}", level=3)
            facts = _("Responsáveis: %(leads)s · Prazo final: %(end)s · Situação: %(status)s · Progresso: %(progress)s")
            document.add_paragraph(facts % {
                "leads": ", ".join(activity.leads) or "—",
                "end": f"{activity.end_date:%d/%m/%Y}" if activity.end_date else "—",
                "status": activity.status,
                "progress": percent_text(activity.progress),
            })  # fmt: skip
            for item in activity.reports:
                who = document.add_paragraph()
                label = f"{item.institution} · {item.status} · {item.percent}%"
                if item.cycle != report.cycle_name:
                    label += " · " + _("relatório do ciclo %(cycle)s") % {"cycle": item.cycle}
                who.add_run(label).bold = True
                if item.narrative:
                    document.add_paragraph(item.narrative)
                for evidence in item.evidence:
                    document.add_paragraph(f"{evidence.title} — {evidence.link}", style="List Bullet")


def _overdue(document, report: CycleReport) -> None:
    document.add_heading(_("Atrasos"), level=1)
    cutoff = f"{report.overdue_cutoff:%d/%m/%Y}"
    document.add_heading(_("Atividades com prazo vencido em %(day)s") % {"day": cutoff}, level=2)
    _table(
        document,
        [_("Atividade"), _("Responsáveis"), _("Prazo final"), _("Dias de atraso"), _("Situação")],
        [(r.code, ", ".join(r.leads), f"{r.end_date:%d/%m/%Y}", num(r.days_late), r.status)
         for r in report.overdue_activities],
    )  # fmt: skip
    document.add_heading(
        _("Relatórios não entregues após o prazo, em %(day)s") % {"day": f"{report.generated_on:%d/%m/%Y}"}, level=2
    )
    _table(
        document,
        [_("Instituição"), _("Atividade"), _("Etapa"), _("Dias de atraso")],
        [(r.institution, r.activity_code, r.state, num(r.days_overdue)) for r in report.overdue_reports],
    )
