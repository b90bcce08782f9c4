"""Monitoring pages, mounted at /monitoramento/."""

from django.urls import path, re_path

from pnetp.monitoring.reports.views import cycle_report_download

from .views import cycles, evidence, home, my_activities, report_actions, reports, responsibility, review, statuses

app_name = "monitoring_web"

# An activity of a plan by its official code, as in the public plan pages.
ACTIVITY = r"atividades/(?P<plan>[-\w]+)/(?P<code>\d+\.\d+\.\d+)"

urlpatterns = [
    path("", home.monitoring_home, name="home"),
    # Focal points
    path("minhas-atividades/", my_activities.my_activities, name="my_activities"),
    re_path(rf"^{ACTIVITY}/ciclos/(?P<cycle_id>\d+)/relatorio/$", reports.report_form, name="report_form"),
    # Reports
    path("relatorios/<int:pk>/", reports.report_detail, name="report"),
    path("relatorios/<int:pk>/enviar/", report_actions.submit, name="report_submit"),
    path("relatorios/<int:pk>/devolver/", report_actions.return_report, name="report_return"),
    path("relatorios/<int:pk>/aprovar/", report_actions.approve, name="report_approve"),
    path("relatorios/<int:pk>/comentarios/", report_actions.comment, name="report_comment"),
    path("relatorios/<int:pk>/evidencias/nova/", evidence.add, name="evidence_add"),
    path("evidencias/<int:pk>/arquivo/", evidence.download, name="evidence_file"),
    path("evidencias/<int:pk>/remover/", evidence.remove, name="evidence_remove"),
    # Coordination
    path("analise/", review.review_queue, name="review_queue"),
    path("ciclos/", cycles.cycle_list, name="cycles"),
    path("ciclos/novo/", cycles.cycle_create, name="cycle_create"),
    path("ciclos/<int:pk>/", cycles.cycle_detail, name="cycle"),
    path("ciclos/<int:pk>/encerrar/", cycles.cycle_close, name="cycle_close"),
    path("ciclos/<int:pk>/reabrir/", cycles.cycle_reopen, name="cycle_reopen"),
    path("ciclos/<int:cycle_id>/relatorio.<str:fmt>", cycle_report_download, name="cycle_report"),
    path("atividades/", responsibility.activity_list, name="activities"),
    re_path(rf"^{ACTIVITY}/responsabilidade/$", responsibility.responsibility, name="responsibility"),
    re_path(rf"^{ACTIVITY}/indicadores/novo/$", responsibility.indicator_form, name="indicator_create"),
    re_path(rf"^{ACTIVITY}/indicadores/(?P<pk>\d+)/$", responsibility.indicator_form, name="indicator_edit"),
    path("situacoes/", statuses.status_list, name="statuses"),
    path("situacoes/nova/", statuses.status_form, name="status_create"),
    path("situacoes/<int:pk>/", statuses.status_form, name="status_edit"),
]
