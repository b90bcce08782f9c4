"""The official document imported into the database, checked against its known structure."""

import pytest

from pnetp.plans.importing import import_plan_document
from pnetp.plans.models import Activity, Axis, Plan, PriorityAction, code_sort_key

from .conftest import DOCUMENT_PATH

# Oracle: activities per priority action, counted by hand in iv-pnetp-2024-2028.txt
# (22 + 31 + 20 + 23 + 12 = 108 activities, 4 + 7 + 6 + 6 + 3 = 26 actions).
ACTIVITIES_PER_ACTION = {
    "1.1": 11, "1.2": 6, "1.3": 1, "1.4": 4,
    "2.1": 6, "2.2": 8, "2.3": 3, "2.4": 2, "2.5": 4, "2.6": 5, "2.7": 3,
    "3.1": 3, "3.2": 3, "3.3": 3, "3.4": 5, "3.5": 2, "3.6": 4,
    "4.1": 4, "4.2": 6, "4.3": 2, "4.4": 2, "4.5": 4, "4.6": 5,
    "5.1": 4, "5.2": 3, "5.3": 5,
}  # fmt: skip
AXIS_TITLES = {
    "1": "Estruturação da política",
    "2": "Coordenação e parcerias",
    "3": "Prevenção",
    "4": "Proteção e assistência às vítimas",
    "5": "Repressão e responsabilização",
}


@pytest.fixture
def plan(db) -> Plan:
    import_plan_document(DOCUMENT_PATH)
    return Plan.objects.get()


def expected_activity_codes() -> list[str]:
    return [f"{action}.{n}" for action, count in ACTIVITIES_PER_ACTION.items() for n in range(1, count + 1)]


def test_oracle_adds_up():
    assert len(ACTIVITIES_PER_ACTION) == 26
    assert sum(ACTIVITIES_PER_ACTION.values()) == 108


def test_counts_per_level(plan):
    assert (plan.axes.count(), plan.actions.count(), plan.activities.count()) == (5, 26, 108)


def test_activities_per_action_match_the_official_table(plan):
    counts = {action.code: action.activities.count() for action in plan.actions.all()}
    assert counts == ACTIVITIES_PER_ACTION


def test_exact_codes_and_axis_titles(plan):
    assert {axis.code: axis.title for axis in plan.axes.all()} == AXIS_TITLES
    assert sorted(plan.actions.values_list("code", flat=True), key=code_sort_key) == list(ACTIVITIES_PER_ACTION)
    assert sorted(plan.activities.values_list("code", flat=True), key=code_sort_key) == expected_activity_codes()
    for action in plan.actions.select_related("axis"):
        assert action.axis.code == action.code.split(".")[0]


def test_position_orders_items_as_the_document(plan):
    assert list(Activity.objects.filter(plan=plan).values_list("code", flat=True)) == expected_activity_codes()
    assert list(PriorityAction.objects.filter(plan=plan).values_list("code", flat=True)) == list(ACTIVITIES_PER_ACTION)
    assert list(Axis.objects.filter(plan=plan).values_list("code", flat=True)) == list(AXIS_TITLES)


def test_plan_defaults_come_from_the_document(plan):
    assert plan.slug == "iv-pnetp"
    assert plan.title == "IV Plano Nacional de Enfrentamento ao Tráfico de Pessoas"
    assert plan.short_title == "IV PNETP"
    assert (plan.start_year, plan.end_year) == (2024, 2028)
    assert (plan.kind, plan.territory, plan.status, plan.parent) == ("national", "BR", "draft", None)
    assert plan.description == (
        "O IV Plano Nacional de Enfrentamento ao Tráfico de Pessoas estabelece os objetivos, os eixos "
        "estratégicos, as ações prioritárias e as atividades que nortearão o enfrentamento ao tráfico de "
        "pessoas para o período de 2024 a 2028."
    )
    assert plan.source_name == "iv-pnetp-2024-2028.txt"
    assert len(plan.source_sha256) == 64


def test_axis_description(plan):
    assert plan.axes.get(code="3").description == (
        "Abrange ações e atividades fundamentais para a prevenção do tráfico de pessoas, com iniciativas como "
        "pesquisas, campanhas de sensibilização, formação e capacitações, e outras atividades destinadas a "
        "aprimorar a identificação de potenciais vítimas, fomentar a conscientização no contexto da luta contra "
        "o tráfico de pessoas e dar visibilidade a esse crime."
    )


def test_markup_is_removed_without_space_before_punctuation(plan):
    text = plan.activities.get(code="1.2.1").description
    assert "transexuais, queers, intersexos" in text
    assert "<" not in text and " ," not in text
    for model, field in ((Axis, "title"), (Axis, "description"), (PriorityAction, "title"), (Activity, "description")):
        values = model.objects.values_list(field, flat=True)
        assert not [v for v in values if "<" in v or ">" in v or "  " in v or " ," in v or v != v.strip()]


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (
            "1.1.1",
            "Fortalecer o Comitê Nacional de Enfrentamento ao Tráfico de Pessoas - CONATRAP, garantindo a "
            "periodicidade das reuniões, a paridade de representação das organizações da sociedade civil e o "
            "monitoramento do IV Plano Nacional de Enfrentamento ao Tráfico de Pessoas.",
        ),
        (
            "1.1.11",
            "Apoiar o fortalecimento da estrutura da Defensoria Pública, inclusive com a criação de núcleos "
            "especializados, com vistas ao aprimoramento da assistência jurídica integral e gratuita a pessoas "
            "hipossuficientes vítimas de tráfico de pessoas e à ampliação do acesso dessas pessoas à justiça.",
        ),
        (
            "2.2.8",
            "Promover encontros regionais com os principais órgãos, entidades e atores institucionais que atuam "
            "em área de fronteira.",
        ),
        (
            "5.3.1",
            "Organizar capacitações sobre repressão ao tráfico de pessoas, com foco em temas sensíveis, como: "
            "identificação, depoimento da vítima, escuta qualificada, prática informada sobre trauma, investigação "
            "e construção de casos robustos, tratamento de casos de pessoas desaparecidas, investigações sem a "
            "participação da vítima, método do julgamento simulado, reparação de danos, conexão entre exploração "
            "sexual e exploração laboral, convergências entre o tráfico de pessoas para fins de exploração laboral "
            "e o crime de redução à condição análoga à de escravo.",
        ),
        (
            "5.3.5",
            "Fomentar a celebração de acordos de cooperação técnica para o compartilhamento de dados e "
            "informações sobre os casos de tráfico de pessoas entre os atores da repressão.",
        ),
    ],
)
def test_exact_activity_texts(plan, code, text):
    assert plan.activities.get(code=code).description == text


def test_action_titles_including_the_one_written_with_a_trailing_dot(plan):
    assert plan.actions.get(code="1.3").title == (
        "Fomentar o estabelecimento de fontes de financiamento para a atenção às vítimas de tráfico de pessoas."
    )
    assert plan.actions.get(code="5.3").title.startswith("Fortalecer a capacidade dos atores envolvidos")
    assert plan.actions.get(code="5.2").title == (
        "Apoiar a promoção da celeridade das investigações e dos processos judiciais e administrativos que "
        "envolvam o tráfico de pessoas."
    )


def test_search_text_is_folded(plan):
    assert plan.activities.get(code="1.3.1").search_text.startswith("1.3.1 realizar estudo sobre fontes")


def test_bundled_copy_is_the_shared_document(document_bytes):
    from pathlib import Path

    shared = Path("/work/shared/plan/iv-pnetp-2024-2028.txt")
    if not shared.exists():
        pytest.skip("documento compartilhado ausente neste ambiente")
    assert shared.read_bytes() == document_bytes
