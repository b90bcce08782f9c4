import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pnetp.accounts.models import Role
from pnetp.accounts.tests.factories import make_institution, make_user
from pnetp.institutions.models import Institution

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(institution):
    make_institution("PF", "Polícia Federal", parent=institution)
    make_institution("SEJUS-SP", "Secretaria da Justiça e Cidadania", kind="state", uf="SP")
    make_institution("ANT", "Antiga Secretaria", active=False)
    return institution


@pytest.fixture
def coordination(client):
    user = make_user(Role.COORDINATION)
    client.force_login(user)
    return user


def acronyms(response) -> list[str]:
    return [i.acronym for i in response.context["institutions"]]


def test_list_hides_inactive_from_public_not_from_coordination(client, directory):
    assert acronyms(client.get(reverse("institutions:list"))) == ["MJSP", "PF", "SEJUS-SP"]
    client.force_login(make_user(Role.COORDINATION))
    assert "ANT" in acronyms(client.get(reverse("institutions:list")))


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"q": "seguranca publica"}, ["MJSP"]),
        ({"q": "POLÍCIA"}, ["PF"]),
        ({"q": "sejus"}, ["SEJUS-SP"]),
        ({"kind": "state"}, ["SEJUS-SP"]),
        ({"uf": "SP"}, ["SEJUS-SP"]),
        ({"kind": "federal", "q": "justica"}, ["MJSP"]),
        ({"uf": "XX"}, ["MJSP", "PF", "SEJUS-SP"]),  # an invalid filter is ignored, not an error
    ],
)
def test_list_filters_and_accent_insensitive_search(client, directory, query, expected):
    assert acronyms(client.get(reverse("institutions:list"), query)) == expected


def test_detail_shows_parent_and_children(client, directory):
    pf = Institution.objects.get(acronym="PF")
    html = client.get(reverse("institutions:detail", args=[directory.pk])).content.decode()
    assert pf.get_absolute_url() in html
    html = client.get(pf.get_absolute_url()).content.decode()
    assert directory.get_absolute_url() in html


def test_history_only_for_coordination(client, directory, coordination):
    response = client.post(
        reverse("institutions:update", args=[directory.pk]),
        {"acronym": "MJSP", "name": "Ministério da Justiça", "kind": "federal", "active": "on"},
    )
    assert response.status_code == 302
    html = client.get(directory.get_absolute_url()).content.decode()
    assert "Histórico de alterações" in html
    assert "Nome: Ministério da Justiça e Segurança Pública → Ministério da Justiça" in html
    assert "coordination" in html  # who

    client.force_login(make_user(Role.FOCAL_POINT))
    html = client.get(directory.get_absolute_url()).content.decode()
    assert "Histórico de alterações" not in html
    assert reverse("institutions:update", args=[directory.pk]) not in html


def test_create_with_portuguese_validation_messages(client, coordination, directory):
    url = reverse("institutions:create")
    response = client.post(url, {"acronym": "mjsp", "name": "", "kind": "state", "uf": ""})
    form = response.context["form"]
    assert form.errors == {
        "acronym": ["Já existe uma instituição com a sigla “mjsp”."],
        "name": ["Este campo é obrigatório."],
        "uf": ["Informe a UF de instituições estaduais ou municipais."],
    }
    assert "Verifique os campos do formulário." in response.content.decode()

    data = {
        "acronym": "SJC-SP",
        "name": " Secretaria  da Justiça ",
        "kind": "state",
        "uf": "SP",
        "parent": directory.pk,
    }
    response = client.post(url, {**data, "active": "on"})
    created = Institution.objects.get(acronym="SJC-SP")
    assert response.url == created.get_absolute_url()
    assert created.name == "Secretaria da Justiça" and created.parent == directory
    assert "Instituição SJC-SP cadastrada." in client.get(response.url).content.decode()


def test_update_rejects_cycles(client, coordination, directory):
    pf = Institution.objects.get(acronym="PF")
    response = client.post(
        reverse("institutions:update", args=[directory.pk]),
        {"acronym": "MJSP", "name": directory.name, "kind": "federal", "parent": pf.pk, "active": "on"},
    )
    assert response.context["form"].errors == {"parent": ["O órgão superior não pode ser a própria instituição."]}
    assert f'value="{directory.pk}"' not in str(response.context["form"]["parent"])  # itself is not offered


def upload(text: str, name: str = "lista.csv", encoding: str = "utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def test_import_page_imports_and_reports(client, coordination):
    url = reverse("institutions:import")
    text = "sigla;nome;natureza;uf;orgao_superior\nPF;Polícia Federal;federal;;MJSP\nMJSP;Ministério da Justiça;federal;;\n"
    response = client.post(url, {"file": upload(text, encoding="cp1252"), "dry_run": "on"})
    assert "Arquivo válido." in response.content.decode() and not Institution.objects.exists()

    response = client.post(url, {"file": upload(text)})
    html = response.content.decode()
    assert "Importação concluída." in html and "2 criadas, 0 atualizadas, 0 sem alteração" in html
    pf = Institution.objects.get(acronym="PF")
    assert pf.parent.acronym == "MJSP"
    assert pf.history.get().history_user == coordination


def test_import_page_lists_every_error(client, coordination):
    text = "sigla,nome,natureza\nX,Instituição X,autarquia\nY,,federal\n"
    html = client.post(reverse("institutions:import"), {"file": upload(text, "erros.csv")}).content.decode()
    assert "O arquivo tem 2 erros; nada foi gravado." in html
    assert "erros.csv, linha 3, campo nome: campo obrigatório não preenchido." in html
    assert not Institution.objects.exists()


def test_import_page_requires_a_file(client, coordination):
    response = client.post(reverse("institutions:import"), {})
    assert response.context["form"].errors == {"file": ["Este campo é obrigatório."]}
