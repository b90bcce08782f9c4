"""The charts of the dashboard and of the transparency portal, from already computed figures."""

from dataclasses import replace

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .charts import Chart, Table, gantt_chart, percent_text, progress_chart, stacked_chart


def _date(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def _counted(node) -> str:
    if node.excluded:
        return _("%(counted)d (%(excluded)d fora do cálculo)") % {"counted": node.counted, "excluded": node.excluded}
    return str(node.counted)


def axis_progress_chart(tree, id: str = "progresso-eixos") -> Chart:
    axes = tree.children
    return progress_chart(
        id,
        _("Progresso por eixo"),
        _("Barras horizontais de 0 a 100%, uma por eixo, com o percentual escrito ao lado de cada barra."),
        [(_("Eixo %(code)s") % {"code": a.code} + f" – {a.title}", a.progress) for a in axes],
        [_("Eixo"), _("Progresso"), _("Atividades contabilizadas")],
        [(f"{a.code} – {a.title}", percent_text(a.progress), _counted(a)) for a in axes],
    )


def action_progress_chart(tree, id: str = "progresso-acoes") -> Chart:
    actions = [action for axis in tree.children for action in axis.children]
    return progress_chart(
        id,
        _("Progresso por ação prioritária"),
        _(
            "Barras horizontais de 0 a 100%, uma por ação prioritária, identificada pelo código, com o percentual "
            "escrito ao lado de cada barra."
        ),  # fmt: skip
        [(_("Ação %(code)s") % {"code": a.code}, a.progress) for a in actions],
        [_("Ação prioritária"), _("Progresso"), _("Atividades contabilizadas")],
        [(f"{a.code} – {a.title}", percent_text(a.progress), _counted(a)) for a in actions],
    )


def status_chart(dashboard, id: str = "situacao-eixos") -> Chart:
    rows = [(_("Eixo %(code)s") % {"code": a.code} + f" – {a.title}", a.counts) for a in dashboard.axis_statuses]
    chart = stacked_chart(
        id,
        _("Situação das atividades por eixo"),
        _(
            "Barras empilhadas, uma por eixo, com o número de atividades em cada situação escrito dentro de cada "
            "trecho e o total ao fim da barra; a legenda associa cada padrão de preenchimento a uma "
            "situação."
        ),  # fmt: skip
        _("Eixo"),
        dashboard.statuses,
        rows,
        total=_("Total"),
        blank_last=True,
    )
    totals = (_("Todos os eixos"), *dashboard.status_totals, sum(dashboard.status_totals))
    return replace(chart, table=Table(chart.table.columns, (*chart.table.rows, totals)))


TIMELINE_KINDS = {
    "open": gettext_lazy("Em execução ou a iniciar"),
    "late": gettext_lazy("Prazo vencido"),
    "done": gettext_lazy("Concluída ou contínua"),
}


def timeline_charts(dashboard) -> list[Chart]:
    plan, charts = dashboard.plan, []
    kinds = {kind: str(text) for kind, text in TIMELINE_KINDS.items()}
    labels = {**kinds, "undated": _("Sem datas definidas")}
    for axis in dashboard.timeline:
        table = Table(
            (_("Atividade"), _("Início"), _("Prazo final"), _("Situação do prazo")),
            tuple((f"{r.code} – {r.text}", _date(r.start), _date(r.end), labels[r.kind]) for r in axis.rows),
        )
        charts.append(gantt_chart(
            f"cronograma-eixo-{axis.code}",
            _("Cronograma do eixo %(code)s – %(title)s") % {"code": axis.code, "title": axis.title},
            _("Linha do tempo de %(start)d a %(end)d: cada linha é uma atividade, identificada pelo código, com uma "
              "barra do início ao prazo final; o padrão da barra indica a situação do prazo e a linha tracejada "
              "marca o dia de hoje.") % {"start": plan.start_year, "end": plan.end_year},
            plan.start_year, plan.end_year,
            [(r.code, r.start, r.end, r.kind) for r in axis.rows],
            kinds, dashboard.today, table,
        ))  # fmt: skip
    return charts


def institution_progress_chart(rows, id: str = "progresso-instituicoes") -> Chart:
    """``rows`` are portal ``InstitutionProgress`` items."""
    return progress_chart(
        id,
        _("Progresso por instituição responsável"),
        _(
            "Barras horizontais de 0 a 100%, uma por instituição, identificada pela sigla, com o progresso médio "
            "das atividades que ela coordena escrito ao lado de cada barra."
        ),  # fmt: skip
        [(row.acronym, row.progress) for row in rows],
        [_("Instituição"), _("Progresso"), _("Atividades sob sua responsabilidade")],
        [(f"{row.acronym} – {row.name}", percent_text(row.progress), row.led) for row in rows],
    )
