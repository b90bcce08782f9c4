"""``pnetp import-alignment FILE --plan SLUG``: all or nothing, per-line errors, idempotent."""

import io

import pytest
from django.core.management import CommandError, call_command

from pnetp.plans.models import ActivityAlignment

from .test_alignment import build_world

HEADER = "atividade_local,atividade_nacional,observacao"


@pytest.fixture
def world(db):
    return build_world()


def run(path, *args) -> str:
    out = io.StringIO()
    call_command("import_alignment", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def pairs(plan):
    rows = ActivityAlignment.objects.filter(local_activity__plan=plan)
    return sorted(rows.values_list("local_activity__code", "national_activity__code", "note"))


def test_import_then_reimport_changes_nothing(world, write_file):
    lines = [HEADER, "1.1.1,1.1.1,", "1.1.2,3.1.1,Campanha estadual", '1.1.2,3.1.2,"Capacitação, em parceria"']
    path = write_file("rj.csv", lines)
    assert run(path, "--plan", "pe-rj") == "Alinhamentos do plano pe-rj: 2 criados, 0 atualizados, 1 inalterados"
    expected = [
        ("1.1.1", "1.1.1", ""),
        ("1.1.2", "3.1.1", "Campanha estadual"),
        ("1.1.2", "3.1.2", "Capacitação, em parceria"),
    ]
    assert pairs(world.rj) == expected
    history = ActivityAlignment.history.count()
    assert run(path, "--plan", "pe-rj") == "Alinhamentos do plano pe-rj: 0 criados, 0 atualizados, 3 inalterados"
    assert pairs(world.rj) == expected and ActivityAlignment.history.count() == history


def test_changed_note_updates_and_missing_links_are_kept(world, write_file):
    path = write_file("rj.csv", [HEADER, "1.1.1,1.1.1,Nova observação"])
    assert run(path, "--plan", "pe-rj").endswith("0 criados, 1 atualizados, 0 inalterados")
    assert pairs(world.rj) == [("1.1.1", "1.1.1", "Nova observação")]


def test_semicolons_windows_1252_and_municipal_plan(world, write_file):
    content = "Atividade_Local;Atividade_Nacional;Observação\r\n1.1.2;4.1.1.;Ação municipal\r\n".encode("cp1252")
    path = write_file("municipio.csv", content)
    assert run(path, "--plan", "pm-sao-paulo").endswith("1 criados, 0 atualizados, 0 inalterados")
    assert ("1.1.2", "4.1.1", "Ação municipal") in pairs(world.city)


def test_one_bad_line_refuses_the_whole_file_listing_each_error(world, write_file):
    path = write_file(
        "ruim.csv",
        [
            HEADER,
            "1.1.2,3.1.1,válida",
            "9.9.9,1.1.1,",
            "1.1.1,9.9.9,",
            "1.1,abc,",
            "1.1.2,3.1.1,repetida",
        ],
    )
    before = (ActivityAlignment.objects.count(), ActivityAlignment.history.count())
    with pytest.raises(CommandError) as error:
        run(path, "--plan", "pe-rj")
    assert str(error.value).splitlines() == [
        "ruim.csv, linha 3, coluna atividade_local: atividade 9.9.9 não existe no plano “pe-rj”",
        "ruim.csv, linha 4, coluna atividade_nacional: atividade 9.9.9 não existe no plano “iv-pnetp”",
        "ruim.csv, linha 5, coluna atividade_local: código inválido “1.1” (esperado N.N.N)",
        "ruim.csv, linha 5, coluna atividade_nacional: código inválido “abc” (esperado N.N.N)",
        "ruim.csv, linha 6: par repetido (já informado na linha 2)",
    ]
    assert (ActivityAlignment.objects.count(), ActivityAlignment.history.count()) == before


@pytest.mark.parametrize(
    "slug, message",
    [
        ("iv-pnetp", "o plano “iv-pnetp” não é um plano estadual ou municipal com um plano nacional de referência"),
        ("nenhum", "plano “nenhum” não encontrado"),
    ],
)
def test_wrong_plan_is_refused(world, write_file, slug, message):
    path = write_file("a.csv", [HEADER, "1.1.1,1.1.1,"])
    with pytest.raises(CommandError, match=message):
        run(path, "--plan", slug)


def test_header_without_the_required_columns(world, write_file):
    path = write_file("a.csv", ["local,nacional", "1.1.1,1.1.1"])
    with pytest.raises(CommandError, match="cabeçalho sem as colunas atividade_local, atividade_nacional"):
        run(path, "--plan", "pe-rj")


def test_dry_run_writes_nothing(world, write_file):
    path = write_file("rj.csv", [HEADER, "1.1.2,3.1.1,"])
    output = run(path, "--plan", "pe-rj", "--dry-run")
    assert output == "Simulação, nada foi gravado. Alinhamentos do plano pe-rj: 1 criados, 0 atualizados, 0 inalterados"
    assert pairs(world.rj) == [("1.1.1", "1.1.1", "")]
