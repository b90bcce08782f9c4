"""Public lists of the registries: trainings, specialists (with consent), materials and their gaps,
international agreements, and the annual calendar of forums and events."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ... import registry_selectors as registries
from ...ical import events_ics
from ...participant_permissions import can_manage_any_participants
from ...participant_selectors import participants_legend, public_total


def trainings(request):
    rows = [(t, public_total(t)) for t in registries.public_trainings()]
    context = {"rows": rows, "legend": participants_legend(), "can_manage": can_manage_any_participants(request.user)}
    return render(request, "network/trainings.html", context)


def specialists(request):
    return render(request, "network/specialists.html", {"specialists": registries.public_specialists()})


def materials(request):
    languages, gaps = registries.material_gaps()
    context = {"materials": registries.public_materials(), "languages": languages, "gaps": gaps}
    return render(request, "network/materials.html", context)


def agreements(request):
    return render(request, "network/agreements.html", {"agreements": registries.public_agreements()})


def _year(value: str) -> int:
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year


def events(request):
    year = _year(request.GET.get("ano", ""))
    return render(request, "network/events.html", {"year": year, "events": registries.events_of_year(year)})


def events_feed(request, year: int):
    """The year's forums and events as iCal (subscribe or import); an unlikely year is 404."""
    if not 2000 <= year <= 2100:
        raise Http404
    response = HttpResponse(
        events_ics(registries.events_of_year(year), year), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="eventos-{year}.ics"'
    return response
