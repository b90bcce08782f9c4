"""Committee management pages (instead of the admin): the committees one manages, creating and editing a
committee (coordination), editing a seat, a meeting's agenda, a decision's status, and a focal point's decisions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pnetp.accounts.permissions import is_coordination

from ...models import AgendaItem, Committee, Meeting, Seat
from ...permissions import access_committee, access_decision, can_edit_committees, can_manage_any_committee
from ...permissions import can_follow_decisions, managed_committees, require_edit_committees
from ...committee_selectors import followed_decisions
from ...services.agenda import agenda_item_add, agenda_item_move, agenda_item_remove, agenda_item_update
from ...services.committees import committee_create, committee_update, seat_update
from ...services.meetings import decision_update_status
from ..committee_forms import AgendaItemForm, CommitteeForm, DecisionStatusForm, SeatEditForm
from .auth import login_first
from .form_pages import form_page, save_form


@login_first
def committee_manage_list(request):
    if not can_manage_any_committee(request.user):
        raise PermissionDenied
    committees = managed_committees(request.user).select_related("uf", "municipality", "secretariat")
    context = {"committees": committees.order_by("kind", "name"), "can_create": can_edit_committees(request.user)}
    return render(request, "network/committee_manage_list.html", context)


@login_first
def committee_new(request):
    require_edit_committees(request.user)
    form = CommitteeForm(request.POST or None)
    saved = {}
    if request.method == "POST" and save_form(
        form, lambda data: saved.update(c=committee_create(request.user, data=data))
    ):
        return redirect(saved["c"])
    return form_page(request, _("Cadastrar comitê"), form, reverse("network:committee_manage"))


@login_first
def committee_edit(request, slug: str):
    require_edit_committees(request.user)
    committee = access_committee(request.user, slug)
    # a ModelForm's validation writes into its instance: it gets a copy, the service locks and saves its own
    form = CommitteeForm(request.POST or None, instance=Committee.objects.get(pk=committee.pk))
    if request.method == "POST" and save_form(form, lambda data: committee_update(request.user, committee, data=data)):
        return redirect("network:committee", form.cleaned_data["slug"])
    title = _("Editar %(name)s") % {"name": committee}
    return form_page(request, title, form, committee.get_absolute_url(), committee=committee)


@login_first
def seat_edit(request, slug: str, pk: int):
    committee = access_committee(request.user, slug)
    seat = get_object_or_404(Seat.objects.select_related("institution"), pk=pk, committee=committee)
    form = SeatEditForm(request.POST or None, instance=Seat.objects.get(pk=seat.pk))
    if request.method == "POST" and save_form(form, lambda data: seat_update(request.user, seat, data=data)):
        return redirect(committee)
    title = _("Editar assento: %(institution)s") % {"institution": seat.institution.acronym}
    return form_page(request, title, form, committee.get_absolute_url(), committee=committee)


def _meeting(committee, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("committee"), pk=pk, committee=committee)


@login_first
def agenda(request, slug: str, pk: int):
    """The agenda of a meeting with its items' actions, and the form that appends one."""
    committee = access_committee(request.user, slug)
    meeting = _meeting(committee, pk)
    form = AgendaItemForm(request.POST or None)
    save = lambda data: agenda_item_add(request.user, meeting, data=data, activities=data["activities"])  # noqa: E731
    if request.method == "POST" and save_form(form, save):
        return redirect("network:agenda", slug, meeting.pk)
    items = meeting.agenda.prefetch_related("activities").order_by("order")
    return render(
        request, "network/agenda.html", {"committee": committee, "meeting": meeting, "items": items, "form": form}
    )


def _item(committee, meeting_pk: int, pk: int) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting"), pk=pk, meeting_id=meeting_pk, meeting__committee=committee
    )


@login_first
def agenda_item_edit(request, slug: str, pk: int, item: int):
    committee = access_committee(request.user, slug)
    row = _item(committee, pk, item)
    form = AgendaItemForm(request.POST or None, instance=AgendaItem.objects.get(pk=row.pk))
    save = lambda data: agenda_item_update(request.user, row, data=data, activities=data["activities"])  # noqa: E731
    if request.method == "POST" and save_form(form, save):
        return redirect("network:agenda", slug, pk)
    title = _("Editar item %(order)d da pauta") % {"order": row.order}
    return form_page(request, title, form, row.meeting.get_absolute_url(), committee=committee, meeting=row.meeting)


@login_first
@require_POST
def agenda_item_reorder(request, slug: str, pk: int, item: int):
    committee = access_committee(request.user, slug)
    row = _item(committee, pk, item)
    try:
        agenda_item_move(request.user, row, direction=request.POST.get("direction", ""))
    except ValidationError:
        pass  # an unknown direction moves nothing
    return redirect("network:agenda", slug, pk)


@login_first
def agenda_item_delete(request, slug: str, pk: int, item: int):
    committee = access_committee(request.user, slug)
    row = _item(committee, pk, item)
    if request.method == "POST":
        agenda_item_remove(request.user, row)
        return redirect("network:agenda", slug, pk)
    return render(request, "network/agenda_remove.html", {"committee": committee, "meeting": row.meeting, "item": row})


@login_first
def decision_status(request, slug: str, pk: int, decision: int):
    row = access_decision(request.user, slug, pk, decision)
    initial = {"status": row.status, "note": row.status_note}
    form = DecisionStatusForm(request.POST or None, initial=initial)
    save = lambda data: decision_update_status(request.user, row, status=data["status"], note=data["note"])  # noqa: E731
    if request.method == "POST" and save_form(form, save):
        return redirect(row.meeting)
    history = row.history.select_related("history_user__institution").order_by("-history_date")[:20]
    title = _("Situação da %(decision)s") % {"decision": row}
    return form_page(request, title, form, row.meeting.get_absolute_url(), committee=row.meeting.committee,
                 meeting=row.meeting, decision=row, history=history)  # fmt: skip


@login_first
def my_decisions(request):
    """Open decisions whose responsible institution is the focal point's (every open one for the coordination)."""
    if not (can_follow_decisions(request.user) or is_coordination(request.user)):
        raise PermissionDenied
    rows = followed_decisions(request.user)
    return render(request, "network/my_decisions.html", {"decisions": rows})
