import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pnetp.accounts.models import Role
from pnetp.accounts.tests.factories import make_user
from pnetp.territory.models import FederativeUnit, Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordination_client(client, territory):
    client.force_login(make_user(Role.COORDINATION))
    return client


@pytest.mark.parametrize("model, pk", [("federativeunit", 35), ("municipality", 3550308), ("country", "BR")])
def test_admin_pages(coordination_client, model, pk):
    assert coordination_client.get(reverse(f"admin:territory_{model}_changelist")).status_code == 200
    assert coordination_client.get(reverse(f"admin:territory_{model}_add")).status_code == 200
    page = coordination_client.get(reverse(f"admin:territory_{model}_change", args=[pk])).content.decode()
    # The code identifies the row: typed when adding, read-only afterwards.
    assert 'name="ibge_code"' not in page and 'name="alpha2"' not in page


def test_admin_search_ignores_accents(coordination_client):
    url = reverse("admin:territory_municipality_changelist")
    assert "3550308" in coordination_client.get(url, {"q": "sao paulo"}).content.decode()


def test_changing_a_capital_moves_the_flag(coordination_client):
    url = reverse("admin:territory_federativeunit_change", args=[35])
    data = {"abbreviation": "SP", "name": "São Paulo", "region": "SE", "capital": 3509502, "svg_path": ""}
    response = coordination_client.post(url, data)
    assert response.status_code == 302
    assert Municipality.objects.get(pk=3509502).is_capital  # Campinas, for the test's sake
    assert not Municipality.objects.get(pk=3550308).is_capital


def test_admin_adds_a_new_municipality(coordination_client):
    url = reverse("admin:territory_municipality_add")
    data = {"ibge_code": 5101899, "name": "Município Novo", "uf": 51, "latitude": "-13.1", "longitude": "-55.2"}
    assert coordination_client.post(url, data).status_code == 302
    assert Municipality.objects.get(pk=5101899).search_key == "municipionovo"


def test_names_are_unique_within_a_uf(territory):
    sp = FederativeUnit.objects.get(pk=35)
    duplicate = Municipality(ibge_code=3599999, name="Sao Paulo", uf=sp, latitude=-23, longitude=-46)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Já existe um município com este nome nesta UF." in error.value.message_dict["name"]
    other_uf = Municipality(ibge_code=3399999, name="Município Novo", uf=sp, latitude=-23, longitude=-46)
    with pytest.raises(ValidationError, match="dois primeiros dígitos"):
        other_uf.full_clean()


def test_population_admin(coordination_client):
    from pnetp.territory.models import Population

    Population.objects.create(municipality_id=3550308, year=2022, population=1000, source="teste")
    page = coordination_client.get(reverse("admin:territory_population_changelist"), {"q": "3550308"})
    assert page.status_code == 200 and "teste" in page.content.decode()


def test_weights_are_versioned_outside_the_admin(coordination_client):
    # A new version needs the coordination page (who and why); the admin only lists them.
    assert coordination_client.get(reverse("admin:territory_vulnerabilityweights_changelist")).status_code == 200
    assert coordination_client.get(reverse("admin:territory_vulnerabilityweights_add")).status_code == 403
