"""The report workflow and who may do what."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from pnetp.monitoring.models import Evidence, Indicator, ProgressReport
from pnetp.monitoring.services import workflow
from pnetp.monitoring.services.assignment import assign_responsibility, save_indicator
from pnetp.monitoring.services.cycles import close_cycle, open_cycle, reopen_cycle

from .conftest import make_plan

State = ProgressReport.State


@pytest.fixture
def draft(world):
    return workflow.start_report(world.users.mjsp, world.act["1.1.1"], world.cycle, world.inst["MJSP"])


@pytest.fixture
def submitted(world, draft):
    workflow.update_report(world.users.mjsp, draft, status=world.status["em-andamento"], percent_complete=40)
    return workflow.submit_report(world.users.mjsp, draft)


def test_full_workflow_happy_path(world, draft):
    u = world.users
    indicator = Indicator.objects.create(activity=world.act["1.1.1"], name="Pessoas capacitadas", unit="pessoas")
    assert draft.state == State.DRAFT and draft.created_by == u.mjsp

    workflow.update_report(
        u.mjsp, draft, status=world.status["em-andamento"], percent_complete=40, narrative="Curso iniciado."
    )
    workflow.set_indicator_value(u.mjsp, draft, indicator, 120, note="Turma 1")
    workflow.add_evidence(u.mjsp, draft, title="Lista de presença", url="https://exemplo.gov.br/lista.pdf")
    workflow.submit_report(u.mjsp2, draft)  # any focal point of the institution
    assert draft.state == State.SUBMITTED and draft.submitted_by == u.mjsp2 and draft.submitted_at

    workflow.add_comment(u.coord, draft, "Faltou o número de turmas.")
    workflow.return_report(u.coord, draft, "  Informe o número de turmas.  ")
    assert draft.state == State.RETURNED
    assert draft.return_reason == "Informe o número de turmas."
    assert draft.returned_by == u.coord

    workflow.add_comment(u.mjsp, draft, "Corrigido.")
    workflow.update_report(u.mjsp, draft, percent_complete=60, narrative="Curso com duas turmas.")
    workflow.set_indicator_value(u.mjsp, draft, indicator, 240, note="Turmas 1 e 2")
    workflow.submit_report(u.mjsp, draft)
    workflow.approve_report(u.coord2, draft)

    draft.refresh_from_db()
    assert draft.state == State.APPROVED
    assert draft.approved_by == u.coord2 and draft.approved_at is not None
    assert draft.percent_complete == 60
    assert draft.return_reason == "Informe o número de turmas."  # still visible after approval
    assert draft.indicator_values.get().value == 240
    assert draft.evidence.count() == 1 and draft.comments.count() == 2


def test_start_report_returns_existing_draft(world, draft):
    again = workflow.start_report(world.users.mjsp2, world.act["1.1.1"], world.cycle, world.inst["MJSP"])
    assert again.pk == draft.pk
    assert ProgressReport.objects.count() == 1


def test_partner_may_report_for_itself_only_where_it_takes_part(world):
    u, inst = world.users, world.inst
    report = workflow.start_report(u.mdhc, world.act["1.1.1"], world.cycle, inst["MDHC"])
    assert report.institution == inst["MDHC"]
    with pytest.raises(PermissionDenied, match="não é responsável nem parceira"):
        workflow.start_report(u.mdhc, world.act["1.1.2"], world.cycle, inst["MDHC"])


@pytest.mark.parametrize("who", ["mte", "mdhc", "committee", "analyst", "coord", "anonymous", "inactive"])
def test_only_the_institutions_focal_points_write_its_report(world, draft, who):
    if who == "anonymous":
        user = AnonymousUser()
    elif who == "inactive":
        user = world.users.mjsp2
        user.is_active = False
        user.save()
    else:
        user = getattr(world.users, who)
    with pytest.raises(PermissionDenied, match="pontos focais da instituição"):
        workflow.start_report(user, world.act["1.1.2"], world.cycle, world.inst["MJSP"])
    with pytest.raises(PermissionDenied):
        workflow.update_report(user, draft, percent_complete=10)
    with pytest.raises(PermissionDenied):
        workflow.set_indicator_value(user, draft, Indicator.objects.create(activity=draft.activity, name="X"), 1)
    with pytest.raises(PermissionDenied):
        workflow.add_evidence(user, draft, title="Foto", url="https://exemplo.org/foto.jpg")
    workflow.update_report(world.users.mjsp, draft, status=world.status["em-andamento"])
    with pytest.raises(PermissionDenied):
        workflow.submit_report(user, draft)
    draft.refresh_from_db()
    assert draft.state == State.DRAFT and draft.percent_complete is None


@pytest.mark.parametrize("who", ["mjsp", "mdhc", "mte", "committee", "analyst", "anonymous"])
def test_only_the_coordination_reviews(world, submitted, who):
    user = AnonymousUser() if who == "anonymous" else getattr(world.users, who)
    with pytest.raises(PermissionDenied, match="Somente a coordenação nacional pode devolver"):
        workflow.return_report(user, submitted, "Motivo")
    with pytest.raises(PermissionDenied, match="Somente a coordenação nacional pode aprovar"):
        workflow.approve_report(user, submitted)
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_returning_without_a_reason_is_refused(world, submitted, reason):
    with pytest.raises(ValidationError, match="Informe o motivo da devolução"):
        workflow.return_report(world.users.coord, submitted, reason)
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED and submitted.return_reason == ""


def test_review_needs_a_submitted_report(world, draft):
    with pytest.raises(ValidationError, match="Somente relatórios enviados"):
        workflow.approve_report(world.users.coord, draft)
    with pytest.raises(ValidationError, match="Somente relatórios enviados"):
        workflow.return_report(world.users.coord, draft, "Motivo")


def test_submitted_report_waits_for_review(world, submitted):
    with pytest.raises(ValidationError, match="aguarda a análise"):
        workflow.update_report(world.users.mjsp, submitted, percent_complete=90)
    with pytest.raises(ValidationError, match="aguarda a análise"):
        workflow.submit_report(world.users.mjsp, submitted)


def test_submit_requires_a_status(world, draft):
    with pytest.raises(ValidationError, match="Informe a situação"):
        workflow.submit_report(world.users.mjsp, draft)


@pytest.mark.parametrize("percent", [-1, 101])
def test_percent_must_be_between_0_and_100(world, draft, percent):
    with pytest.raises(ValidationError):
        workflow.update_report(world.users.mjsp, draft, percent_complete=percent)


def test_inactive_status_is_refused(world, draft):
    option = world.status["atrasada"]
    option.active = False
    option.save()
    with pytest.raises(ValidationError, match="situação ativa"):
        workflow.update_report(world.users.mjsp, draft, status=option)


def test_approved_report_is_read_only(world, submitted):
    u = world.users
    workflow.approve_report(u.coord, submitted)
    indicator = Indicator.objects.create(activity=submitted.activity, name="X")
    attempts = [
        lambda: workflow.update_report(u.mjsp, submitted, percent_complete=100),
        lambda: workflow.submit_report(u.mjsp, submitted),
        lambda: workflow.set_indicator_value(u.mjsp, submitted, indicator, 1),
        lambda: workflow.add_evidence(u.mjsp, submitted, title="Foto", url="https://exemplo.org/f.jpg"),
        lambda: workflow.add_comment(u.coord, submitted, "Mais uma coisa"),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="aprovados não podem ser alterados"):
            attempt()
    with pytest.raises(ValidationError, match="Somente relatórios enviados"):
        workflow.return_report(u.coord, submitted, "Reabrir")
    with pytest.raises(ValidationError, match="Somente relatórios enviados"):
        workflow.approve_report(u.coord, submitted)


def test_closed_cycle_refuses_edits_but_not_review(world, draft):
    u = world.users
    workflow.update_report(u.mjsp, draft, status=world.status["em-andamento"])
    other = workflow.start_report(u.mjsp, world.act["1.1.2"], world.cycle, world.inst["MJSP"])
    workflow.update_report(u.mjsp, other, status=world.status["concluida"])
    workflow.submit_report(u.mjsp, other)
    close_cycle(u.coord, world.cycle)

    with pytest.raises(ValidationError, match="está encerrado"):
        workflow.update_report(u.mjsp, draft, percent_complete=10)
    with pytest.raises(ValidationError, match="está encerrado"):
        workflow.submit_report(u.mjsp, draft)
    with pytest.raises(ValidationError, match="está encerrado"):
        workflow.start_report(u.mjsp, world.act["1.2.1"], world.cycle, world.inst["MJSP"])
    workflow.approve_report(u.coord, other)  # the coordination may finish reviewing a closed cycle

    reopen_cycle(u.coord, world.cycle)
    workflow.update_report(u.mjsp, draft, percent_complete=10)


def test_cycles_are_managed_by_the_coordination(world):
    u = world.users
    dates = dict(period_start=date(2025, 7, 1), period_end=date(2025, 12, 31), reporting_deadline=date(2026, 1, 15))
    for user in (u.mjsp, u.committee, u.analyst, AnonymousUser()):
        with pytest.raises(PermissionDenied, match="abrir ciclos"):
            open_cycle(user, world.plan, name="2025.2", **dates)
        with pytest.raises(PermissionDenied, match="encerrar ciclos"):
            close_cycle(user, world.cycle)
    cycle = open_cycle(u.coord, world.plan, name="2025.2", **dates)
    assert cycle.is_open and cycle.opened_by == u.coord
    with pytest.raises(ValidationError):
        open_cycle(u.coord, world.plan, name="2025.2", **dates)  # name unique in the plan
    with pytest.raises(ValidationError, match="fim do período"):
        open_cycle(u.coord, world.plan, name="X", **{**dates, "period_end": date(2025, 6, 1)})
    close_cycle(u.coord, cycle)
    with pytest.raises(ValidationError, match="já está encerrado"):
        close_cycle(u.coord, cycle)


def test_report_cycle_must_belong_to_the_activity_plan(world):
    other_plan, *_ = make_plan("outro")
    cycle = open_cycle(
        world.users.coord, other_plan, name="2025.1",
        period_start=date(2025, 1, 1), period_end=date(2025, 6, 30), reporting_deadline=date(2025, 7, 15),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="outro plano"):
        workflow.start_report(world.users.mjsp, world.act["1.1.1"], cycle, world.inst["MJSP"])


def test_evidence_is_a_file_or_a_url_never_both(world, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    u = world.users
    upload = SimpleUploadedFile("ata.pdf", b"%PDF-1.4", content_type="application/pdf")
    evidence = workflow.add_evidence(u.mjsp, draft, title="Ata", file=upload, is_public=True)
    assert evidence.file.name.endswith(".pdf") and evidence.url == "" and evidence.is_public
    with pytest.raises(ValidationError, match="apenas um deles"):
        workflow.add_evidence(u.mjsp, draft, title="Nada")
    both = SimpleUploadedFile("b.pdf", b"x")
    with pytest.raises(ValidationError, match="apenas um deles"):
        workflow.add_evidence(u.mjsp, draft, title="Dois", file=both, url="https://exemplo.org")
    workflow.remove_evidence(u.mjsp, evidence)
    assert not draft.evidence.exists()
    with pytest.raises(IntegrityError):
        Evidence.objects.create(report=draft, title="Sem nada")


def test_indicator_value_must_belong_to_the_report_activity(world, draft):
    foreign = Indicator.objects.create(activity=world.act["1.1.2"], name="Outro")
    with pytest.raises(ValidationError, match="não pertence à atividade"):
        workflow.set_indicator_value(world.users.mjsp, draft, foreign, 5)


def test_comments_by_coordination_or_the_institutions_focal_points(world, draft):
    u = world.users
    workflow.add_comment(u.coord, draft, "Pode detalhar?")
    workflow.add_comment(u.mjsp2, draft, "Sim.")
    for user in (u.mdhc, u.mte, u.committee, u.analyst, AnonymousUser()):
        with pytest.raises(PermissionDenied, match="comentar"):
            workflow.add_comment(user, draft, "Intromissão")
    with pytest.raises(ValidationError, match="Escreva o comentário"):
        workflow.add_comment(u.mjsp, draft, "  ")
    assert [c.text for c in draft.comments.all()] == ["Pode detalhar?", "Sim."]


def test_responsibilities_and_indicators_are_set_by_the_coordination(world):
    u, inst, activity = world.users, world.inst, world.act["1.2.1"]
    with pytest.raises(PermissionDenied):
        assign_responsibility(u.mjsp, activity, leads=[inst["MJSP"]])
    with pytest.raises(ValidationError, match="responsável e parceira"):
        assign_responsibility(u.coord, activity, leads=[inst["MJSP"]], partners=[inst["MJSP"]])
    with pytest.raises(ValidationError, match="ao menos uma"):
        assign_responsibility(u.coord, activity, leads=[])
    responsibility = assign_responsibility(
        u.coord, activity, leads=[inst["MTE"]], partners=[inst["MJSP"]], weight=2, deliverable="Guia publicado"
    )
    assert list(responsibility.lead_institutions.all()) == [inst["MTE"]]
    assert responsibility.weight == 2 and responsibility.deliverable == "Guia publicado"
    # MTE now leads 1.2.1, so its focal point may report on it.
    workflow.start_report(u.mte, activity, world.cycle, inst["MTE"])

    with pytest.raises(PermissionDenied):
        save_indicator(u.analyst, activity, name="Guias")
    with pytest.raises(ValidationError, match="ano da linha de base"):
        save_indicator(u.coord, activity, name="Guias", baseline_value=3)
    indicator = save_indicator(u.coord, activity, name="Guias", unit="guias", baseline_value=0, baseline_year=2023)
    save_indicator(u.coord, activity, indicator, target_value=10, direction=Indicator.Direction.INCREASE)
    indicator.refresh_from_db()
    assert indicator.target_value == 10 and indicator.history.count() == 2


def test_writing_a_report_for_the_first_time_is_one_history_entry(client, world):
    """The report form creates and fills the draft in one save (it used to be a create, then an update)."""
    client.force_login(world.users.mjsp)
    url = reverse("monitoring_web:report_form", kwargs={"plan": "teste", "code": "1.1.2", "cycle_id": world.cycle.pk})
    data = {"status": world.status["em-andamento"].pk, "percent_complete": "40", "narrative": "Primeiro relato"}
    assert client.post(url, data).status_code == 302
    report = ProgressReport.objects.get()
    assert report.history.count() == 1 and report.narrative == "Primeiro relato"
    client.post(url, {**data, "narrative": "Segundo relato"})
    assert report.history.count() == 2
