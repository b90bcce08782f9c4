"""The portal is public: every page answers the same to every role, anonymous included."""

import pytest
from django.urls import reverse

ROLES = [None, "coord", "mjsp", "committee", "analyst"]


def _pages(public):
    mjsp = public.inst["MJSP"].pk
    pages = {
        "overview": reverse("portal:index"),
        "plan": reverse("portal:plan", args=["teste"]),
        "institution": reverse("portal:institution", args=[mjsp]),
        "open data": reverse("portal:data"),
        "dictionary": reverse("portal:dictionary"),
        "datapackage": reverse("portal:datapackage"),
        "zip": reverse("portal:zip"),
    }
    for name in ("atividades", "responsabilidades", "relatorios_aprovados", "progresso"):
        for fmt in ("csv", "json"):
            pages[f"{name}.{fmt}"] = reverse("portal:download", args=[name, fmt])
    return pages


@pytest.mark.parametrize("who", ROLES)
def test_every_page_is_open_to_every_role(client, public, who):
    if who:
        client.force_login(getattr(public.users, who))
    for name, url in _pages(public).items():
        assert client.get(url).status_code == 200, name


@pytest.mark.parametrize("who", ROLES)
def test_hidden_material_is_404_for_every_role(client, public, who):
    """The portal shows published material only, even to the coordination (drafts live elsewhere)."""
    if who:
        client.force_login(getattr(public.users, who))
    hidden_institution = public.extra.draft_plan.activities.get(code="1.1.1").responsibility.lead_institutions.get()
    for url in [
        reverse("portal:plan", args=["rascunho"]),
        reverse("portal:plan", args=["inexistente"]),
        reverse("portal:institution", args=[hidden_institution.pk]),
        reverse("portal:institution", args=[public.inst["MTE"].pk]),  # takes part in no plan
        reverse("portal:download", args=["usuarios", "csv"]),
        reverse("portal:download", args=["atividades", "xml"]),
    ]:
        assert client.get(url).status_code == 404, url


def test_downloads_have_file_names_and_types(client, public):
    response = client.get(reverse("portal:download", args=["progresso", "csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="progresso.csv"'
    assert response["Access-Control-Allow-Origin"] == "*"
    response = client.get(reverse("portal:zip"))
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="pnetp-dados-abertos.zip"'
    assert client.get(reverse("portal:datapackage"))["Content-Type"] == "application/json"
