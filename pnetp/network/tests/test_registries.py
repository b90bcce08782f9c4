"""Registries: specialists public only with consent (never their e-mail), the material gap table, and the
counts of linked items on the activity page ("2 capacitações, 412 participantes")."""

from datetime import date

import pytest
from django.db import IntegrityError

from pnetp.monitoring.tests.conftest import make_plan
from pnetp.network.models import Agreement, Material, Specialist, Training
from pnetp.network.registry_selectors import material_gaps, public_specialists
from pnetp.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_specialists_need_recorded_consent_and_never_show_their_email(client):
    Specialist.objects.create(name="Dra. Consentiu Fictícia", email="consentiu@example.org", themes="Migração",
                              public_consent=True, consent_recorded_on=date(2026, 1, 5))  # fmt: skip
    Specialist.objects.create(name="Dr. Sem Consentimento", email="nao@example.org", themes="Trabalho escravo")
    assert [s["nome"] for s in public_specialists()] == ["Dra. Consentiu Fictícia"]
    page = client.get("/rede/especialistas/").content.decode()
    assert "Dra. Consentiu Fictícia" in page
    for hidden in ("Dr. Sem Consentimento", "consentiu@example.org", "nao@example.org"):
        assert hidden not in page
    with pytest.raises(IntegrityError):
        Specialist.objects.create(name="X", themes="Y", public_consent=True)  # consent without its date


def test_gap_table_counts_materials_per_audience_and_language(client):
    Material.objects.create(
        title="Cartilha fictícia", kind="cartilha", audiences=["migrants", "public"], languages=["pt", "es"]
    )
    Material.objects.create(title="Vídeo fictício", kind="video", audiences=["migrants"], languages=["es", "warao"])
    languages, rows = material_gaps()
    table = {row.audience: dict(zip(languages, row.cells)) for row in rows}
    assert table["Migrantes e refugiados"] == {"Português": 1, "Espanhol": 2, "Inglês": 0, "Francês": 0,
                                               "Crioulo haitiano": 0, "Warao": 1, "Libras": 0}  # fmt: skip
    assert set(table["Povos indígenas"].values()) == {0}
    assert "Lacunas: públicos × idiomas" in client.get("/rede/materiais/").content.decode()


def test_activity_page_counts_linked_registry_items(client):
    plan, _axes, _actions, activities = make_plan()
    plan.status = Plan.Status.PUBLISHED
    plan.save()
    activity = activities["1.1.1"]
    for participants in (400, 12):
        training = Training.objects.create(title="Curso fictício", audience="police", mode="online",
                                           start_date=date(2026, 3, 1), participants=participants)  # fmt: skip
        training.activities.add(activity)
    Agreement.objects.create(title="Acordo fictício", parties="Brasil e Portugal", status="in_force").activities.add(
        activity
    )
    page = client.get(f"/plano/{plan.slug}/1.1.1/").content.decode()
    assert "2 capacitações, 412 participantes" in page and "1 acordo" in page
    assert "Registros da rede vinculados" not in client.get(f"/plano/{plan.slug}/1.1.2/").content.decode()
