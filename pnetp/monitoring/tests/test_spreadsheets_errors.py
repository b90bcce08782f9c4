"""All or nothing: a file with one bad row is refused whole, with that row's precise message."""

import pytest

from pnetp.monitoring.models import ProgressReport, Responsibility
from pnetp.monitoring.services import workflow
from pnetp.monitoring.spreadsheets import MonitoringImportError

from .test_spreadsheets_support import NAME, counts, edit_xlsx, exported, run_import, snapshot

RESP = f"{NAME}, aba Responsabilidades"
REPORTS = f"{NAME}, aba Relatórios"

# sheet, line, column, bad value, corrected value, importing user, expected message
BAD_ROWS = {
    "unknown institution": (
        "Responsabilidades", 3, "instituicoes_responsaveis", "MJSP; XYZ", "MJSP; MTE", "coord",
        f"{RESP}, linha 3, coluna instituicoes_responsaveis: instituição 'XYZ' não cadastrada",
    ),
    "invalid date": (
        "Responsabilidades", 3, "data_inicio", "31/02/2025", "28/02/2025", "coord",
        f"{RESP}, linha 3, coluna data_inicio: data inválida '31/02/2025' (esperado dd/mm/aaaa)",
    ),
    "end before start": (
        "Responsabilidades", 3, "data_fim", "01/01/2024", "01/01/2027", "coord",
        f"{RESP}, linha 3, coluna data_fim: o prazo final (01/01/2024) é anterior ao início (01/03/2025)",
    ),
    "percent over 100": (
        "Relatórios", 3, "percentual", 140, 40, "mjsp",
        f"{REPORTS}, linha 3, coluna percentual: percentual 140 fora do intervalo de 0 a 100",
    ),
    "unknown status": (
        "Relatórios", 3, "situacao", "Quase pronta", "Concluída", "mjsp",
        f"{REPORTS}, linha 3, coluna situacao: situação 'Quase pronta' desconhecida (use Não iniciada, Em andamento, "
        "Atrasada, Concluída, Contínua, Cancelada)",
    ),
    "unknown activity code": (
        "Relatórios", 3, "codigo_atividade", "9.9.9", "1.1.1", "mjsp",
        f"{REPORTS}, linha 3, coluna codigo_atividade: atividade '9.9.9' não encontrada no plano teste",
    ),
    "duplicate row": (
        "Responsabilidades", 4, "codigo_atividade", "1.1.1", "1.2.1", "coord",
        f"{RESP}, linha 4, coluna codigo_atividade: atividade 1.1.1 repetida (já informada na linha 2)",
    ),
}  # fmt: skip


# Valid edits on other rows of the same sheet, which must not be written either.
VALID_EDITS = {
    "Responsabilidades": {(2, "entrega_esperada"): "Relatório publicado", (3, "data_inicio"): "01/03/2025"},
    "Relatórios": {(4, "narrativa"): "Oficina realizada."},
}


def _file(world, sheet, line, column, value) -> bytes:
    return edit_xlsx(exported(world), sheet, {**VALID_EDITS[sheet], (line, column): value})


@pytest.mark.parametrize("case", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_one_bad_row_refuses_the_whole_file(world, case):
    sheet, line, column, bad, good, username, message = case
    user = getattr(world.users, username)
    before = snapshot()

    with pytest.raises(MonitoringImportError) as refused:
        run_import(world, _file(world, sheet, line, column, bad), user)

    assert refused.value.messages == [message]
    assert snapshot() == before

    corrected = _file(world, sheet, line, column, good)
    result = run_import(world, corrected, user)
    assert result.changed and snapshot() != before
    after = snapshot()
    assert not run_import(world, corrected, user).changed
    assert snapshot() == after


def test_every_problem_of_the_file_is_listed(world):
    data = edit_xlsx(
        exported(world),
        "Responsabilidades",
        {(2, "peso"): "-1", (3, "instituicoes_parceiras"): "MJSP", (5, "instituicoes_responsaveis"): ""},
    )
    data = edit_xlsx(data, "Indicadores", append=[["1.1.1", "", "", "12,5", None, "x", "sempre", ""]])
    with pytest.raises(MonitoringImportError) as refused:
        run_import(world, data, world.users.coord)
    ind = f"{NAME}, aba Indicadores, linha 2"
    assert refused.value.messages == [
        f"{RESP}, linha 2, coluna peso: número '-1' menor que 0",
        f"{RESP}, linha 3, coluna instituicoes_parceiras: "
        "instituição 'MJSP' informada como responsável e como parceira",
        f"{RESP}, linha 5, coluna instituicoes_responsaveis: informe ao menos uma instituição responsável",
        f"{ind}, coluna indicador: informe o nome do indicador",
        f"{ind}, coluna meta: número inválido 'x' (esperado, por exemplo, 12,5)",
        f"{ind}, coluna sentido: valor 'sempre' desconhecido (use aumentar, diminuir ou manter)",
    ]


def test_focal_point_cannot_import_another_institutions_report(world):
    u = world.users
    # Line 2 is MDHC's own report on 1.1.1 (MDHC is a partner); line 3 is MJSP's.
    data = edit_xlsx(
        exported(world), "Relatórios", {(2, "narrativa"): "Nosso relato.", (3, "narrativa"): "Relato alheio."}
    )
    before = snapshot()

    with pytest.raises(MonitoringImportError) as refused:
        run_import(world, data, u.mdhc)

    assert refused.value.messages == [
        f"{REPORTS}, linha 3, coluna instituicao: "
        "Somente os pontos focais da instituição podem preencher ou enviar o relatório dela."
    ]
    assert snapshot() == before
    only_own = edit_xlsx(exported(world), "Relatórios", {(2, "narrativa"): "Nosso relato."})
    assert counts(run_import(world, only_own, u.mdhc))["reports"] == (1, 0, 5)


def test_focal_point_cannot_change_responsibilities(world):
    data = edit_xlsx(exported(world), "Responsabilidades", {(2, "peso"): 5})
    with pytest.raises(MonitoringImportError) as refused:
        run_import(world, data, world.users.mjsp)
    assert refused.value.messages == [
        f"{RESP}, linha 2: Somente a coordenação nacional pode definir responsabilidades."
    ]


def test_coordination_cannot_write_reports(world):
    data = edit_xlsx(exported(world), "Relatórios", {(3, "percentual"): 10})
    with pytest.raises(MonitoringImportError, match="linha 3, coluna instituicao: Somente os pontos focais"):
        run_import(world, data, world.users.coord)


@pytest.mark.parametrize(
    "final_state, message",
    [
        ("approved", "Relatórios aprovados não podem ser alterados."),
        ("submitted", "O relatório foi enviado e aguarda a análise da coordenação."),
    ],
)
def test_submitted_and_approved_reports_are_refused(world, final_state, message):
    u = world.users
    report = workflow.start_report(u.mjsp, world.act["1.1.1"], world.cycle, world.inst["MJSP"])
    workflow.update_report(u.mjsp, report, status=world.status["concluida"], percent_complete=100)
    workflow.submit_report(u.mjsp, report)
    if final_state == "approved":
        workflow.approve_report(u.coord, report)
    unchanged = exported(world)
    data = edit_xlsx(unchanged, "Relatórios", {(3, "percentual"): 90})

    with pytest.raises(MonitoringImportError) as refused:
        run_import(world, data, u.mjsp)

    assert refused.value.messages == [f"{REPORTS}, linha 3, coluna instituicao: {message}"]
    assert ProgressReport.objects.get().percent_complete == 100
    assert not run_import(world, unchanged, u.mjsp).changed  # untouched rows are fine


def test_closed_cycle_refuses_report_changes(world):
    world.cycle.state = world.cycle.State.CLOSED
    world.cycle.save()
    data = edit_xlsx(exported(world), "Relatórios", {(3, "percentual"): 10})
    with pytest.raises(MonitoringImportError, match="O ciclo 2025.1 está encerrado"):
        run_import(world, data, world.users.mjsp)


def test_reports_need_a_cycle(world):
    with pytest.raises(MonitoringImportError) as refused:
        run_import(world, exported(world), world.users.coord, cycle=None)
    assert refused.value.messages == [f"{REPORTS}: informe o ciclo de monitoramento (--cycle) para importar relatórios"]


def test_header_and_file_problems(world):
    data = edit_xlsx(exported(world), "Indicadores", {(1, "unidade"): "unid"})
    with pytest.raises(MonitoringImportError) as refused:
        run_import(world, data, world.users.coord)
    assert refused.value.messages[0].startswith(f"{NAME}, aba Indicadores, linha 1: cabeçalho sem as colunas unidade")
    with pytest.raises(MonitoringImportError, match="não é uma planilha XLSX válida"):
        run_import(world, b"PK\x03\x04garbage", world.users.coord)
    assert Responsibility.objects.count() == 5
