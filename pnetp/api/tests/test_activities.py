"""Activity listing: accent- and case-insensitive search, filters by axis and action, official code order."""

import pytest

from pnetp.plans.models import Activity


@pytest.fixture
def listing(api_world, client_as):
    activity = api_world.act["1.1.1"]
    activity.description = "Capacitação de órgãos públicos de fronteira"
    activity.save()
    Activity.objects.create(
        plan=api_world.plan, action=api_world.actions["1.1"], code="1.1.10", description="Décima", position=99
    )
    client = client_as("anonymous")

    def codes(**params):
        response = client.get("/api/v1/plans/teste/activities/", params)
        assert response.status_code == 200
        return [a["code"] for a in response.json()["results"]]

    return codes


@pytest.mark.parametrize("query", ["capacitacao", "CAPACITAÇÃO", "orgaos fronteira", "Órgãos  PÚBLICOS"])
def test_search_ignores_accents_and_case(listing, query):
    assert listing(q=query) == ["1.1.1"]


def test_every_word_must_match(listing):
    assert listing(q="capacitacao inexistente") == []


def test_filters_and_code_order(listing):
    assert listing() == ["1.1.1", "1.1.2", "1.1.10", "1.2.1", "2.1.1", "2.1.2"]
    assert listing(axis="2") == ["2.1.1", "2.1.2"]
    assert listing(action="1.1") == ["1.1.1", "1.1.2", "1.1.10"]
    assert listing(axis="1", q="decima") == ["1.1.10"]


def test_list_items(listing, client_as):
    item = client_as("anonymous").get("/api/v1/plans/teste/activities/", {"q": "capacitacao"}).json()["results"][0]
    assert item == {
        "code": "1.1.1", "description": "Capacitação de órgãos públicos de fronteira", "action": "1.1", "axis": "1",
    }  # fmt: skip
