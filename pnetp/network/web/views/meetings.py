"""Meetings of a committee: the public calendar and meeting pages, iCal, and the secretariat's pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ... import ical
from ...committee_selectors import public_committees
from ...meeting_selectors import expected_calendar, meeting_years, quorum, year_indicators
from ...models import Meeting, MinutesStatus
from ...parity_history import parity_broken_months
from ...permissions import access_committee, can_manage_committee, can_update_decision_status
from ...services.committees import active_seats
from ...services.meetings import (
    attendance_record,
    decision_record,
    meeting_convoke,
    meeting_schedule,
    minutes_approve,
    minutes_save_draft,
)
from ..forms import DecisionForm, MeetingForm, MinutesApproveForm, MinutesForm, attendance_form
from .auth import login_first
from .years import meeting_year


def meeting_list(request, slug: str):
    committee = get_object_or_404(public_committees(), slug=slug)
    year = meeting_year(request)
    context = {
        "committee": committee, "year": year, "years": meeting_years(committee),
        "calendar": expected_calendar(committee, year), "indicators": year_indicators(committee, year),
        "parity_months": parity_broken_months(committee, year),
        "can_manage": can_manage_committee(request.user, committee),
    }  # fmt: skip
    return render(request, "network/meeting_list.html", context)


def _meeting(slug: str, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("committee"), pk=pk, committee__slug=slug, committee__active=True
    )


def meeting_detail(request, slug: str, pk: int):
    meeting = _meeting(slug, pk)
    can_manage = can_manage_committee(request.user, meeting.committee)
    decisions = list(meeting.decisions.select_related("responsible").prefetch_related("activities__plan"))
    context = {
        "meeting": meeting, "committee": meeting.committee, "can_manage": can_manage,
        "agenda": meeting.agenda.prefetch_related("activities"),
        "attendance": meeting.attendance.select_related("seat__institution").order_by("seat__segment", "seat__institution__acronym"),
        "quorum": quorum(meeting) if meeting.held else None,
        "decisions": decisions,
        "status_editable": {d.pk for d in decisions if can_update_decision_status(request.user, d)},
        "show_minutes": meeting.minutes_status == MinutesStatus.APPROVED or (can_manage and meeting.minutes),
    }  # fmt: skip
    return render(request, "network/meeting_detail.html", context)


def _calendar_response(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def committee_feed(request, slug: str):
    committee = get_object_or_404(public_committees(), slug=slug)
    return _calendar_response(ical.committee_ics(committee), f"{committee.slug}.ics")


def meeting_ics(request, slug: str, pk: int):
    return _calendar_response(ical.meeting_ics(_meeting(slug, pk)), f"reuniao-{pk}.ics")


def _form_page(request, committee, form, title, meeting=None):
    context = {"committee": committee, "form": form, "title": title, "meeting": meeting}
    return render(request, "network/meeting_form.html", context)


@login_first
def meeting_new(request, slug: str):
    committee = access_committee(request.user, slug)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_schedule(request.user, committee, data=form.cleaned_data)
            return redirect(meeting)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
    return _form_page(request, committee, form, _("Agendar reunião"))


@login_first
@require_POST
def meeting_convocation(request, slug: str, pk: int):
    access_committee(request.user, slug)
    meeting = _meeting(slug, pk)
    try:
        sent = meeting_convoke(request.user, meeting)
        messages.success(request, _("Convocação enviada a %(n)d membros.") % {"n": len(sent)})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(meeting)


@login_first
def meeting_attendance(request, slug: str, pk: int):
    committee = access_committee(request.user, slug)
    meeting = _meeting(slug, pk)
    seats = active_seats(committee, timezone.localdate(meeting.starts_at))
    form = attendance_form(seats, meeting, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        statuses = {s.pk: (data[f"seat_{s.pk}"], data[f"justification_{s.pk}"]) for s in seats}
        attendance_record(request.user, meeting, statuses=statuses)
        return redirect(meeting)
    return _form_page(request, committee, form, _("Registrar presenças"), meeting)


@login_first
def meeting_minutes(request, slug: str, pk: int):
    committee = access_committee(request.user, slug)
    meeting = _meeting(slug, pk)
    approving = "approve" in request.GET or "approved_in" in request.POST
    if meeting.minutes_status == MinutesStatus.DRAFT and approving:
        form = MinutesApproveForm(request.POST or None, meeting=meeting)
        save = lambda data: minutes_approve(request.user, meeting, approved_in=data["approved_in"])  # noqa: E731
        title = _("Aprovar a ata")
    else:
        form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})
        save = lambda data: minutes_save_draft(request.user, meeting, text=data["minutes"])  # noqa: E731
        title = _("Minuta da ata")
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
            return redirect(meeting)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
    return _form_page(request, committee, form, title, meeting)


@login_first
def decision_new(request, slug: str, pk: int):
    committee = access_committee(request.user, slug)
    meeting = _meeting(slug, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision_record(request.user, meeting, data=data, activities=data["activity_codes"])
            return redirect(meeting)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
    return _form_page(request, committee, form, _("Registrar deliberação"), meeting)
