"""The report workflow through the pages, end to end with the test client."""

from decimal import Decimal

from django.urls import reverse

from pnetp.monitoring.models import Evidence, Indicator, ProgressReport

from .test_web_fixtures import media, pdf  # noqa: F401  (fixture)

State = ProgressReport.State


def page(client, name, *args, **kwargs):
    return client.get(reverse(f"monitoring_web:{name}", args=args), **kwargs)


def post(client, name, *args, data=None, **kwargs):
    return client.post(reverse(f"monitoring_web:{name}", args=args), data or {}, **kwargs)


def text(response) -> str:
    return response.content.decode()


def test_report_from_draft_to_approval(client, world, media):
    u = world.users
    indicator = Indicator.objects.create(activity=world.act["1.1.1"], name="Pessoas capacitadas", unit="pessoas")
    form_args = ("teste", "1.1.1", world.cycle.pk)

    # The focal point sees only the institution's activities, each with a button to write its report.
    client.force_login(u.mjsp)
    listing = text(page(client, "my_activities"))
    assert all(code in listing for code in ["1.1.1", "1.1.2", "1.2.1"]) and "2.1.1" not in listing
    assert "Escrever relatório" in listing
    assert reverse("monitoring_web:report_form", args=form_args) in listing

    # Write: report fields and the indicator value, in Brazilian notation.
    data = {
        "status": world.status["em-andamento"].pk,
        "percent_complete": "40",
        "narrative": "Curso iniciado.",
        f"value_{indicator.pk}": "1.234,5",
        f"note_{indicator.pk}": "Turma 1",
    }
    response = post(client, "report_form", *form_args, data=data, follow=True)
    report = ProgressReport.objects.get(activity=world.act["1.1.1"], institution=world.inst["MJSP"])
    assert response.redirect_chain[-1][0] == reverse("monitoring_web:report", args=[report.pk])
    assert "Relatório salvo" in text(response)
    assert report.state == State.DRAFT and report.percent_complete == 40 and report.created_by == u.mjsp
    assert report.indicator_values.get().value == Decimal("1234.5")

    # Evidence: a small file, public, stored through Django's storage.
    upload = pdf("lista-de-presenca.pdf")
    data_in = {"title": "Lista de presença", "file": upload, "is_public": "on"}
    response = post(client, "evidence_add", report.pk, data=data_in)
    evidence = Evidence.objects.get(report=report)
    assert response.status_code == 302 and evidence.is_public
    assert (media / evidence.file.name).read_bytes().startswith(b"%PDF")
    download = page(client, "evidence_file", evidence.pk)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert "attachment" in download["Content-Disposition"]

    # Submit, then the page offers no more editing.
    response = post(client, "report_submit", report.pk, follow=True)
    assert "Relatório enviado para análise" in text(response)
    report.refresh_from_db()
    assert report.state == State.SUBMITTED and report.submitted_by == u.mjsp
    assert "Enviar para análise" not in text(response)
    assert page(client, "report_form", *form_args).status_code == 302

    # Not approved yet: the public file stays closed to the public.
    client.logout()
    assert page(client, "evidence_file", evidence.pk).status_code == 302

    # The coordination finds it in the queue and returns it; a reason is required.
    client.force_login(u.coord)
    assert reverse("monitoring_web:report", args=[report.pk]) in text(page(client, "review_queue"))
    response = post(client, "report_return", report.pk, data={"reason": "  "})
    assert response.status_code == 200 and "Este campo é obrigatório" in text(response)
    response = post(client, "report_return", report.pk, data={"reason": "Informe o número de turmas."}, follow=True)
    assert "Relatório devolvido" in text(response)
    report.refresh_from_db()
    assert report.state == State.RETURNED and report.returned_by == u.coord

    # The focal point sees the reason in a warning, on the report page and on the form.
    client.force_login(u.mjsp)
    for response in (page(client, "report", report.pk), page(client, "report_form", *form_args)):
        body = text(response)
        assert "br-message warning" in body and "Informe o número de turmas." in body
    assert "Continuar" in text(page(client, "my_activities"))
    data.update(percent_complete="60", narrative="Duas turmas concluídas.")
    post(client, "report_form", *form_args, data=data)
    post(client, "report_comment", report.pk, data={"text": "Número de turmas incluído."})
    post(client, "report_submit", report.pk)
    report.refresh_from_db()
    assert report.state == State.SUBMITTED and report.percent_complete == 60

    # Approval asks for confirmation first (GET), then approves (POST).
    client.force_login(u.coord)
    assert "Confirmar aprovação" in text(page(client, "report_approve", report.pk))
    response = post(client, "report_approve", report.pk, follow=True)
    report.refresh_from_db()
    assert report.state == State.APPROVED and report.approved_by == u.coord
    body = text(response)
    assert "Relatório aprovado" in body and "Aprovado por Coord em" in body
    assert report.pk not in [r.pk for r in page(client, "review_queue").context["reports"]]

    # The history shows every step, with old → new values.
    steps = [entry.action for entry in response.context["timeline"]]
    for step in ["Criação", "Envio", "Devolução", "Reenvio", "Aprovação", "Comentário"]:
        assert step in steps
    assert steps.index("Envio") < steps.index("Devolução") < steps.index("Reenvio") < steps.index("Aprovação")
    assert "Percentual concluído" in body and "40" in body and "60" in body
    assert "Informe o número de turmas." in body

    # Once approved, the public evidence is open to anyone.
    client.logout()
    assert page(client, "evidence_file", evidence.pk).status_code == 200


def test_submit_without_status_shows_the_service_message(client, world):
    client.force_login(world.users.mjsp)
    post(client, "report_form", "teste", "1.1.2", world.cycle.pk, data={"narrative": "Rascunho."})
    report = ProgressReport.objects.get()
    response = post(client, "report_submit", report.pk, follow=True)
    assert "Informe a situação da atividade antes de enviar o relatório." in text(response)
    report.refresh_from_db()
    assert report.state == State.DRAFT


def test_invalid_report_form_saves_nothing(client, world):
    client.force_login(world.users.mjsp)
    response = post(client, "report_form", "teste", "1.1.2", world.cycle.pk, data={"percent_complete": "120"})
    assert response.status_code == 200 and "br-message danger" in text(response)
    assert not ProgressReport.objects.exists()


def test_closed_cycle_sends_the_focal_point_back(client, world):
    world.cycle.state = world.cycle.State.CLOSED
    world.cycle.save()
    client.force_login(world.users.mjsp)
    response = page(client, "report_form", "teste", "1.1.1", world.cycle.pk, follow=True)
    assert "está encerrado" in text(response)
    assert response.redirect_chain[-1][0] == reverse("monitoring_web:my_activities")


def test_partner_sees_shared_activity_and_empty_comment_is_refused(client, world):
    client.force_login(world.users.mdhc)
    listing = text(page(client, "my_activities"))
    assert "1.1.1" in listing and "Parceira" in listing and "1.1.2" not in listing

    post(client, "report_form", "teste", "1.1.1", world.cycle.pk, data={"narrative": "Apoio."})
    report = ProgressReport.objects.get(institution=world.inst["MDHC"])
    response = post(client, "report_comment", report.pk, data={"text": ""})
    assert response.status_code == 200 and "Este campo é obrigatório" in text(response)
    assert not report.comments.exists()
