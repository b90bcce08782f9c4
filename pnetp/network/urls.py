from django.urls import path

from . import committee_urls

from .web.views import channels, committees, directory, meetings, registries

app_name = "network"

urlpatterns = [
    path("", directory.unit_list, name="directory"),
    path("unidades.csv", directory.units_csv, name="units_csv"),
    path("unidades.json", directory.units_json, name="units_json"),
    path("unidades/nova/", directory.unit_new, name="unit_new"),
    path("unidades/<int:pk>/", directory.unit_detail, name="unit"),
    path("unidades/<int:pk>/editar/", directory.unit_edit, name="unit_edit"),
    path("importar/", directory.unit_import, name="unit_import"),
    path("exportar.csv", directory.unit_export, name="unit_export"),
    path("atualizacao/", directory.freshness, name="freshness"),
    *committee_urls.urlpatterns,
    path("comites/", committees.committee_list, name="committees"),
    path("comites/<slug:slug>/", committees.committee_detail, name="committee"),
    path("comites/<slug:slug>/assentos/novo/", committees.seat_new, name="seat_new"),
    path("comites/<slug:slug>/assentos/<int:pk>/encerrar/", committees.seat_close, name="seat_end"),
    path("comites/<slug:slug>/reunioes/", meetings.meeting_list, name="meetings"),
    path("comites/<slug:slug>/reunioes.ics", meetings.committee_feed, name="committee_feed"),
    path("comites/<slug:slug>/reunioes/nova/", meetings.meeting_new, name="meeting_new"),
    path("comites/<slug:slug>/reunioes/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("comites/<slug:slug>/reunioes/<int:pk>.ics", meetings.meeting_ics, name="meeting_ics"),
    path("comites/<slug:slug>/reunioes/<int:pk>/convocar/", meetings.meeting_convocation, name="meeting_convoke"),
    path("comites/<slug:slug>/reunioes/<int:pk>/presencas/", meetings.meeting_attendance, name="meeting_attendance"),
    path("comites/<slug:slug>/reunioes/<int:pk>/ata/", meetings.meeting_minutes, name="meeting_minutes"),
    path("comites/<slug:slug>/reunioes/<int:pk>/deliberacoes/nova/", meetings.decision_new, name="decision_new"),
    path("cobertura/", committees.coverage, name="coverage"),
    path("capacitacoes/", registries.trainings, name="trainings"),
    path("especialistas/", registries.specialists, name="specialists"),
    path("materiais/", registries.materials, name="materials"),
    path("acordos/", registries.agreements, name="agreements"),
    path("eventos/", registries.events, name="events"),
    path("onde-denunciar/", channels.report_channels, name="report_channels"),
]
