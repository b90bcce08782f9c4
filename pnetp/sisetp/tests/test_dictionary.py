"""The public data dictionary and its Data Package descriptor."""

import pytest
from django.urls import reverse

from pnetp.sisetp.services.dictionary import dictionary_models, documented_fields
from pnetp.sisetp.standard import layout
from pnetp.sisetp.standard.vocabularies import VOCABULARIES


def test_every_field_of_the_standard_is_described():
    for model, description in dictionary_models():
        assert str(description)
        for field in documented_fields(model):
            if field.primary_key and not field.is_relation:
                continue
            assert str(field.help_text).strip(), f"{model.__name__}.{field.name} has no description"
            assert str(field.verbose_name).strip()


@pytest.mark.django_db
def test_dictionary_page_is_public_and_complete(client):
    response = client.get(reverse("sisetp:dictionary"))
    assert response.status_code == 200
    html = response.content.decode()
    for model, _ in dictionary_models():
        assert model._meta.db_table in html
        for field in documented_fields(model):
            assert f"<code>{field.name}</code>" in html, (model.__name__, field.name)
    for resource in layout.RESOURCES:
        for name in resource.header:
            assert f"<code>{name}</code>" in html
    for vocabulary in VOCABULARIES.values():
        assert f'id="vocabulario-{vocabulary.slug}"' in html
        for item in vocabulary.entries:
            assert f"<code>{item.code}</code>" in html
    assert "<code>SexualExploitation</code>" in html and "<code>isForcedLabour</code>" in html
    assert "LIBERDADE&gt;SEXUAL&gt;FÍSICA&gt;EXPLORAÇÃO SEXUAL" in html


@pytest.mark.django_db
def test_datapackage_json_is_served(client):
    response = client.get(reverse("sisetp:datapackage"))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    descriptor = response.json()
    assert descriptor["version"] == "1.0"
    names = [resource["name"] for resource in descriptor["resources"]]
    assert names == ["pessoas_casos", "identidades", "vocabularios"]
    fields = {f["name"]: f for f in descriptor["resources"][0]["schema"]["fields"]}
    assert fields["raca_cor"]["constraints"]["enum"] == ["branca", "preta", "parda", "amarela", "indigena"]
    assert fields["raca_cor"]["sensitive"] is True
    assert fields["formas_exploracao"]["separator"] == ";"
    identity = {f["name"]: f for f in descriptor["resources"][1]["schema"]["fields"]}
    assert identity["cpf"]["identifying"] is True
    rows = descriptor["resources"][2]["data"]
    sexual = next(r for r in rows if r["vocabulario"] == "exploitation_form" and r["codigo"] == "exploracao_sexual")
    assert sexual["htcds"] == "exactMatch:SexualExploitation"


@pytest.mark.django_db
def test_dictionary_is_read_only(client):
    assert client.post(reverse("sisetp:dictionary")).status_code == 405
