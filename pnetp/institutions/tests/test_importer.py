import io

import pytest

from pnetp.institutions.importer import import_institutions_csv
from pnetp.institutions.models import Institution

pytestmark = pytest.mark.django_db

HEADER = "sigla,nome,natureza,uf,orgao_superior\n"
SAMPLE = HEADER + (
    "PF,Polícia Federal,federal,,MJSP\n"  # the parent comes later in the file
    "MJSP,Ministério da Justiça e Segurança Pública,Governo Federal,,\n"
    "SEJUS-DF,Secretaria de Justiça do Distrito Federal,estadual,df,\n"
    "OIM,Organização Internacional para as Migrações,ORGANIZACAO INTERNACIONAL,,\n"
)


def write(tmp_path, text: str, name: str = "inst.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def errors_of(tmp_path, text: str) -> list[str]:
    result = import_institutions_csv(write(tmp_path, text))
    assert not Institution.objects.exclude(acronym="MJSP-EXISTENTE").exists(), "nothing may be written on error"
    return result.errors


def test_happy_path(tmp_path):
    result = import_institutions_csv(write(tmp_path, SAMPLE))
    assert result.ok, result.errors
    assert (sorted(result.created), result.updated, result.unchanged) == (["MJSP", "OIM", "PF", "SEJUS-DF"], [], [])
    pf = Institution.objects.get(acronym="PF")
    assert pf.parent.acronym == "MJSP" and pf.kind == "federal"
    sejus = Institution.objects.get(acronym="SEJUS-DF")
    assert (sejus.kind, sejus.uf) == ("state", "DF")
    assert Institution.objects.get(acronym="OIM").kind == "international"
    assert result.summary() == "Instituições: 4 criadas, 0 atualizadas, 0 sem alteração."
    # Each row is saved once, parents first, with the file named as the reason.
    assert pf.history.count() == 1
    assert pf.history.get().history_change_reason == "Importação CSV: inst.csv"


def test_same_file_twice_changes_nothing(tmp_path):
    path = write(tmp_path, SAMPLE)
    import_institutions_csv(path)
    history = Institution.history.count()
    result = import_institutions_csv(path)
    assert (result.created, result.updated, len(result.unchanged)) == ([], [], 4)
    assert Institution.history.count() == history


def test_updates_by_sigla_ignoring_case(tmp_path):
    import_institutions_csv(write(tmp_path, SAMPLE))
    changed = SAMPLE.replace("Polícia Federal,federal,,MJSP", "Polícia Federal do Brasil,federal,,").replace(
        "PF,", "pf,"
    )
    result = import_institutions_csv(write(tmp_path, changed, "v2.csv"))
    assert result.updated == ["pf"] and len(result.unchanged) == 3
    pf = Institution.objects.get(acronym="pf")
    assert (pf.name, pf.parent) == ("Polícia Federal do Brasil", None)
    assert Institution.objects.count() == 4


def test_parent_may_be_a_registered_institution(tmp_path):
    Institution.objects.create(acronym="MTE", name="Ministério do Trabalho e Emprego", kind="federal")
    result = import_institutions_csv(write(tmp_path, HEADER + "SIT,Secretaria de Inspeção do Trabalho,federal,,mte\n"))
    assert result.ok and Institution.objects.get(acronym="SIT").parent.acronym == "MTE"


def test_dry_run_counts_without_writing(tmp_path):
    result = import_institutions_csv(write(tmp_path, SAMPLE), dry_run=True)
    assert result.ok and len(result.created) == 4
    assert result.summary().startswith("Simulação, nada foi gravado.")
    assert not Institution.objects.exists()


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("utf-8-sig", SAMPLE),
        ("cp1252", SAMPLE),
        ("utf-8", SAMPLE.replace(",", ";")),
        ("cp1252", SAMPLE.replace(",", ";").replace("\n", "\r\n")),
    ],
    ids=["utf8-bom", "cp1252", "semicolon", "cp1252-semicolon-crlf"],
)
def test_encodings_and_separators(tmp_path, encoding, text):
    result = import_institutions_csv(write(tmp_path, text, encoding=encoding))
    assert result.ok, result.errors
    assert Institution.objects.get(acronym="MJSP").name == "Ministério da Justiça e Segurança Pública"
    assert Institution.objects.get(acronym="OIM").name == "Organização Internacional para as Migrações"


def test_quoted_commas_and_uploaded_file_objects():
    data = (
        HEADER + 'MDS,"Ministério do Desenvolvimento e Assistência Social, Família e Combate à Fome",federal,,\n'
    ).encode()
    upload = io.BytesIO(data)
    upload.name = "enviado.csv"
    result = import_institutions_csv(upload)
    assert result.ok and result.filename == "enviado.csv"
    assert Institution.objects.get(acronym="MDS").name.endswith("Família e Combate à Fome")


def test_missing_required_columns(tmp_path):
    assert errors_of(tmp_path, "sigla;uf\nMJSP;DF\n") == [
        "inst.csv, linha 1, campo nome: coluna obrigatória ausente no cabeçalho.",
        "inst.csv, linha 1, campo natureza: coluna obrigatória ausente no cabeçalho.",
    ]


def test_optional_columns_may_be_left_out(tmp_path):
    result = import_institutions_csv(write(tmp_path, "Sigla;Nome;Natureza\nMJSP;Ministério da Justiça;federal\n"))
    assert result.ok and Institution.objects.get().uf == ""


def test_empty_file(tmp_path):
    assert errors_of(tmp_path, "") == ["inst.csv, linha 1: arquivo vazio ou sem linha de cabeçalho."]


def test_unknown_natureza(tmp_path):
    assert errors_of(tmp_path, HEADER + "X,Instituição X,autarquia,,\n") == [
        'inst.csv, linha 2, campo natureza: natureza "autarquia" desconhecida; use federal, state, municipal, '
        "justice, civil_society, international ou private, ou o nome em português "
        '(por exemplo, "Governo estadual ou distrital").'
    ]


def test_uf_missing_for_state_and_municipal(tmp_path):
    text = HEADER + "SEJUS,Secretaria de Justiça,state,,\nSMDH,Secretaria Municipal,Governo municipal,,\n"
    assert errors_of(tmp_path, text) == [
        'inst.csv, linha 2, campo uf: UF obrigatória para instituições de natureza "Governo estadual ou distrital".',
        'inst.csv, linha 3, campo uf: UF obrigatória para instituições de natureza "Governo municipal".',
    ]


def test_invalid_uf(tmp_path):
    assert errors_of(tmp_path, HEADER + "SEJUS,Secretaria de Justiça,state,XX,\n") == [
        'inst.csv, linha 2, campo uf: UF "XX" inválida.'
    ]


def test_unknown_parent(tmp_path):
    assert errors_of(tmp_path, HEADER + "PF,Polícia Federal,federal,,MJ\n") == [
        'inst.csv, linha 2, campo orgao_superior: sigla "MJ" não encontrada no arquivo nem entre as instituições cadastradas.'
    ]


def test_duplicate_sigla_in_file(tmp_path):
    text = HEADER + "PF,Polícia Federal,federal,,\nMTE,Ministério do Trabalho,federal,,\npf,Outra,federal,,\n"
    assert errors_of(tmp_path, text) == ['inst.csv, linha 4, campo sigla: sigla "pf" repetida (já usada na linha 2).']


def test_cycle_in_parents(tmp_path):
    text = (
        HEADER
        + "A,Órgão A,federal,,C\nB,Órgão B,federal,,A\nC,Órgão C,federal,,B\nD,Órgão D,federal,,D\nE,Órgão E,federal,,A\n"
    )
    assert errors_of(tmp_path, text) == [
        "inst.csv, linha 2, campo orgao_superior: ciclo de órgãos superiores: A → C → B → A.",
        "inst.csv, linha 5, campo orgao_superior: ciclo de órgãos superiores: D → D.",
    ]


def test_cycle_through_registered_institutions(tmp_path):
    parent = Institution.objects.create(acronym="MJSP-EXISTENTE", name="Ministério", kind="federal")
    Institution.objects.filter(pk=parent.pk).update(parent=None)
    import_institutions_csv(write(tmp_path, HEADER + "SNJ,Secretaria,federal,,MJSP-EXISTENTE\n", "a.csv"))
    # Now make the registered ministry hang below its own secretariat.
    errors = import_institutions_csv(
        write(tmp_path, HEADER + "MJSP-EXISTENTE,Ministério,federal,,SNJ\n", "b.csv")
    ).errors
    assert errors == [
        "b.csv, linha 2, campo orgao_superior: ciclo de órgãos superiores: MJSP-EXISTENTE → SNJ → MJSP-EXISTENTE."
    ]
    assert Institution.objects.get(acronym="MJSP-EXISTENTE").parent is None


def test_required_values_and_lengths(tmp_path):
    text = HEADER + f",,,,\n{'S' * 41},{'n' * 301},federal,,\n ,Sem sigla,,,\n"
    assert errors_of(tmp_path, text) == [
        "inst.csv, linha 3, campo sigla: a sigla tem 41 caracteres; o máximo é 40.",
        "inst.csv, linha 3, campo nome: o nome tem 301 caracteres; o máximo é 300.",
        "inst.csv, linha 4, campo sigla: campo obrigatório não preenchido.",
        "inst.csv, linha 4, campo natureza: campo obrigatório não preenchido.",
    ]


def test_extra_columns_signal_a_separator_problem(tmp_path):
    assert errors_of(tmp_path, HEADER + "MDS,Ministério do Desenvolvimento, Família,federal,,MJSP\n") == [
        "inst.csv, linha 2: a linha tem 6 colunas e o cabeçalho tem 5; verifique o separador e as aspas."
    ]


def test_every_error_is_reported_and_nothing_written(tmp_path):
    text = HEADER + "OK,Instituição válida,federal,,\nX,Instituição X,autarquia,,\nY,Instituição Y,state,ZZ,W\n"
    errors = errors_of(tmp_path, text)
    assert [e.split(":")[0] for e in errors] == [
        "inst.csv, linha 3, campo natureza",
        "inst.csv, linha 4, campo uf",
        "inst.csv, linha 4, campo orgao_superior",
    ]


@pytest.mark.parametrize("data", [b"\xef\xbb\xbfsigla,nome\n\xff\n", b"sigla,nome,natureza\n\x81\x8d,x,federal\n"])
def test_unreadable_encoding(tmp_path, data):
    path = tmp_path / "inst.csv"
    path.write_bytes(data)
    assert import_institutions_csv(path).errors == [
        "inst.csv: codificação não reconhecida; salve o arquivo como CSV em UTF-8 ou Windows-1252."
    ]


def test_file_over_the_size_cap_is_refused_unread(tmp_path, settings):
    settings.PNETP_INPUT_LIMITS = {"office": {**settings.PNETP_INPUT_LIMITS["office"], "file_bytes": 100}}
    result = import_institutions_csv(write(tmp_path, SAMPLE))
    assert len(result.errors) == 1 and result.errors[0].startswith("inst.csv: o arquivo tem")
    assert not Institution.objects.exists()


def test_rows_past_the_cap_are_refused(tmp_path, settings):
    settings.PNETP_INPUT_LIMITS = {"office": {**settings.PNETP_INPUT_LIMITS["office"], "rows": 3}}
    result = import_institutions_csv(write(tmp_path, SAMPLE))
    assert result.errors == ["inst.csv: o arquivo tem mais de 3 linhas, o limite; divida-o em arquivos menores."]
    assert not Institution.objects.exists()
