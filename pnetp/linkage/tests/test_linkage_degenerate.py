"""Training on a degenerate data state (issue 12, item 9.1): a level that EM sees only in pairs whose match
probability underflows to 0 got m = 0.0, which Splink refuses ("m_probability value 0.0 is below the minimum
allowed value"), and every ``pnetp sisetp dedupe`` failed. The rule's training is skipped with a note instead.
Records are fictitious.
"""

from pnetp.sisetp.generator.cpf import check_digits
from pnetp.linkage.features import CASE_FEATURES, COLUMNS, IDENTITY_FEATURES, identity_features
from pnetp.linkage.run import link_columns

NAMES = [
    "Ana Souza Lima",
    "Bruno Costa",
    "Carla Dias Melo",
    "Diego Alves",
    "Elisa Rocha",
    "Fabio Nunes",
    "Gina Prado",
    "Hugo Reis",
]
SAME = dict(
    mun_alic="3550308",
    mun_expl="3304557",
    papel="vitima",
    raca="parda",
    escolaridade="medio",
    nacionalidades="BR",
    data_ident="2023-01-05",
    formas="a",
    controle="b",
    aliciamento="c",
    relacao="d",
    ano_aprox="1990",
    sexo="F",
)
# shares a CPF with nobody and disagrees with everyone on everything: its levels are never seen in a true pair
OUTLIER = dict(
    mun_alic="1100015",
    mun_expl="1200013",
    papel="aliciador",
    raca="branca",
    escolaridade="superior",
    nacionalidades="VE",
    data_ident="2019-07-22",
    formas="x",
    controle="y",
    aliciamento="z",
    relacao="w",
    ano_aprox="1950",
    sexo="M",
)


def valid_cpf(number: int) -> str:
    base = f"{number:09d}"
    return base + check_digits(base)


def degenerate_columns() -> dict[str, list]:
    # valid CPFs (check digits pass): only those are an exact key of the linkage
    rows = [
        (n, "Maria Silva", valid_cpf(100 + i), f"1990-01-0{i % 9 + 1}", SAME)
        for i, n in enumerate(NAMES)
        for _copy in range(3)
    ]
    rows.append(("Zeca Xavier Prado", "Joana Ferreira", valid_cpf(999), "1950-12-25", OUTLIER))
    columns = {c: [] for c in COLUMNS}
    for i, (name, mother, cpf, born, case) in enumerate(rows):
        features = identity_features(name, mother, cpf, born)
        columns["unique_id"].append(f"teste|{i}|1")
        columns["fonte"].append("teste")
        for key in IDENTITY_FEATURES:
            columns[key].append(features[key])
        for key in CASE_FEATURES:
            columns[key].append(case.get(key))
    return columns


def test_a_level_never_seen_among_true_pairs_does_not_crash_training():
    result = link_columns(degenerate_columns())
    assert result.persons == len(NAMES) + 1  # the three copies of each name are one person, the outlier alone
    assert all("Treino pela regra" in note for note in result.notes), result.notes


def test_training_that_splink_refuses_for_a_zero_m_is_skipped_with_a_note(monkeypatch):
    """The refusal itself ("m_probability value 0.0 …", a ValueError from Splink) skips that rule's training."""
    from splink.internals.linker_components.training import LinkerTraining

    original = LinkerTraining.estimate_parameters_using_expectation_maximisation
    calls = []

    def refuse_first(self, rule, *args, **kwargs):
        calls.append(rule)
        if len(calls) == 1:
            raise ValueError("m_probability value 0.0 is below the minimum allowed value")
        return original(self, rule, *args, **kwargs)

    monkeypatch.setattr(LinkerTraining, "estimate_parameters_using_expectation_maximisation", refuse_first)
    result = link_columns(degenerate_columns())
    assert result.persons == len(NAMES) + 1
    assert any("degenerada" in note for note in result.notes), result.notes
