"""Plan-level options: kind, territory, parent, years and slug."""

import pytest

from pnetp.plans.importing import ImportOptions, PlanImportError, import_plan_document
from pnetp.plans.models import Plan


def run(data: bytes, **options):
    return import_plan_document(data, name="iv.txt", options=ImportOptions(**options))


def rejected(data: bytes, **options) -> list[str]:
    with pytest.raises(PlanImportError) as error:
        run(data, **options)
    return error.value.messages


@pytest.mark.django_db
def test_state_plan_aligned_with_the_national_plan(document_bytes):
    run(document_bytes)
    run(
        document_bytes,
        slug="petp-sp",
        title="Plano Estadual de São Paulo",
        kind="state",
        territory="sp",
        parent="iv-pnetp",
    )
    plan = Plan.objects.get(slug="petp-sp")
    assert (plan.kind, plan.territory, plan.parent.slug, plan.short_title) == ("state", "SP", "iv-pnetp", "")
    assert plan.activities.count() == 108
    assert Plan.objects.get(slug="iv-pnetp").activities.count() == 108  # codes are unique per plan only


@pytest.mark.django_db
def test_municipal_plan(document_bytes):
    run(document_bytes, slug="pmetp-sao-paulo", title="Plano Municipal", kind="municipal", territory="3550308")
    assert Plan.objects.get().territory == "3550308"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"kind": "state"}, "informe --slug para planos estaduais e municipais"),
        ({"kind": "state", "slug": "pe"}, "informe --title para planos estaduais e municipais"),
        ({"kind": "state", "slug": "pe", "title": "Plano"}, "informe --territory (UF ou código IBGE do município)"),
        (
            {"kind": "state", "slug": "pe", "title": "Plano", "territory": "XX"},
            "território “XX” inválido para um plano estadual (esperado a sigla de uma UF, como SP)",
        ),
        (
            {"kind": "municipal", "slug": "pm", "title": "Plano", "territory": "355030"},
            "território “355030” inválido para um plano municipal (esperado o código IBGE do município, com 7 dígitos)",
        ),
        ({"territory": "SP"}, "território “SP” inválido para um plano nacional (esperado BR)"),
        ({"parent": "nao-existe"}, "plano de referência “nao-existe” não encontrado"),
        ({"parent": "iv-pnetp"}, "um plano não pode se alinhar a si mesmo (--parent iv-pnetp)"),
        (
            {"slug": "com espaço"},
            "identificador “com espaço” inválido (esperado letras, números, hífens ou sublinhados)",
        ),
        ({"title": "x" * 301}, "título do plano com 301 caracteres (máximo 300)"),
        ({"end_year": 2030}, "iv.txt: o documento indica o período de 2024 a 2028, diferente do informado nas opções"),
    ],
)
def test_invalid_options(document_bytes, db_counts, options, message):
    assert rejected(document_bytes, **options) == [message]
    assert set(db_counts().values()) == {0}


@pytest.mark.django_db
def test_years_from_options_when_the_document_has_none(document_lines, db_counts):
    lines = [line.replace("para o período de 2024 a 2028", "para os próximos anos") for line in document_lines]
    data = "\n".join(lines).encode()
    assert rejected(data) == ["iv.txt: o documento não indica o período; informe --start-year e --end-year"]
    assert rejected(data, start_year=2028, end_year=2024) == ["o ano final (2024) é anterior ao ano inicial (2028)"]
    assert set(db_counts().values()) == {0}
    run(data, start_year=2025, end_year=2029)
    assert Plan.objects.values_list("start_year", "end_year").get() == (2025, 2029)


@pytest.mark.django_db
def test_options_matching_the_document_period_are_accepted(document_bytes):
    run(document_bytes, start_year=2024, end_year=2028)
    assert Plan.objects.values_list("start_year", "end_year").get() == (2024, 2028)
