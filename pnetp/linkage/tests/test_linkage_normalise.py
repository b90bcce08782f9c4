"""Brazilian name normalisation, BuscaBR and HMAC tokens (no database)."""

import pytest

from pnetp.linkage.normalise import buscabr, normalise_name, phonetic_name
from pnetp.linkage.tokens import make_token_file, token, tokens_for


@pytest.mark.parametrize(
    "a, b",
    [
        ("Thaís", "Tais"),
        ("Luiz", "Luis"),
        ("Walter", "Valter"),
        ("Kátia", "Catia"),
        ("Souza", "Sousa"),
        ("Guimarães", "Guimaraes"),
        ("Gonçalves", "Goncalves"),
        ("Matheus", "Mateus"),
        ("Rezende", "Resende"),
        ("Jaqueline", "Jacqueline"),
        ("Cavalcanti", "Cavalcante"),
    ],
)
def test_phonetic_pairs_agree(a, b):
    assert buscabr(a) == buscabr(b) != ""


@pytest.mark.parametrize("a, b", [("Pedro", "Paulo"), ("Silva", "Santos"), ("Maria", "Mariana")])
def test_phonetic_keeps_different_names_apart(a, b):
    assert buscabr(a) != buscabr(b)


def test_normalise_drops_particles_accents_and_case():
    assert normalise_name("Maria Eduarda dos Santos da SILVA") == "maria eduarda santos silva"
    assert normalise_name("JOSÉ DE SOUZA E SILVA") == normalise_name("Jose Souza Silva")
    assert phonetic_name("Thaís de Souza") == phonetic_name("TAIS SOUSA")
    assert normalise_name("  ") is None


def test_hmac_tokens_deterministic_per_key_and_different_across_keys(tmp_path):
    k1, k2 = b"chave-ficticia-1-abcdef", b"chave-ficticia-2-abcdef"
    assert token(k1, "cpf", "12345678909") == token(k1, "cpf", "12345678909")
    assert token(k1, "cpf", "12345678909") != token(k2, "cpf", "12345678909")
    assert token(k1, "nome", "ana") != token(k1, "mae", "ana")  # feature name is part of the message
    assert token(k1, "cpf", None) is None
    a = tokens_for(k1, "Thaís de Souza", "", "123.456.789-09", "1990-05-12")
    b = tokens_for(k1, "TAIS SOUZA", "", "12345678909", "1990-12-05")
    assert (
        a["nome_fon"] == b["nome_fon"]
        and a["nome"] != b["nome"]
        and a["cpf"] == b["cpf"]
        and a["nasc_ord"] == b["nasc_ord"]
    )
    assert a["nascimento"] != b["nascimento"]
    src = tmp_path / "identidades_x.csv"
    src.write_text(
        "fonte,id_registro,id_pessoa,nome,nome_social,cpf,data_nascimento,nome_mae,telefone,email,endereco\n"
        "x,R1,1,Ana Lima,,,1990-01-02,,,,\n",
        "utf-8",
    )
    assert make_token_file(src, k1, tmp_path / "tokens_x.csv") == 1
    assert "ana" not in (tmp_path / "tokens_x.csv").read_text("utf-8").split("\n", 1)[1]


def test_identity_features_of_one_record():
    from pnetp.linkage.features import IDENTITY_FEATURES, identity_features

    f = identity_features("Maria Eduarda dos Santos SILVA", "Ana P. de Souza", "123.456.789-09", "1990-12-05")
    assert set(f) == set(IDENTITY_FEATURES)
    assert f["nome"] == "maria eduarda santos silva"
    assert (f["prenome"], f["sobrenome"], f["meio"]) == ("maria", "silva", "e s")
    assert f["meio_fon"] == f"{buscabr('eduarda')} {buscabr('santos')}"
    assert f["mae"] == "ana p souza" and f["mae_fon"] == f"{buscabr('ana')} {buscabr('souza')}"
    assert f["cpf"] == "12345678909" and f["nasc_ord"] == "1990-05-12" and f["dm_ord"] == "05-12"
    empty = identity_features("", "", "123", "1990")
    assert all(v is None for v in empty.values())


def test_load_records_joins_cases_and_identities_and_reads_older_token_files(tmp_path):
    from pnetp.linkage.features import COLUMNS, load_records

    (tmp_path / "pessoas_casos_x.csv").write_text(
        "fonte,id_registro,id_pessoa,sexo,municipio_aliciamento_ibge,municipio_exploracao_ibge\n"
        "x,R1,1,feminino,1501402,\nx,R1,2,,,\n",
        "utf-8",
    )
    (tmp_path / "identidades_x.csv").write_text(
        "fonte,id_registro,id_pessoa,nome,nome_social,cpf,data_nascimento,nome_mae,telefone,email,endereco\n"
        "x,R1,1,Ana Lima,,,1990-01-02,,,,\n",
        "utf-8",
    )
    cols = load_records(tmp_path)
    assert set(cols) == set(COLUMNS) and cols["unique_id"] == ["x|R1|1", "x|R1|2"]
    assert cols["nome"] == ["ana lima", None] and cols["sexo"] == ["feminino", None]
    assert cols["mun_alic"] == ["1501402", None] and cols["nascimento"] == ["1990-01-02", None]
    (tmp_path / "identidades_x.csv").unlink()
    (tmp_path / "tokens_x.csv").write_text("fonte,id_registro,id_pessoa,nome,cpf\nx,R1,2,abc,\n", "utf-8")
    cols = load_records(tmp_path)
    assert cols["nome"] == [None, "abc"] and cols["meio_fon"] == [None, None]


def test_approximate_birth_year_and_citizenships():
    from pnetp.linkage.features import approximate_birth_year, citizenship_key

    assert approximate_birth_year("34", "2024-03-01", "2024-05-02") == "1990"
    assert approximate_birth_year(34, None, "02/05/2025") == "1991"  # the record's date stands in
    assert approximate_birth_year("", "2024-03-01", None) is None  # unknown age stays unknown
    assert approximate_birth_year("34", None, None) is None
    assert approximate_birth_year("300", "2024-03-01", None) is None
    assert citizenship_key("VE;br") == citizenship_key(["BR", "VE"]) == "BR;VE"
    assert citizenship_key("") is None and citizenship_key([]) is None


def test_load_records_reads_the_case_attributes(tmp_path):
    from pnetp.linkage.features import load_records

    (tmp_path / "pessoas_casos_x.csv").write_text(
        "fonte,id_registro,id_pessoa,data_registro,data_identificacao,papel,sexo,idade,raca_cor,nacionalidades,"
        "escolaridade,formas_exploracao,meios_controle,formas_aliciamento,relacao_aliciador\n"
        "x,R1,1,2024-05-02,2024-03-01,vitima,feminino,34,parda,VE;BR,medio,servidao;trabalho_escravo,ameaca,amigos,"
        "familiar\n"
        "x,R2,1,2023-01-10,05/01/2023,suspeito,,,,,,trabalho_escravo;servidao,,,\n",
        "utf-8",
    )
    cols = load_records(tmp_path)
    assert cols["ano_aprox"] == ["1990", None] and cols["papel"] == ["vitima", "suspeito"]
    assert cols["raca"] == ["parda", None] and cols["escolaridade"] == ["medio", None]
    assert cols["nacionalidades"] == ["BR;VE", None]
    assert cols["data_ident"] == ["2024-03-01", "2023-01-05"]  # dd/mm/aaaa read as the database gives it
    assert cols["formas"] == ["servidao;trabalho_escravo"] * 2  # order-free
    assert cols["controle"] == ["ameaca", None] and cols["aliciamento"] == ["amigos", None]
    assert cols["relacao"] == ["familiar", None]
