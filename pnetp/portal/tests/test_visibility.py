"""Only public material reaches the portal: asserted on the real HTML, CSV, JSON and zip."""

import io
import zipfile

import pytest
from django.urls import reverse

from .html import text
from .scenario import SECRETS

PUBLIC_TEXTS = ["RELATO PUBLICO MJSP 111", "RELATO PUBLICO MDHC 111", "EVIDENCIA PUBLICA", "DIFICULDADE PUBLICA"]


def _everything(client, public) -> dict[str, str]:
    """Every portal page and file, as text (the zip unpacked)."""
    urls = {
        "overview": reverse("portal:index"),
        "plan": reverse("portal:plan", args=["teste"]),
        "institution MJSP": reverse("portal:institution", args=[public.inst["MJSP"].pk]),
        "institution MDHC": reverse("portal:institution", args=[public.inst["MDHC"].pk]),
        "open data": reverse("portal:data"),
        "dictionary": reverse("portal:dictionary"),
        "datapackage": reverse("portal:datapackage"),
    }
    for name in ("atividades", "responsabilidades", "relatorios_aprovados", "progresso"):
        for fmt in ("csv", "json"):
            urls[f"{name}.{fmt}"] = reverse("portal:download", args=[name, fmt])
    found = {name: client.get(url).content.decode() for name, url in urls.items()}
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("portal:zip")).content))
    found.update({f"zip/{name}": archive.read(name).decode() for name in archive.namelist()})
    return found


@pytest.mark.parametrize("who", [None, "coord"])
def test_no_secret_anywhere(client, public, who):
    if who:  # the coordination sees the same portal as the public
        client.force_login(getattr(public.users, who))
    # The signed-in coordinator's own name shows in the page header; nothing else may.
    secrets = SECRETS if who is None else [s for s in SECRETS if s != "Fulana"]
    for name, content in _everything(client, public).items():
        for secret in secrets:
            assert secret not in content, f"{secret!r} leaked into {name}"


def test_public_material_is_there(client, public):
    found = _everything(client, public)
    plan_page = text(found["plan"])
    for needle in PUBLIC_TEXTS:
        assert needle in plan_page
    assert "Aprovado por Coordenação nacional em 20/07/2025" in plan_page
    assert "https://example.org/publica.pdf" in found["plan"]
    for name in ("relatorios_aprovados.csv", "relatorios_aprovados.json", "zip/relatorios_aprovados.csv"):
        assert "RELATO PUBLICO MDHC 211" in found[name]
        assert "https://example.org/publica.pdf" in found[name]
        assert "Coordenação nacional" in found[name]


def test_only_approved_reports_of_published_plans_are_listed(client, public):
    rows = client.get(reverse("portal:download", args=["relatorios_aprovados", "json"])).json()
    assert sorted((r["ciclo"], r["atividade_codigo"], r["instituicao_sigla"]) for r in rows) == [
        ("2025.1", "1.1.1", "MDHC"),
        ("2025.1", "1.1.1", "MJSP"),
        ("2025.1", "1.1.2", "MJSP"),
        ("2025.1", "2.1.1", "MDHC"),
    ]
    assert {r["plano"] for r in rows} == {"teste"}
    assert {r["aprovado_por"] for r in rows} == {"Coordenação nacional"}


def test_unpublishing_a_plan_removes_it_everywhere(client, public):
    public.plan.status = "draft"
    public.plan.save()
    assert client.get(reverse("portal:plan", args=["teste"])).status_code == 404
    assert "Nenhum plano publicado" in client.get(reverse("portal:index")).content.decode()
    for name in ("atividades", "relatorios_aprovados", "progresso"):
        assert client.get(reverse("portal:download", args=[name, "json"])).json() == []
