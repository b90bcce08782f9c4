"""URLs of the committee management pages, included in ``network.urls`` before the committee pages (so that
``comites/novo/`` is not read as a committee called "novo")."""

from django.urls import path

from .web.views import committee_management as manage
from .web.views import selection

C = "comites/<slug:slug>"
M = f"{C}/reunioes/<int:pk>"
E = f"{C}/editais/<int:pk>"

urlpatterns = [
    path("comites/gestao/", manage.committee_manage_list, name="committee_manage"),
    path("comites/novo/", manage.committee_new, name="committee_new"),
    path("comites/deliberacoes/", manage.my_decisions, name="my_decisions"),
    path(f"{C}/editar/", manage.committee_edit, name="committee_edit"),
    path(f"{C}/assentos/<int:pk>/editar/", manage.seat_edit, name="seat_edit"),
    path(f"{M}/pauta/", manage.agenda, name="agenda"),
    path(f"{M}/pauta/<int:item>/editar/", manage.agenda_item_edit, name="agenda_item_edit"),
    path(f"{M}/pauta/<int:item>/mover/", manage.agenda_item_reorder, name="agenda_item_move"),
    path(f"{M}/pauta/<int:item>/remover/", manage.agenda_item_delete, name="agenda_item_remove"),
    path(f"{M}/deliberacoes/<int:decision>/situacao/", manage.decision_status, name="decision_status"),
    path(f"{C}/editais/", selection.selection_list, name="selections"),
    path(f"{C}/editais/novo/", selection.selection_new, name="selection_new"),
    path(f"{E}/", selection.selection_detail, name="selection"),
    path(f"{E}/editar/", selection.selection_edit, name="selection_edit"),
    path(f"{E}/encerrar/", selection.selection_close, name="selection_close"),
    path(f"{E}/inscricoes/nova/", selection.candidate_edit, name="candidate_new"),
    path(f"{E}/inscricoes/<int:candidate>/editar/", selection.candidate_edit, name="candidate_edit"),
]
