"""The review queue on the web: who may see it, identities only through logged grants, decisions by POST,
runs started in the background, the record → person id download. Records and people are fictitious.
"""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from pnetp.accounts.testing import login_verified
from pnetp.core import jobs as queue
from pnetp.linkage.models import LinkageRun, ReviewPair
from pnetp.sisetp.models import Case, CasePerson, IdentityAccessGrant, IdentityAccessLog
from pnetp.sisetp.services.identity import store_identity

from .conftest import FAKE_IDENTITY


@pytest.fixture(autouse=True)
def inline_jobs(monkeypatch):
    monkeypatch.setattr(queue, "ENQUEUE_AT_ONCE", True)  # the test's transaction never commits


def person(source, record_id, identity=None, **extra):
    case = Case.objects.create(source=source, source_record_id=record_id, reporting_date=date(2024, 5, 2))
    created = CasePerson.objects.create(case=case, source_person_id="1", role="vitima", **extra)
    if identity:
        store_identity(created, identity, check_permission=False)
    return created


@pytest.fixture
def pairs(world):
    """Two pending pairs: Disque 100 × Disque 100 (same institution) and Disque 100 × labour inspection."""
    twin = person(world.disque100, "D100-0002", {**FAKE_IDENTITY, "full_name": "Joana F. da Silva"}, sex="feminino")
    other = person(
        world.inspection,
        "AFT-0009",
        {"full_name": "Joana Inventada Souza"},
        age_at_identification=23,
        education="medio",
    )
    comparison = {
        "nome": "parecido",
        "mae": "igual",
        "cpf": "igual",
        "nascimento": "igual",
        "sexo": "ausente",
        "municipio": "ausente",
    }

    def pair(a, b, probability):
        (ka, pa), (kb, pb) = sorted(
            ((f"{p.case.source.slug}|{p.case.source_record_id}|1", p) for p in (a, b)), key=lambda kp: kp[0]
        )
        return ReviewPair.objects.create(
            left_record=ka, right_record=kb, left=pa, right=pb, probability=probability, comparison=comparison
        )

    return pair(world.victim, twin, 0.8), pair(world.victim, other, 0.4)


PAGES = ["linkage:review", "linkage:runs", "linkage:export"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("coordination", 200), ("analyst", 200), ("focal_point", 403), ("committee", 403), ("worker", 403)],
)
def test_access_per_role(client, world, pairs, role, expected):
    client.force_login(getattr(world.users, role))
    for name in PAGES:
        assert client.get(reverse(name)).status_code == expected, name
    assert client.get(reverse("linkage:pair", args=[pairs[0].pk])).status_code == expected
    response = client.post(reverse("linkage:decide", args=[pairs[0].pk]), {"decision": "mesma"})
    assert response.status_code == (302 if expected == 200 else 403)


def test_anonymous_is_sent_to_login(client, pairs):
    for url in [reverse(name) for name in PAGES] + [reverse("linkage:pair", args=[pairs[0].pk])]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    client.post(reverse("linkage:decide", args=[pairs[0].pk]), {"decision": "mesma"})
    assert ReviewPair.objects.get(pk=pairs[0].pk).status == "pendente"


def test_queue_lists_pending_pairs_and_menu_entry(client, world, pairs):
    client.force_login(world.users.analyst)
    page = client.get(reverse("linkage:review")).content.decode()
    assert "2 pares pendentes" in page and "80%" in page and "40%" in page
    assert "SISETP: revisão de pessoas únicas" in page
    client.force_login(world.users.focal_point)
    assert "SISETP: revisão de pessoas únicas" not in client.get("/").content.decode()


def test_analyst_sees_pseudonymous_data_only(client, world, pairs):
    client.force_login(world.users.analyst)
    url = reverse("linkage:pair", args=[pairs[0].pk])
    page = client.get(url).content.decode()
    assert "D100-0001" in page and "D100-0002" in page and "Feminino" in page
    assert "parecido" in page and "Mostrar identidades" not in page
    other = client.get(reverse("linkage:pair", args=[pairs[1].pk])).content.decode()
    assert "Escolaridade" in other and "Ensino médio" in other  # every attribute the model compares is shown
    assert "Meios de controle" in other and "Relação com quem aliciou" in other
    page = client.post(url, {"action": "identidades"}).content.decode()
    assert "Joana" not in page and "529" not in page
    assert not IdentityAccessLog.objects.filter(action="read", granted=True).exists()  # refused, and logged as such


def test_identities_need_a_grant_and_every_read_is_logged(client, world, pairs):
    coordination = world.users.coordination
    login_verified(client, coordination)
    url = reverse("linkage:pair", args=[pairs[1].pk])
    assert "Mostrar identidades" not in client.get(url).content.decode()  # no grant yet: role alone reads nothing
    assert "Joana" not in client.post(url, {"action": "identidades"}).content.decode()
    refused = IdentityAccessLog.objects.filter(action="read", granted=False)
    assert refused.count() == 2  # the refusal is logged too
    mark = refused.order_by("-pk").first().pk
    IdentityAccessGrant.objects.create(
        user=coordination,
        source=world.disque100,
        purpose="Revisão de pessoas únicas",
        valid_until=date(2999, 12, 31),
        requested_by=world.users.coordination2,
        granted_by=world.users.focal_point,
        status="approved",
    )
    page = client.get(url).content.decode()
    assert "Mostrar identidades" in page and "Joana Fictícia da Silva" not in page  # only when asked for
    assert not IdentityAccessLog.objects.filter(action="read", pk__gt=mark).exists()
    page = client.post(url, {"action": "identidades"}).content.decode()
    assert "Joana Fictícia da Silva" in page and "52998224725" in page  # the Disque 100 side
    assert "Joana Inventada Souza" not in page and "sem autorização para esta fonte" in page  # not the MTE one
    logs = IdentityAccessLog.objects.filter(action="read", user=coordination, pk__gt=mark)
    assert sorted(logs.values_list("granted", flat=True)) == [False, True]
    assert {log.purpose for log in logs} == {f"Revisão de ligação de registros, par {pairs[1].pk}"}


def test_a_refused_reveal_is_logged(client, world, pairs):
    # Issue 12: the view used to check the grant before calling the logged read, so a refusal left no trace.
    client.force_login(world.users.analyst)
    page = client.post(reverse("linkage:pair", args=[pairs[1].pk]), {"action": "identidades"}).content.decode()
    assert "Joana" not in page and "a tentativa foi registrada" in page
    logs = IdentityAccessLog.objects.filter(action="read", user=world.users.analyst)
    assert logs.count() == 2 and not logs.filter(granted=True).exists()
    assert {log.person for log in logs} == {pairs[1].left, pairs[1].right}


def test_decisions_by_post_with_note_and_next_pair(client, world, pairs):
    first, second = pairs
    client.force_login(world.users.analyst)
    url = reverse("linkage:decide", args=[first.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"decision": "talvez"})
    assert response.url == reverse("linkage:pair", args=[first.pk])
    assert ReviewPair.objects.get(pk=first.pk).status == "pendente"
    response = client.post(url, {"decision": "mesma", "note": "  mesma mãe e CPF  "})
    assert response.url == reverse("linkage:pair", args=[second.pk])  # on to the next pending pair
    first.refresh_from_db()
    assert (first.status, first.decided_by, first.note) == ("mesma", world.users.analyst, "mesma mãe e CPF")
    assert first.history.first().history_user == world.users.analyst
    response = client.post(reverse("linkage:decide", args=[second.pk]), {"decision": "diferente"})
    assert response.url == reverse("linkage:review")  # queue empty
    assert "0 pares pendentes" in client.get(response.url).content.decode()


def test_decision_needs_csrf_token(world, pairs):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users.analyst)
    response = client.post(reverse("linkage:decide", args=[pairs[0].pk]), {"decision": "mesma"})
    assert response.status_code == 403 and ReviewPair.objects.get(pk=pairs[0].pk).status == "pendente"


def test_coordination_starts_a_run_in_the_background(client, world):
    client.force_login(world.users.analyst)
    assert client.post(reverse("linkage:runs")).status_code == 403
    assert "Executar a ligação" not in client.get(reverse("linkage:runs")).content.decode()
    client.force_login(world.users.coordination)
    response = client.post(reverse("linkage:runs"))
    run = LinkageRun.objects.get()
    assert response.url == reverse("linkage:run", args=[run.pk])
    assert run.status == "concluida" and run.user == world.users.coordination and run.records == 1
    world.victim.refresh_from_db()
    assert world.victim.person_key and world.victim.person_key.startswith("PES-")
    page = client.get(response.url).content.decode()
    assert "Concluída" in page and "coord" in page
    read = IdentityAccessLog.objects.get(action="read")
    assert read.user == world.users.coordination and read.granted
    assert read.linkage_run == run and read.count == 1 and read.person is None  # one entry per run, with the count
    assert read.purpose == f"Ligação de registros (pessoas únicas), execução {run.pk}"
    runs_page = client.get(reverse("linkage:runs")).content.decode()
    assert f'href="{reverse("linkage:run", args=[run.pk])}"' in runs_page


def test_a_second_run_is_refused_while_one_is_running(client, world):
    LinkageRun.objects.create(status=LinkageRun.Status.RUNNING)
    client.force_login(world.users.coordination)
    response = client.post(reverse("linkage:runs"), follow=True)
    assert "em andamento" in response.content.decode() and LinkageRun.objects.count() == 1


def test_export_downloads_record_to_person(client, world):
    CasePerson.objects.filter(pk=world.victim.pk).update(person_key="PES-abc")
    client.force_login(world.users.analyst)
    response = client.get(reverse("linkage:export"))
    assert response["Content-Disposition"] == 'attachment; filename="pessoas-unicas.csv"'
    lines = response.content.decode().splitlines()
    assert lines == [
        "registro,id_pessoa_unica,fonte,id_registro,id_pessoa",
        "disque-100|D100-0001|1,PES-abc,disque-100,D100-0001,1",
    ]
