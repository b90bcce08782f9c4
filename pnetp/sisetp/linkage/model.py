"""The Splink model for Brazilian person records: blocking rules, comparisons, training.

Blocking: several small rules so that a pair missed by one (a typo in the first name, a swapped
birth date, no CPF) is caught by another — one naive rule left 15% of true pairs unblockable.
Comparisons: first name and surname with term-frequency adjustments (Maria, Silva weigh little),
birth date tolerant to day/month swap and one-character typos, mother's name, CPF, sex and the
municipalities of the case. ``fuzzy=False`` (keyed-hash mode) keeps only exact levels, since
tokens can only be equal or not; the features already carry phonetic and order-free date keys.
Training uses small blocks only: u by random sampling with bounded pairs, EM on two narrow rules.
"""

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.internals.exceptions import EMTrainingException

MATCH_THRESHOLD = 0.9  # match probability at or above which two records are linked
U_MAX_PAIRS = 2e6
SEED = 42


def _name(col: str, fuzzy: bool) -> cl.CustomComparison:
    levels = [cll.NullLevel(col), cll.ExactMatchLevel(col, term_frequency_adjustments=True),
              cll.ExactMatchLevel(f"{col}_fon").configure(label_for_charts="mesmo código fonético")]
    if fuzzy:
        levels += [cll.JaroWinklerLevel(col, 0.92), cll.JaroWinklerLevel(col, 0.85)]
    return cl.CustomComparison(comparison_levels=[*levels, cll.ElseLevel()], output_column_name=col)


def _birth_date(fuzzy: bool) -> cl.CustomComparison:
    levels = [cll.NullLevel("nascimento"), cll.ExactMatchLevel("nascimento"),
              cll.ExactMatchLevel("nasc_ord").configure(label_for_charts="dia e mês trocados")]
    if fuzzy:
        levels.append(cll.DamerauLevenshteinLevel("nascimento", 1))
    else:
        levels.append(cll.ExactMatchLevel("dm_ord").configure(label_for_charts="mesmo dia e mês"))
    levels.append(cll.ExactMatchLevel("ano"))
    return cl.CustomComparison(comparison_levels=[*levels, cll.ElseLevel()], output_column_name="nascimento")


def _mother(fuzzy: bool) -> cl.CustomComparison:
    levels = [cll.NullLevel("mae"), cll.ExactMatchLevel("mae", term_frequency_adjustments=True),
              cll.ExactMatchLevel("mae_fon")]
    if fuzzy:
        levels.append(cll.JaroWinklerLevel("mae", 0.9))
    return cl.CustomComparison(comparison_levels=[*levels, cll.ElseLevel()], output_column_name="mae")


def _cpf(fuzzy: bool) -> cl.CustomComparison:
    levels = [cll.NullLevel("cpf"), cll.ExactMatchLevel("cpf")]
    if fuzzy:
        levels.append(cll.DamerauLevenshteinLevel("cpf", 1))
    return cl.CustomComparison(comparison_levels=[*levels, cll.ElseLevel()], output_column_name="cpf")


def _municipality() -> cl.CustomComparison:
    return cl.CustomComparison(output_column_name="municipio", comparison_levels=[
        cll.CustomLevel(
            "(mun_alic_l IS NULL AND mun_expl_l IS NULL) OR (mun_alic_r IS NULL AND mun_expl_r IS NULL)"
        ).configure(is_null_level=True),
        cll.CustomLevel("mun_alic_l = mun_alic_r OR mun_expl_l = mun_expl_r", label_for_charts="mesmo município"),
        cll.ElseLevel(),
    ])


BLOCKING_RULES = [
    block_on("cpf"),
    block_on("prenome_fon", "ano"),
    block_on("sobrenome_fon", "nasc_ord"),
    block_on("prenome_fon", "sobrenome_fon", "dm_ord"),  # year typo, possibly with day/month swap
    block_on("mae_fon", "sexo"),
    block_on("mun_alic", "prenome"),
    block_on("mun_expl", "prenome"),
    block_on("nome_fon"),  # birth date missing
]

TRAINING_RULES = [block_on("cpf"), block_on("sobrenome_fon", "nasc_ord"), block_on("prenome_fon", "mae_fon", "ano")]
DETERMINISTIC_RULES = [block_on("cpf"), block_on("nome", "nascimento")]


def settings(fuzzy: bool = True) -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        blocking_rules_to_generate_predictions=BLOCKING_RULES,
        comparisons=[
            _name("prenome", fuzzy), _name("sobrenome", fuzzy),
            cl.ExactMatch("meio"), _birth_date(fuzzy), _mother(fuzzy), _cpf(fuzzy),
            cl.ExactMatch("sexo"), _municipality(),
        ],
        retain_intermediate_calculation_columns=False,
        additional_columns_to_retain=[],
    )


def train(linker, records: int) -> None:
    """Estimate λ, u and m from the data itself, on small blocks only."""
    linker.training.estimate_probability_two_random_records_match(DETERMINISTIC_RULES, recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=min(U_MAX_PAIRS, max(records, 1) ** 2), seed=SEED)
    for rule in TRAINING_RULES:
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
        except EMTrainingException:  # the block is empty (no mother's names, say): the other rules train
            continue
