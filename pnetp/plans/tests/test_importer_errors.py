"""Invalid documents are rejected with located Portuguese messages, and nothing is written."""

import pytest

from pnetp.plans.importing import ImportOptions, PlanImportError, import_plan_document
from pnetp.plans.models import Activity

# Line numbers below are those of iv-pnetp-2024-2028.txt: 7 "Eixo 1 - …", 11 table header,
# 12 "1.1 …\t1.1.1", 13 "\t1.1.2", 23–28 action 1.2, 29 "1.3 …\t1.3.1", 30 "1.4 …\t1.4.1",
# 35–72 axis 2, 73 "Eixo 3 - Prevenção", 129 "Eixo 5 - …", 133–146 the table of axis 5.


def replace(number: int, old: str, new: str):
    def mutate(lines):
        assert old in lines[number - 1]
        lines[number - 1] = lines[number - 1].replace(old, new)
        return lines

    return mutate


def insert(number: int, text: str):
    """Insert ``text`` so that it becomes line ``number``."""

    def mutate(lines):
        lines.insert(number - 1, text)
        return lines

    return mutate


def delete(first: int, last: int):
    def mutate(lines):
        del lines[first - 1 : last]
        return lines

    return mutate


def copy_line(number: int):
    def mutate(lines):
        lines.insert(number, lines[number - 1])
        return lines

    return mutate


CASES = {
    "activity_of_another_action": (
        replace(29, "\t1.3.1\t", "\t1.4.1\t"),
        [
            "iv.txt, linha 29: a atividade 1.4.1 não pertence à ação 1.3 (esperado 1.3.x)",
            "iv.txt, linha 30: atividade 1.4.1 repetida (já definida na linha 29)",
        ],
    ),
    "activities_left_under_the_previous_action": (
        replace(30, "1.4 Elaborar programa nacional de capacitação sobre enfrentamento ao tráfico de pessoas.", ""),
        [f"iv.txt, linha {30 + n}: a atividade 1.4.{n + 1} não pertence à ação 1.3 (esperado 1.3.x)" for n in range(4)],
    ),
    "activity_of_no_action": (
        insert(23, "\t1.9.1\tAtividade de uma ação que não existe."),
        ["iv.txt, linha 23: a atividade 1.9.1 não pertence à ação 1.1 (esperado 1.1.x)"],
    ),
    "action_of_another_axis": (
        replace(29, "1.3 Fomentar", "2.3 Fomentar"),
        [
            "iv.txt, linha 29: a ação 2.3 não pertence ao eixo 1 (esperado 1.x)",
            "iv.txt, linha 29: a atividade 1.3.1 não pertence à ação 2.3 (esperado 2.3.x)",
            "iv.txt, linha 30: ação 1.4 fora de sequência (esperado 1.3)",
            "iv.txt, linha 55: ação 2.3 repetida (já definida na linha 29)",
        ],
    ),
    "activity_out_of_sequence": (
        delete(13, 13),
        ["iv.txt, linha 13: atividade 1.1.3 fora de sequência (esperado 1.1.2)"],
    ),
    "action_out_of_sequence": (
        delete(23, 28),
        ["iv.txt, linha 23: ação 1.3 fora de sequência (esperado 1.2)"],
    ),
    "axis_out_of_sequence": (
        delete(35, 72),
        ["iv.txt, linha 35: eixo 3 fora de sequência (esperado eixo 2)"],
    ),
    "duplicate_activity": (
        copy_line(13),
        ["iv.txt, linha 14: atividade 1.1.2 repetida (já definida na linha 13)"],
    ),
    "duplicate_action": (
        copy_line(29),
        [
            "iv.txt, linha 30: ação 1.3 repetida (já definida na linha 29)",
            "iv.txt, linha 30: atividade 1.3.1 repetida (já definida na linha 29)",
        ],
    ),
    "activity_before_any_action": (
        insert(12, "\t1.1.1\tAtividade antes da primeira ação."),
        [
            "iv.txt, linha 12: atividade 1.1.1 antes de qualquer ação prioritária "
            "(esperado antes uma linha “N.N Título da ação”)"
        ],
    ),
    "action_before_any_axis": (
        insert(7, "1.1 Ação antes do primeiro eixo.\t1.1.1\tAtividade."),
        ["iv.txt, linha 7: ação 1.1 antes de qualquer eixo (esperado antes um título “Eixo N - Título”)"],
    ),
    "table_before_any_axis": (
        insert(6, "Ação prioritária\t#\tAtividades"),
        ["iv.txt, linha 6: tabela antes de qualquer eixo (esperado antes um título “Eixo N - Título”)"],
    ),
    "paragraph_inside_a_table": (
        insert(20, "Nota: texto solto no meio da tabela."),
        [
            "iv.txt, linha 20: linha não reconhecida “Nota: texto solto no meio da tabela.” (esperado um título "
            "“Eixo N - Título” ou uma linha da tabela com colunas separadas por tabulação)"
        ],
    ),
    "row_with_a_missing_cell": (
        lambda lines: [line.partition("\tBuscar")[0] if n == 12 else line for n, line in enumerate(lines)],
        [
            "iv.txt, linha 13: esperado 3 colunas separadas por tabulação (ação prioritária, código da atividade "
            "e texto da atividade), encontrado “ | 1.1.2”",
            "iv.txt, linha 14: atividade 1.1.3 fora de sequência (esperado 1.1.2)",
        ],
    ),
    "invalid_activity_code": (
        replace(13, "\t1.1.2\t", "\t1.1.b\t"),
        [
            "iv.txt, linha 13: código de atividade inválido “1.1.b” (esperado N.N.N)",
            "iv.txt, linha 14: atividade 1.1.3 fora de sequência (esperado 1.1.2)",
        ],
    ),
    "action_cell_without_code": (
        lambda lines: [
            "Ação sem código\t" + line.partition("\t")[2] if n == 28 else line for n, line in enumerate(lines)
        ],
        [
            "iv.txt, linha 29: esperado código e título da ação prioritária (ex.: “1.1 Título”), "
            "encontrado “Ação sem código”",
            "iv.txt, linha 30: ação 1.4 fora de sequência (esperado 1.3)",
        ],
    ),
    "axis_without_actions": (
        delete(133, 146),
        ["iv.txt, linha 129: o eixo 5 não tem ações prioritárias (esperado a tabela “Ação prioritária # Atividades”)"],
    ),
    "no_axes": (
        delete(6, 146),
        ["iv.txt: nenhum eixo encontrado (esperado uma linha “Eixo 1 - Título”)"],
    ),
    "empty_document": (
        lambda lines: [],
        ["iv.txt: documento vazio (esperado o texto do plano com seus eixos)"],
    ),
    "only_blank_lines_and_markup": (
        lambda lines: ["", " \t ", "<p></p>", "\u00a0"],
        ["iv.txt: documento vazio (esperado o texto do plano com seus eixos)"],
    ),
}


@pytest.fixture
def imported(db, document_bytes):
    """The official plan already in the database: a rejected revision must not touch it."""
    import_plan_document(document_bytes, name="iv.txt")


def import_lines(write_file, lines):
    return import_plan_document(write_file("iv.txt", lines))


@pytest.mark.parametrize("case", CASES)
def test_invalid_document_is_rejected_and_nothing_changes(imported, document_lines, write_file, db_counts, case):
    mutate, expected = CASES[case]
    before = db_counts()
    with pytest.raises(PlanImportError) as error:
        import_lines(write_file, mutate(list(document_lines)))
    assert error.value.messages == expected
    assert str(error.value) == "\n".join(expected)
    assert db_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["activity_of_another_action", "axis_out_of_sequence", "empty_document"])
def test_invalid_document_creates_no_plan(document_lines, write_file, db_counts, case):
    mutate, expected = CASES[case]
    with pytest.raises(PlanImportError) as error:
        import_lines(write_file, mutate(list(document_lines)))
    assert error.value.messages == expected
    assert set(db_counts().values()) == {0}


def test_cascading_mistakes_are_all_reported(imported, document_lines, write_file, db_counts):
    before = db_counts()
    lines = replace(35, "Eixo 2 - ", "Eixo 2 ")(list(document_lines))
    with pytest.raises(PlanImportError) as error:
        import_lines(write_file, lines)
    assert error.value.messages[0] == (
        "iv.txt, linha 35: título de eixo malformado “Eixo 2 Coordenação e parcerias” (esperado “Eixo N - Título”)"
    )
    assert error.value.messages[1].startswith("iv.txt, linha 37: linha não reconhecida “Abrange ações")
    assert error.value.messages[2:] == [
        f"iv.txt, linha {line}: a ação 2.{n} não pertence ao eixo 1 (esperado 1.x)"
        for n, line in enumerate([40, 47, 55, 58, 60, 64, 69], start=1)
    ] + ["iv.txt, linha 73: eixo 3 fora de sequência (esperado eixo 2)"]
    assert db_counts() == before


def test_long_error_lists_are_capped(imported, document_lines, write_file):
    lines = [line.replace("\t1.", "\t9.") for line in document_lines[:34]]
    with pytest.raises(PlanImportError) as error:
        import_lines(write_file, lines)
    assert len(error.value.messages) == 21
    assert error.value.messages[-1] == "… e mais 2 erros."


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("imagem.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        ("lixo.txt", b"Eixo 1 - T\x81\x8d\x8f\x90\x9d\n"),
        ("controle.txt", b"Eixo 1 - T\x01\x02\x03\n"),
        ("utf16.txt", "Eixo 1 - Estruturação".encode("utf-16")),
    ],
)
def test_binary_or_undecodable_file(imported, write_file, db_counts, name, data):
    before = db_counts()
    with pytest.raises(PlanImportError) as error:
        import_plan_document(write_file(name, data))
    assert error.value.messages == [
        f"{name}: o arquivo não é um texto legível (esperado texto em UTF-8 ou Windows-1252)"
    ]
    assert db_counts() == before


def test_missing_file(imported, tmp_path, db_counts):
    before = db_counts()
    path = tmp_path / "nao-existe.txt"
    with pytest.raises(PlanImportError) as error:
        import_plan_document(path)
    assert error.value.messages == [f"{path}: arquivo não encontrado"]
    assert db_counts() == before


def test_directory(imported, tmp_path, db_counts):
    before = db_counts()
    with pytest.raises(PlanImportError) as error:
        import_plan_document(tmp_path)
    assert error.value.messages == [f"{tmp_path}: é um diretório (esperado um arquivo)"]
    assert db_counts() == before


def test_failure_while_writing_rolls_everything_back(imported, document_lines, write_file, db_counts, monkeypatch):
    """Validation passed, the database failed half-way: the earlier updates must not remain."""
    before = db_counts()
    revised = [line.replace("Realizar", "Conduzir") for line in document_lines]
    saves = []
    original_save = Activity.save

    def failing_save(self, *args, **kwargs):
        saves.append(self.code)
        if len(saves) == 5:
            raise RuntimeError("disco cheio")
        original_save(self, *args, **kwargs)

    monkeypatch.setattr(Activity, "save", failing_save)
    with pytest.raises(RuntimeError):
        import_lines(write_file, revised)
    assert len(saves) == 5
    assert db_counts() == before
    assert not Activity.objects.filter(description__startswith="Conduzir").exists()


def test_option_errors_write_nothing(imported, document_bytes, db_counts):
    before = db_counts()
    with pytest.raises(PlanImportError) as error:
        import_plan_document(document_bytes, name="iv.txt", options=ImportOptions(start_year=2023))
    assert error.value.messages == [
        "iv.txt: o documento indica o período de 2024 a 2028, diferente do informado nas opções"
    ]
    assert db_counts() == before


def test_axis_title_longer_than_the_column(imported, document_lines, write_file, db_counts):
    """PostgreSQL would refuse it half-way through; it must be caught before writing, on every database."""
    before = db_counts()
    lines = replace(73, "Prevenção", "Prevenção " + "x" * 300)(list(document_lines))
    with pytest.raises(PlanImportError) as error:
        import_lines(write_file, lines)
    assert error.value.messages == ["iv.txt, linha 73: título do eixo 3 com 310 caracteres (máximo 300)"]
    assert db_counts() == before
