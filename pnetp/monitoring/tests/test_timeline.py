"""Timelines built from the history records."""

from pnetp.monitoring.models import Indicator
from pnetp.monitoring.services import workflow
from pnetp.monitoring.services.assignment import assign_responsibility, save_indicator
from pnetp.monitoring.services.timeline import activity_timeline, report_timeline


def _changes(entry):
    return {change.label: (change.old, change.new) for change in entry.changes}


def test_report_timeline_tells_the_whole_story(world):
    u = world.users
    indicator = Indicator.objects.create(activity=world.act["1.1.1"], name="Pessoas capacitadas")
    report = workflow.start_report(u.mjsp, world.act["1.1.1"], world.cycle, world.inst["MJSP"])
    workflow.update_report(u.mjsp, report, status=world.status["em-andamento"], percent_complete=40)
    workflow.set_indicator_value(u.mjsp, report, indicator, 120)
    workflow.submit_report(u.mjsp, report)
    workflow.return_report(u.coord, report, "Detalhe as turmas.")
    workflow.add_comment(u.mjsp, report, "Ok, vamos detalhar.")
    workflow.update_report(u.mjsp2, report, percent_complete=60)
    workflow.set_indicator_value(u.mjsp2, report, indicator, "240.5")
    workflow.submit_report(u.mjsp2, report)
    workflow.approve_report(u.coord, report)

    timeline = report_timeline(report)
    steps = [(e.action, e.who) for e in timeline]
    assert steps == [
        ("Criação", "Mjsp"),
        ("Alteração", "Mjsp"),
        ("Criação", "Mjsp"),  # the indicator value
        ("Envio", "Mjsp"),
        ("Devolução", "Coord"),
        ("Comentário", "Mjsp"),
        ("Alteração", "Mjsp2"),
        ("Alteração", "Mjsp2"),
        ("Reenvio", "Mjsp2"),
        ("Aprovação", "Coord"),
    ]
    created, edited, value, sent, returned, comment, edited2, value2, resent, approved = timeline
    assert created.subject == "Relatório 2025.1 · MJSP"
    assert _changes(created) == {"etapa": ("—", "Rascunho")}
    assert _changes(edited) == {
        "situação da atividade": ("—", "Em andamento"),
        "percentual concluído": ("—", "40"),
    }
    assert value.subject == "Indicador “Pessoas capacitadas”" and _changes(value) == {"valor apurado": ("—", "120")}
    assert _changes(sent) == {"etapa": ("Rascunho", "Enviado")}
    assert _changes(returned) == {
        "etapa": ("Enviado", "Devolvido para ajustes"),
        "motivo da devolução": ("—", "Detalhe as turmas."),
    }
    assert comment.text == "Ok, vamos detalhar." and comment.changes == ()
    assert _changes(edited2) == {"percentual concluído": ("40", "60")}
    assert _changes(value2) == {"valor apurado": ("120", "240,5")}
    assert _changes(resent) == {"etapa": ("Devolvido para ajustes", "Enviado")}
    assert _changes(approved) == {"etapa": ("Enviado", "Aprovado")}
    assert str(approved.changes[0]) == "etapa: Enviado → Aprovado"
    assert [e.when for e in timeline] == sorted(e.when for e in timeline)


def test_activity_timeline_includes_responsibility_indicators_and_reports(world):
    u, activity = world.users, world.act["1.2.1"]
    assign_responsibility(u.coord, activity, leads=[world.inst["MTE"]], partners=[world.inst["MJSP"]], weight=2)
    indicator = save_indicator(u.coord, activity, name="Guias", baseline_value=0, baseline_year=2023)
    save_indicator(u.coord, activity, indicator, target_value=10)
    report = workflow.start_report(u.mte, activity, world.cycle, world.inst["MTE"])
    evidence = workflow.add_evidence(u.mte, report, title="Guia", url="https://exemplo.gov.br/guia.pdf")
    workflow.remove_evidence(u.mte, evidence)

    timeline = activity_timeline(activity)
    by_subject = [(e.subject, e.action) for e in timeline]
    assert by_subject[0] == ("Responsabilidade", "Criação")  # built by the fixture, with no user
    assert timeline[0].who == "Sistema"

    # The removal and addition of .set() and the weight change read as one edit.
    [edit] = [e for e in timeline if e.subject == "Responsabilidade" and e.who == "Coord"]
    assert _changes(edit) == {
        "peso": ("1", "2"),
        "instituições responsáveis": ("MJSP", "MTE"),
        "instituições parceiras": ("—", "MJSP"),
    }

    assert ("Indicador “Guias”", "Criação") in by_subject
    target = next(e for e in timeline if e.subject == "Indicador “Guias”" and e.action == "Alteração")
    assert _changes(target) == {"meta": ("—", "10")}
    assert by_subject[-3:] == [
        ("Relatório 2025.1 · MTE", "Criação"),
        ("Evidência “Guia”", "Criação"),
        ("Evidência “Guia”", "Exclusão"),
    ]
