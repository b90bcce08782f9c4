"""Indicators filled from the network's registry counts: the coordination maps a count to an indicator, the
report form fills the cycle's value from the count of the cycle's period, and a focal point may override it
only with a justification."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from pnetp.monitoring.models import Indicator, IndicatorValue
from pnetp.monitoring.registry_sources import fill_for
from pnetp.monitoring.services.assignment import save_indicator
from pnetp.monitoring.tests.conftest import world  # noqa: F401 (fixture)
from pnetp.network.models import Agreement, Committee, Meeting, Training, Unit

pytestmark = pytest.mark.django_db


def _training(activity, start, participants):
    training = Training.objects.create(title="Curso fictício", audience="police", mode="online", start_date=start,
                                       participants=participants)  # fmt: skip
    if activity is not None:
        training.activities.add(activity)
    return training


@pytest.fixture
def registries(world):  # noqa: F811
    activity = world.act["1.1.1"]
    _training(activity, date(2025, 2, 10), 30)
    _training(activity, date(2025, 6, 30), 12)
    _training(activity, date(2025, 7, 1), 500)  # after the cycle's period
    _training(None, date(2025, 3, 1), 900)  # not linked to the activity
    Agreement.objects.create(title="Acordo fictício A", parties="Brasil e Chile", status="in_force",
                             in_force_on=date(2025, 5, 1)).activities.add(activity)  # fmt: skip
    Agreement.objects.create(
        title="Acordo fictício B", parties="Brasil e Peru", status="in_force", in_force_on=date(2025, 9, 1)
    ).activities.add(activity)  # in force after the period
    Agreement.objects.create(
        title="Acordo fictício C", parties="Brasil e Bolívia", status="negotiation"
    ).activities.add(activity)
    for name, kind, active in (
        ("NETP A", "netp", True),
        ("NETP B", "netp", True),
        ("NETP C", "netp", False),
        ("PAAHM", "paahm", True),
    ):
        Unit.objects.create(name=name, kind=kind, active=active)
    committee = Committee.objects.create(slug="conatrap", name="CONATRAP fictício", kind="national")
    other = Committee.objects.create(slug="cetrap-df", name="CETRAP fictício", kind="state")
    moment = timezone.make_aware(datetime(2025, 3, 10, 14))
    for number, (c, held, cancelled) in enumerate([(committee, True, False), (committee, False, False),
                                                   (committee, True, True), (other, True, False)], start=1):  # fmt: skip
        Meeting.objects.create(committee=c, number=number, starts_at=moment, held=held, cancelled=cancelled)
    return world


def _indicator(world, source, param="", name="Capacitações"):
    return save_indicator(
        world.users.coord, world.act["1.1.1"], name=name, registry_source=source, registry_param=param
    )


def test_counts_of_the_cycle_period(registries):
    w = registries
    expected = {("network.trainings", ""): 2, ("network.participants", ""): 42, ("network.agreements", ""): 1,
                ("network.units", "netp"): 2, ("network.meetings", ""): 2, ("network.meetings", "conatrap"): 1}  # fmt: skip
    for (source, param), value in expected.items():
        fill = fill_for(_indicator(w, source, param, name=f"{source} {param}"), w.cycle)
        assert fill.value == Decimal(value), (source, param)
    assert fill.label == "Reuniões de comitê realizadas: CONATRAP fictício"
    assert fill.filled_on == timezone.localdate()
    assert fill_for(_indicator(w, "", name="Digitado"), w.cycle) is None


def test_mapping_is_validated_in_portuguese(registries):
    w = registries
    with pytest.raises(ValidationError) as error:
        _indicator(w, "network.units", "")
    assert error.value.message_dict == {
        "registry_param": ["Escolha um filtro válido para “Unidades da rede (por tipo)”."]
    }
    with pytest.raises(ValidationError) as error:
        _indicator(w, "network.trainings", "netp")
    assert error.value.message_dict == {"registry_param": ["Este registro não usa filtro."]}
    with pytest.raises(ValidationError):
        _indicator(w, "outro.registro")


def test_coordination_maps_on_the_indicator_page(registries, client):
    w = registries
    indicator = Indicator.objects.create(activity=w.act["1.1.1"], name="Capacitações realizadas no período")
    url = reverse("monitoring_web:indicator_edit", kwargs={"plan": w.plan.slug, "code": "1.1.1", "pk": indicator.pk})
    client.force_login(w.users.mjsp)
    assert client.post(url, {"name": "X", "registry_source": "network.trainings"}).status_code == 403
    client.force_login(w.users.coord)
    page = client.get(url).content.decode()
    assert "Reuniões de comitê realizadas" in page and 'optgroup label="Unidades da rede (por tipo)"' in page
    data = {
        "name": indicator.name,
        "direction": "increase",
        "frequency": "semiannual",
        "registry_source": "network.units",
    }
    assert "Escolha um filtro válido" in client.post(url, data).content.decode()
    assert client.post(url, {**data, "registry_param": "netp"}).status_code == 302
    indicator.refresh_from_db()
    assert (indicator.registry_source, indicator.registry_param) == ("network.units", "netp")
    assert indicator.history.latest().history_user == w.users.coord


def test_report_form_fills_the_value_and_an_override_needs_a_justification(registries, client):
    w = registries
    indicator = _indicator(w, "network.participants")
    url = reverse("monitoring_web:report_form", kwargs={"plan": w.plan.slug, "code": "1.1.1", "cycle_id": w.cycle.pk})
    client.force_login(w.users.mjsp)
    response = client.get(url)
    field = f"value_{indicator.pk}"
    assert response.context["form"][field].value() == "42"
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert (
        f"Preenchido a partir do registro “Participantes de capacitações”, em {today}: 42." in response.content.decode()
    )

    response = client.post(url, {field: "45", f"note_{indicator.pk}": ""})
    assert "Justifique a alteração do valor preenchido a partir do registro." in response.content.decode()
    assert not IndicatorValue.objects.exists()

    assert client.post(url, {field: "42"}).status_code == 302  # as filled: no justification needed
    value = IndicatorValue.objects.get()
    assert (value.value, value.registry_value, value.registry_label) == (42, 42, "Participantes de capacitações")
    assert value.registry_filled_on == timezone.localdate() and not value.overrides_registry
    detail = client.get(reverse("monitoring_web:report", args=[value.report_id])).content.decode()
    assert f"preenchido a partir do registro “Participantes de capacitações”, em {today}" in detail

    _training(w.act["1.1.1"], date(2025, 4, 4), 8)  # the registry grows: the form shows the new count
    assert client.get(url).context["form"][field].value() == "50"
    note = "Duas turmas do curso fictício ainda não registradas na rede."
    assert client.post(url, {field: "60", f"note_{indicator.pk}": note}).status_code == 302
    value.refresh_from_db()
    assert (value.value, value.registry_value, value.note, value.overrides_registry) == (60, 50, note, True)
    assert client.get(url).context["form"][field].value() == "60"  # an override is kept, not refilled
    detail = client.get(reverse("monitoring_web:report", args=[value.report_id])).content.decode()
    assert "alterado pelo ponto focal (registro: 50)" in detail

    api = f"/api/v1/reports/{value.report_id}/indicator-values/"
    response = client.post(api, {"indicator": indicator.pk, "value": "70", "note": ""}, content_type="application/json")
    assert response.status_code == 400 and "Justifique" in response.content.decode()
    response = client.post(api, {"indicator": indicator.pk, "value": "50", "note": ""}, content_type="application/json")
    assert response.status_code == 201
    value.refresh_from_db()
    assert (value.value, value.registry_value, value.overrides_registry) == (50, 50, False)
