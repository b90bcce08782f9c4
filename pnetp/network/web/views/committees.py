"""Committees: the public list and page (composition and parity), the secretariat's seat pages, the coverage by UF."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from ...meeting_selectors import year_indicators
from ...parity_history import parity_broken_months
from ...committee_selectors import committee_page, coverage_by_uf, public_committees
from ...models import Seat
from ...permissions import access_committee, can_edit_committees, can_manage_committee
from ...services.committees import parity, seat_end, seat_fill
from ..committee_forms import SeatEndForm
from ..forms import SeatForm
from .auth import login_first
from .years import meeting_year


def committee_list(request):
    committees = [(c, parity(c)) for c in public_committees()]
    return render(request, "network/committee_list.html", {"committees": committees})


def committee_detail(request, slug: str):
    committee = get_object_or_404(public_committees(), slug=slug)
    year = meeting_year(request)
    context = {
        "page": committee_page(request.user, committee),
        "year": year,
        "indicators": year_indicators(committee, year),
        "parity_months": parity_broken_months(committee, year),
        "can_manage": can_manage_committee(request.user, committee),
        "can_edit": can_edit_committees(request.user),
    }
    return render(request, "network/committee_detail.html", context)


@login_first
def seat_new(request, slug: str):
    committee = access_committee(request.user, slug)
    form = SeatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            seat_fill(request.user, committee, data=form.cleaned_data)
            return redirect(committee)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
    return render(request, "network/seat_form.html", {"form": form, "committee": committee})


@login_first
def seat_close(request, slug: str, pk: int):
    committee = access_committee(request.user, slug)
    seat = get_object_or_404(Seat.objects.select_related("institution"), pk=pk, committee=committee)
    form = SeatEndForm(request.POST or None, seat=seat)
    if request.method == "POST" and form.is_valid():
        try:
            seat_end(request.user, seat, end_date=form.cleaned_data["end_date"], reason=form.cleaned_data["reason"])
            return redirect(committee)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
    return render(request, "network/seat_end.html", {"form": form, "committee": committee, "seat": seat})


def coverage(request):
    return render(request, "network/coverage.html", {"rows": coverage_by_uf(request.user)})
