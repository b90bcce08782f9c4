import pytest

from pnetp.territory.models import FederativeUnit
from pnetp.territory.services import AmbiguousPlace, PlaceNotFound, find_country, find_municipality, find_uf

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    [
        "São Paulo/SP",
        "Sao Paulo - SP",
        "sao paulo, sp",
        "SÃO PAULO (SP)",
        "sao paulo sp",
        "São Paulo / São Paulo",
        "são  paulo",
        "3550308",
        "355030",  # DATASUS/SINAN code, without the check digit
    ],
)
def test_municipality_variants(territory, text):
    assert find_municipality(text).pk == 3550308


@pytest.mark.parametrize(
    "text, code",
    [
        ("Santa Bárbara d'Oeste", 3545803),
        ("santa barbara doeste/sp", 3545803),
        ("Santa Barbara D’Oeste - SP", 3545803),
        ("Pau-d'Arco/PA", 1505551),
        ("pau d arco - to", 1716307),
        ("Pau D’Arco (TO)", 1716307),
        ("Olho-d'Água, PB", 2510402),
        ("Guajara Mirim", 1100106),
        ("Boa Esperança do Norte", 5101837),
        ("Brasília", 5300108),
        ("Campo Grande/RN", 2401305),
    ],
)
def test_apostrophes_hyphens_and_accents(territory, text, code):
    assert find_municipality(text).pk == code


def test_uf_argument_restricts_the_search(territory):
    assert find_municipality("Bom Jesus", uf="PI").pk == 2201903
    assert find_municipality("bom jesus", uf=FederativeUnit.objects.get(abbreviation="RS")).pk == 4302303
    assert find_municipality("campo grande", uf="mato grosso do sul").pk == 5002704
    with pytest.raises(PlaceNotFound, match="não encontrado em RJ"):
        find_municipality("São Paulo/SP", uf="RJ")


def test_ambiguous_name_asks_for_the_uf(territory):
    with pytest.raises(AmbiguousPlace) as error:
        find_municipality("Bom Jesus")
    assert str(error.value) == "“Bom Jesus” existe em 5 UFs (PB, PI, RN, RS, SC): informe a UF."
    assert [m.uf.abbreviation for m in error.value.candidates] == ["PB", "PI", "RN", "RS", "SC"]


def test_unknown_name_suggests_close_ones(territory):
    with pytest.raises(PlaceNotFound) as error:
        find_municipality("Sao Paolo")
    assert str(error.value).startswith("Município “Sao Paolo” não encontrado. Você quis dizer: São Paulo/SP")
    assert error.value.suggestions[0].pk == 3550308
    with pytest.raises(PlaceNotFound, match="Você quis dizer: Florianópolis/SC"):
        find_municipality("Flarianopolis/SC")
    with pytest.raises(PlaceNotFound, match=r"^Município “Xyzzy” não encontrado\.$"):
        find_municipality("Xyzzy")


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Informe o nome ou o código IBGE do município."),
        ("9999999", "Nenhum município com o código IBGE 9999999."),
        ("35503", "O código IBGE de município tem 7 dígitos"),
    ],
)
def test_empty_text_and_bad_codes(territory, text, message):
    with pytest.raises(PlaceNotFound, match=message):
        find_municipality(text)


def test_code_in_another_uf_is_not_found(territory):
    with pytest.raises(PlaceNotFound):
        find_municipality("3550308", uf="RJ")


@pytest.mark.parametrize("text", ["SP", "sp", "São Paulo", "sao paulo", "35", " SAO PAULO "])
def test_uf_variants(territory, text):
    assert find_uf(text).abbreviation == "SP"


def test_uf_errors(territory):
    assert find_uf("distrito federal").abbreviation == "DF"
    with pytest.raises(PlaceNotFound, match="UF “XX” não encontrada."):
        find_uf("XX")
    with pytest.raises(PlaceNotFound, match="Informe a UF."):
        find_uf("")


@pytest.mark.parametrize(
    "text, alpha2",
    [
        ("BR", "BR"),
        ("Brasil", "BR"),
        ("bra", "BR"),
        ("076", "BR"),
        ("PY", "PY"),
        ("Paraguai", "PY"),
        ("BO", "BO"),
        ("Bolívia", "BO"),
        ("bolivia", "BO"),
        ("Estado Plurinacional da Bolívia", "BO"),
        ("Venezuela", "VE"),
        ("Estados Unidos", "US"),
        ("EUA", "US"),
        ("Irã", "IR"),
        ("Holanda", "NL"),
        ("Germany", "DE"),
        ("Coreia do Sul", "KR"),
    ],
)
def test_country_variants(territory, text, alpha2):
    assert find_country(text).alpha2 == alpha2


def test_country_names_in_portuguese(territory):
    assert find_country("BO").name == "Bolívia"
    assert find_country("BR").official_name == "República Federativa do Brasil"
    assert find_country("IR").name == "Irã"


def test_country_errors(territory):
    with pytest.raises(PlaceNotFound, match="País “Bolivya” não encontrado. Você quis dizer: Bolívia?"):
        find_country("Bolivya")
    with pytest.raises(PlaceNotFound, match="Informe o país."):
        find_country(" ")
