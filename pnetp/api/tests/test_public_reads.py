"""What each reader gets in real payloads: no draft plan, no non-approved report, no private evidence."""

import pytest

from pnetp.plans.exporter import load_plan, plan_as_dict

from .conftest import PRIVATE_EVIDENCE, PUBLIC_EVIDENCE, RETURN_REASON

PUBLIC_READERS = ["anonymous", "committee_member", "analyst", "other_focal_point"]


def _reports(client, **params):
    response = client.get("/api/v1/reports/", params)
    assert response.status_code == 200
    return response.json()["results"]


@pytest.mark.parametrize("role", PUBLIC_READERS)
def test_public_readers_get_approved_reports_of_published_plans_only(api_world, client_as, role):
    client = client_as(role)
    reports = _reports(client)
    assert [r["id"] for r in reports] == [api_world.reports.approved.pk]
    for params in ({"state": "draft"}, {"state": "submitted"}, {"plan": "rascunho"}, {"activity": "1.1.2"}):
        assert _reports(client, **params) == []


@pytest.mark.parametrize("role", PUBLIC_READERS)
def test_public_readers_never_see_private_evidence_nor_the_return_reason(api_world, client_as, role):
    client = client_as(role)
    for response in (client.get("/api/v1/reports/"), client.get(f"/api/v1/reports/{api_world.reports.approved.pk}/")):
        body = response.content.decode()
        assert PUBLIC_EVIDENCE in body
        assert PRIVATE_EVIDENCE not in body and "exemplo.gov.br/interno" not in body
        assert RETURN_REASON not in body
    report = client.get(f"/api/v1/reports/{api_world.reports.approved.pk}/").json()
    assert [e["title"] for e in report["evidence"]] == [PUBLIC_EVIDENCE]
    assert report["state"] == "approved" and report["return_reason"] == ""
    assert report["institution"] == "MJSP" and report["activity"] == "1.2.1" and report["plan"] == "teste"


def test_focal_points_see_every_report_of_their_institution_with_private_evidence(api_world, client_as):
    client = client_as("focal_point")
    states = {r["activity"]: r["state"] for r in _reports(client, plan="teste")}
    assert states == {"1.1.1": "submitted", "1.1.2": "draft", "1.2.1": "approved"}
    approved = client.get(f"/api/v1/reports/{api_world.reports.approved.pk}/").json()
    assert {e["title"] for e in approved["evidence"]} == {PUBLIC_EVIDENCE, PRIVATE_EVIDENCE}
    assert approved["return_reason"] == RETURN_REASON


def test_coordination_sees_every_report_including_draft_plans(api_world, client_as):
    ids = {r["id"] for r in _reports(client_as("coordination"))}
    assert ids == {report.pk for report in vars(api_world.reports).values()}


def test_report_filters(api_world, client_as):
    client = client_as("coordination")
    approved = api_world.reports.approved.pk
    assert [r["id"] for r in _reports(client, plan="teste", cycle="2025.1", activity="1.2.1", institution="mjsp")] == [
        approved
    ]
    assert [r["id"] for r in _reports(client, cycle=str(api_world.cycle.pk), state="approved")] == [approved]
    assert _reports(client, institution="MTE") == []


@pytest.mark.parametrize("role", ["anonymous", "committee_member", "analyst", "focal_point"])
def test_draft_plans_are_hidden_from_everyone_but_the_coordination(api_world, client_as, role):
    client = client_as(role)
    assert [p["slug"] for p in client.get("/api/v1/plans/").json()] == ["teste"]
    for url in ("/api/v1/plans/rascunho/", "/api/v1/plans/rascunho/activities/", "/api/v1/plans/rascunho/progress/"):
        assert client.get(url).json() == {"detail": "Não encontrado."}


def test_coordination_lists_draft_plans(api_world, client_as):
    plans = {p["slug"]: p["status"] for p in client_as("coordination").get("/api/v1/plans/").json()}
    assert plans == {"teste": "published", "rascunho": "draft"}


def test_plan_detail_has_the_shape_of_the_json_export(api_world, client_as):
    body = client_as("anonymous").get("/api/v1/plans/teste/").json()
    assert body == plan_as_dict(load_plan("teste"))
    assert [a["code"] for a in body["axes"][0]["actions"][0]["activities"]] == ["1.1.1", "1.1.2"]


def test_plan_list_counts(api_world, client_as):
    (plan,) = client_as("anonymous").get("/api/v1/plans/").json()
    assert (plan["axis_count"], plan["action_count"], plan["activity_count"]) == (2, 3, 5)


def test_statuses_list_the_vocabulary(api_world, client_as):
    statuses = client_as("anonymous").get("/api/v1/statuses/").json()
    assert [s["slug"] for s in statuses][:2] == ["nao-iniciada", "em-andamento"]
    cancelled = next(s for s in statuses if s["slug"] == "cancelada")
    assert cancelled["label"] == "Cancelada" and cancelled["counts_toward_progress"] is False


def test_progress_rolls_up_approved_reports_only(api_world, client_as):
    body = client_as("anonymous").get("/api/v1/plans/teste/progress/").json()
    axis1 = body["axes"][0]
    actions = {a["code"]: a for a in axis1["actions"]}
    # Only the approved 1.2.1 (40%) counts; the submitted 1.1.1 and the draft 1.1.2 count as 0%.
    assert actions["1.2"]["progress"] == "40.00"
    assert actions["1.1"]["progress"] == "0.00"
    assert [a["code"] for a in actions["1.1"]["activities"]] == ["1.1.1", "1.1.2"]
    assert body["progress"] == "8.00" and body["cycle"] is None
    assert client_as("anonymous").get("/api/v1/plans/teste/progress/", {"cycle": "2025.2"}).json()["cycle"] == "2025.2"
    response = client_as("anonymous").get("/api/v1/plans/teste/progress/", {"cycle": "1999.1"})
    assert response.status_code == 400
    assert response.json() == {"cycle": ["Ciclo de monitoramento não encontrado neste plano."]}


def test_activity_detail(api_world, client_as):
    body = client_as("anonymous").get("/api/v1/plans/teste/activities/1.1.1/").json()
    assert body["action"] == {"code": "1.1", "title": "Ação 1.1"}
    assert body["axis"] == {"code": "1", "title": "Eixo 1"}
    responsibility = body["responsibility"]
    assert responsibility["lead_institutions"] == ["MJSP"] and responsibility["partner_institutions"] == ["MDHC"]
    assert responsibility["end_date"] == "2026-06-30"
    assert body["indicators"] == []
    assert body["progress"] == {"progress": "0.00", "excluded": False, "done": False, "reported": False}
    indicators = client_as("anonymous").get("/api/v1/plans/teste/activities/1.1.2/").json()["indicators"]
    assert [(i["name"], i["unit"]) for i in indicators] == [("Pessoas capacitadas", "pessoas")]
    reported = client_as("anonymous").get("/api/v1/plans/teste/activities/1.2.1/").json()["progress"]
    assert reported == {"progress": "40.00", "excluded": False, "done": False, "reported": True}
    assert client_as("anonymous").get("/api/v1/plans/teste/activities/9.9.9/").status_code == 404
