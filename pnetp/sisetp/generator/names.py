"""Very common Brazilian given names and surnames, in rough frequency order (IBGE, Censo 2010 rankings).

Only common single names and name parts: full names are assembled at random, never copied from anyone.
Weights fall with rank (Zipf-like), which is close enough for linkage tests: many people share names.
"""

from bisect import bisect
from itertools import accumulate

PARTICLES = frozenset({"da", "de", "do", "das", "dos", "e"})

FEMALE = (
    "Maria Ana Francisca Antônia Adriana Juliana Márcia Fernanda Patrícia Aline Sandra Camila Amanda Bruna "
    "Jéssica Letícia Júlia Luciana Vanessa Mariana Gabriela Vera Vitória Larissa Cláudia Beatriz Luana Rita "
    "Sônia Renata Eliane Josefa Simone Natália Cristiane Carla Débora Rosângela Jaqueline Rosa Daniela "
    "Aparecida Marlene Terezinha Raimunda Andréia Fabiana Lúcia Raquel Ângela Rafaela Joana Luzia Elaine "
    "Daniele Regina Daiane Suelen Alessandra Isabela Bianca Lívia Sabrina Kátia Tatiane Priscila Thaís "
    "Yasmin Valéria Edilene Solange Michele Jussara Graziele Ivone Neide"
).split()
FEMALE_COMPOUND = (
    "Maria Eduarda|Maria Clara|Ana Clara|Ana Paula|Maria José|Maria Aparecida|Maria de Fátima|"
    "Maria das Graças|Ana Beatriz|Maria Luiza|Ana Luiza|Maria Vitória|Maria Fernanda|Ana Carolina|"
    "Maria Helena|Maria da Conceição|Maria do Socorro|Ana Júlia|Maria Alice|Maria Júlia|Ana Cristina|"
    "Maria Cecília|Maria Isabel|Ana Lúcia"
).split("|")
MALE = (
    "José João Antônio Francisco Carlos Paulo Pedro Lucas Luiz Marcos Luís Gabriel Rafael Daniel Marcelo "
    "Bruno Eduardo Felipe Raimundo Rodrigo Manoel Mateus André Fernando Fábio Leonardo Gustavo Guilherme "
    "Leandro Tiago Anderson Ricardo Márcio Jorge Sebastião Alexandre Roberto Edson Diego Vitor Sérgio "
    "Cláudio Matheus Thiago Geraldo Adriano Luciano Júlio Renato Alex Vinícius Rogério Samuel Ronaldo "
    "Mário Flávio Douglas Igor Davi Wesley Severino Benedito Valdir Joaquim Reginaldo Cícero Edvaldo"
).split()
MALE_COMPOUND = (
    "João Pedro|João Vitor|José Carlos|Luiz Carlos|Carlos Eduardo|Paulo Henrique|Pedro Henrique|João Paulo|"
    "José Roberto|Antônio Carlos|Luiz Fernando|Marcos Vinícius|João Gabriel|José Antônio|"
    "Francisco das Chagas|João Batista|José Maria|Luiz Henrique|Carlos Alberto|José Francisco|João Miguel|"
    "Pedro Lucas|Luís Felipe|José Raimundo"
).split("|")
SURNAMES = (
    "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa Ribeiro Martins Carvalho "
    "Almeida Lopes Soares Fernandes Vieira Barbosa Rocha Dias Nascimento Andrade Moreira Nunes Marques "
    "Machado Mendes Freitas Cardoso Ramos Gonçalves Santana Teixeira Araújo Jesus Conceição Pinto Moura "
    "Cavalcanti Monteiro Correia Batista Campos Reis Farias Sousa Cruz Borges Castro Melo Aguiar Brito "
    "Miranda Pires Neves Medeiros Xavier Barros Cunha Azevedo Coelho Bezerra Guimarães Leite Matos Queiroz "
    "Pinheiro Macedo Siqueira Sales Fonseca Nogueira Moraes Tavares Rezende Mota Prado Lacerda Dantas Paiva "
    "Assis Bastos Chagas Lins Falcão"
).split()
# Surname → (particle, probability that the particle is written before it).
SURNAME_PARTICLES = {
    "Silva": ("da", 0.5),
    "Santos": ("dos", 0.6),
    "Oliveira": ("de", 0.4),
    "Souza": ("de", 0.4),
    "Sousa": ("de", 0.4),
    "Costa": ("da", 0.4),
    "Jesus": ("de", 1.0),
    "Conceição": ("da", 1.0),
    "Nascimento": ("do", 0.8),
    "Neves": ("das", 0.7),
    "Cruz": ("da", 0.7),
    "Assis": ("de", 0.9),
    "Chagas": ("das", 0.9),
    "Lima": ("de", 0.3),
    "Almeida": ("de", 0.3),
    "Araújo": ("de", 0.3),
    "Andrade": ("de", 0.3),
    "Castro": ("de", 0.3),
    "Moraes": ("de", 0.3),
    "Freitas": ("de", 0.4),
    "Melo": ("de", 0.3),
    "Carvalho": ("de", 0.3),
    "Barros": ("de", 0.3),
    "Matos": ("de", 0.3),
    "Rocha": ("da", 0.3),
    "Mota": ("da", 0.3),
    "Cunha": ("da", 0.4),
    "Fonseca": ("da", 0.4),
    "Paiva": ("de", 0.2),
    "Reis": ("dos", 0.4),
    "Prado": ("do", 0.3),
}
COMPOUND_SHARE = 0.35  # share of compound given names (Maria Eduarda, João Pedro)
E_JOIN_SHARE = 0.03  # "Souza e Silva"


def cumulative_zipf(size: int, exponent: float = 0.9) -> list[float]:
    return list(accumulate(1 / (rank**exponent) for rank in range(1, size + 1)))


CUM = {
    "female": cumulative_zipf(len(FEMALE)),
    "female_compound": cumulative_zipf(len(FEMALE_COMPOUND)),
    "male": cumulative_zipf(len(MALE)),
    "male_compound": cumulative_zipf(len(MALE_COMPOUND)),
    "surname": cumulative_zipf(len(SURNAMES), 0.8),
}


POOLS = {
    "female": FEMALE,
    "female_compound": FEMALE_COMPOUND,
    "male": MALE,
    "male_compound": MALE_COMPOUND,
    "surname": SURNAMES,
}
# words of given names: the second word of "Maria Eduarda Santos" is one, of "Maria Santos Silva" not
GIVEN_WORDS = frozenset(
    w for key in ("female_compound", "male_compound") for n in POOLS[key] for w in n.split()[1:] if w not in PARTICLES
)


def _draw(rng, key: str) -> str:
    cum = CUM[key]
    return POOLS[key][bisect(cum, rng.random() * cum[-1])]


def given_name(rng, female: bool) -> str:
    compound = rng.random() < COMPOUND_SHARE
    return _draw(rng, ("female" if female else "male") + ("_compound" if compound else ""))


def surname(rng) -> str:
    return _draw(rng, "surname")


def with_particle(rng, name: str) -> str:
    particle, probability = SURNAME_PARTICLES.get(name, ("", 0.0))
    return f"{particle} {name}" if particle and rng.random() < probability else name


def family_names(rng, count: int) -> list[str]:
    """``count`` distinct surnames."""
    names: list[str] = []
    while len(names) < count:
        name = surname(rng)
        if name not in names:
            names.append(name)
    return names


def full_name(rng, given: str, surnames: list[str]) -> str:
    parts = [with_particle(rng, name) for name in surnames]
    if len(parts) >= 2 and rng.random() < E_JOIN_SHARE:
        parts[-1] = "e " + surnames[-1]
    return " ".join([given, *parts])


def person_names(rng, female: bool) -> tuple[str, str]:
    """(full name, mother's full name): the child carries the mother's last surname, then the father's."""
    mother_surnames = family_names(rng, (1, 2, 2, 2, 3)[int(rng.random() * 5)])
    father_surname = surname(rng)
    child_surnames = [mother_surnames[-1]]
    if father_surname != mother_surnames[-1] and rng.random() < 0.85:
        child_surnames.append(father_surname)
    child = full_name(rng, given_name(rng, female), child_surnames)
    return child, full_name(rng, given_name(rng, True), mother_surnames)
