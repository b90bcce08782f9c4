"""Public lists of the registries: trainings, specialists (with consent), materials and their gaps,
international agreements, and the annual calendar of forums and events."""

from django.shortcuts import render
from django.utils import timezone

from ... import registry_selectors as registries
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


def events(request):
    value = request.GET.get("ano", "")
    year = int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year
    return render(request, "network/events.html", {"year": year, "events": registries.events_of_year(year)})
