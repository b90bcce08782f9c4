"""The Splink model for Brazilian person records: blocking rules, comparisons, training.

Blocking: several narrow rules, so that a pair missed by one (a typo in the first name, a swapped
birth date, no birth date, no CPF) is caught by another. Each rule's false pairs still grow with the
square of the records (a common name and a year), so above ``PAIR_BUDGET`` estimated pairs the
costliest rules are left out (``COSTLY_RULES``; at 100,000 records every rule is used). Rules for
records with no birth date score only such pairs.
Comparisons: first name and surname with term-frequency adjustments (Maria, Silva weigh little);
the middle words with their own frequencies, abbreviated, mistyped or left out; the birth date
tolerant to day/month swap and to a year or day off by one; the mother's name (typos, middle
words dropped or abbreviated, many mothers are "Maria Something"); CPF, sex, municipalities of
the case (or another of the same UF); for pairs missing a birth date, the birth year implied by the age at
identification (or the other's birth year); the
role, race/colour, education and citizenships the sources recorded, and the episode they saw (day of
identification, forms of exploitation, means of control, forms of recruitment, relationship to the
recruiter). ``fuzzy=False`` (keyed-hash mode) keeps only equality levels, since tokens can only be
equal or not; the features already carry phonetic and order-free date keys.
Training uses small blocks only: u by random sampling with bounded pairs, EM on narrow rules.
Custom SQL is written for DuckDB and translated by Splink (sqlglot) for Spark.
"""

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from django.utils.translation import gettext as _
from splink import SettingsCreator, block_on
from splink.internals.exceptions import EMTrainingException, SplinkException

MATCH_THRESHOLD = 0.7  # match probability at or above which two records are linked
U_MAX_PAIRS = 2e6
PRIOR_BOUNDS = (1e-9, 0.5)  # of the probability that two records match
PRIOR_PAIRS_WEIGHT = -8.0  # pairs scored below this (p < 1/250) are left out of the prior's estimate
M_FLOOR = 1e-3  # no level is impossible for a true pair (see ``floor_m``)
SEED = 42

_ABBREVIATED = "REGEXP_MATCHES({c}_l, '(^| )[a-z]( |$)') OR REGEXP_MATCHES({c}_r, '(^| )[a-z]( |$)')"
_MOTHER_MIDDLE = "REGEXP_EXTRACT(mae_{s}, '^[^ ]+ (.*) [^ ]+$', 1)"  # words between the first and the last
_MOTHER_INITIALS = "REGEXP_REPLACE(" + _MOTHER_MIDDLE + ", '([^ ])[^ ]*', '\\1', 'g')"
# The middle of one mother's name is the other's abbreviated ("maria j santos" / "maria jose santos")
# or with words left out ("maria clara silva" / "maria clara pereira silva"). Not merely a different
# word count: a child's surname is often the mother's last name and Maria the commonest first name,
# so "maria jesus ribeiro" / "maria luiza santos ribeiro" agree on first and last by chance and
# must not count as the same mother.
_MIDDLE_SHORTENED = " OR ".join(
    [
        f"({_MOTHER_INITIALS.format(s='l')} = {_MOTHER_INITIALS.format(s='r')} AND ({_ABBREVIATED.format(c='mae')}))",
        f"{_MOTHER_MIDDLE.format(s='l')} = ''",
        f"{_MOTHER_MIDDLE.format(s='r')} = ''",
        *(
            f"CONTAINS(' ' || {_MOTHER_MIDDLE.format(s=a)} || ' ', ' ' || {_MOTHER_MIDDLE.format(s=b)} || ' ')"
            for a, b in (("l", "r"), ("r", "l"))
        ),
    ]
)


def _gated(gate: str, test: str) -> str:
    """``test`` only where ``gate`` holds (CASE is evaluated lazily in DuckDB, AND is not): DuckDB's
    DAMERAU_LEVENSHTEIN costs ~50 µs a call, and took 3/4 of the scoring when run on every pair."""
    return f"CASE WHEN {gate} THEN {test} ELSE FALSE END"


def _level(sql: str, label: str) -> cll.CustomLevel:
    return cll.CustomLevel(sql, label_for_charts=label, base_dialect_str="duckdb")


def _name(col: str, fuzzy: bool) -> cl.CustomComparison:
    levels = [
        cll.NullLevel(col),
        cll.ExactMatchLevel(col, term_frequency_adjustments=True),
        cll.ExactMatchLevel(f"{col}_fon").configure(label_for_charts="mesmo código fonético"),
    ]
    if fuzzy:
        levels += [cll.JaroWinklerLevel(col, 0.92), cll.JaroWinklerLevel(col, 0.85)]
    return cl.CustomComparison(comparison_levels=[*levels, cll.ElseLevel()], output_column_name=col)


def _middle(fuzzy: bool) -> cl.CustomComparison:
    """Middle words (first and last have their own comparisons), with their own term frequencies:
    "Eduarda" in "Maria Eduarda Silva" says less than "Guimarães". ``meio`` holds their initials."""
    levels = [
        cll.NullLevel("meio_fon"),
        cll.ExactMatchLevel("meio_fon", term_frequency_adjustments=True).configure(
            label_for_charts="mesmo nome do meio"
        ),
    ]
    if fuzzy:
        levels += [
            _level(f"meio_l = meio_r AND ({_ABBREVIATED.format(c='nome')})", "nome do meio abreviado"),
            _level(
                _gated("meio_l = meio_r", "DAMERAU_LEVENSHTEIN(meio_fon_l, meio_fon_r) <= 1"),
                "erro de digitação no meio",
            ),
            # whole middle words left out ("Maria Eduarda Santos Lima" / "Maria Santos Lima"): the other's words,
            # phonetically, among one's own; far rarer by chance than the initials' containment below, which
            # also takes an abbreviation with a word dropped
            _level(
                " OR ".join(
                    f"CONTAINS(' ' || meio_fon_{a} || ' ', ' ' || meio_fon_{b} || ' ')"
                    for a, b in (("l", "r"), ("r", "l"))
                ),
                "palavras do meio omitidas",
            ),
            _level("CONTAINS(meio_l, meio_r) OR CONTAINS(meio_r, meio_l)", "nome do meio omitido"),
        ]
    else:
        levels.append(cll.ExactMatchLevel("meio").configure(label_for_charts="mesmas iniciais"))
    return cl.CustomComparison(comparison_levels=[*levels, cll.ElseLevel()], output_column_name="meio")


def _birth_date(fuzzy: bool) -> cl.CustomComparison:
    """Exact; day and month swapped; one digit anywhere mistyped or two neighbours swapped (a typed date,
    possible or not: 1995-02-21 / 1995-02-31); a year or a day one off (1999-12-31 / 2000-12-31);
    the same year."""
    levels = [
        cll.NullLevel("nascimento"),
        cll.ExactMatchLevel("nascimento"),
        cll.ExactMatchLevel("nasc_ord").configure(label_for_charts="dia e mês trocados"),
    ]
    if fuzzy:
        year = "TRY_CAST(SUBSTR(nascimento_{s}, 1, 4) AS INTEGER)"
        day = "TRY_CAST(SUBSTR(nascimento_{s}, 9, 2) AS INTEGER)"
        one_digit = _gated(
            "HAMMING(nascimento_l, nascimento_r) <= 2 AND LENGTH(nascimento_l) = LENGTH(nascimento_r)",
            "DAMERAU_LEVENSHTEIN(nascimento_l, nascimento_r) <= 1",
        )
        levels.append(_level(one_digit, "um dígito diferente ou dois vizinhos trocados"))
        levels.append(
            _level(
                f"(SUBSTR(nascimento_l, 6, 5) = SUBSTR(nascimento_r, 6, 5) "
                f"AND ABS({year.format(s='l')} - {year.format(s='r')}) = 1) "
                f"OR (SUBSTR(nascimento_l, 1, 8) = SUBSTR(nascimento_r, 1, 8) "
                f"AND ABS({day.format(s='l')} - {day.format(s='r')}) = 1)",
                "ano ou dia a um de distância",
            )
        )
    else:
        levels.append(cll.ExactMatchLevel("dm_ord").configure(label_for_charts="mesmo dia e mês"))
    levels.append(cll.ExactMatchLevel("ano"))
    return cl.CustomComparison(comparison_levels=[*levels, cll.ElseLevel()], output_column_name="nascimento")


def _mother(fuzzy: bool) -> cl.CustomComparison:
    """Mothers' names lose and abbreviate middle words, and many start with Maria: the middle counts."""
    levels = [cll.NullLevel("mae"), cll.ExactMatchLevel("mae", term_frequency_adjustments=True)]
    if fuzzy:
        levels += [
            # at most two edits: lengths at most two apart, checked first (same pairs, a third of the time)
            _level(
                _gated("ABS(LENGTH(mae_l) - LENGTH(mae_r)) <= 2", "DAMERAU_LEVENSHTEIN(mae_l, mae_r) <= 2"),
                "até dois erros de digitação",
            ),
            # weighed by how common the first and last are: "Maria Silva" is the mother of many namesakes
            _level(
                f"mae_fon_l = mae_fon_r AND ({_MIDDLE_SHORTENED})",
                "primeiro e último iguais, meio abreviado ou omitido",
            ).configure(tf_adjustment_column="mae_fon", tf_adjustment_weight=1.0),
            cll.ExactMatchLevel("mae_fon").configure(label_for_charts="primeiro e último iguais, meio diferente"),
        ]
    else:
        levels.append(cll.ExactMatchLevel("mae_fon").configure(label_for_charts="primeiro e último fonéticos"))
    return cl.CustomComparison(comparison_levels=[*levels, cll.ElseLevel()], output_column_name="mae")


def _cpf(fuzzy: bool) -> cl.CustomComparison:
    """``cpf`` holds CPFs whose check digits hold: the exact level. ``cpf_digitado`` holds the digits as typed,
    flagged ones included: one edit between them (a digit, or two neighbours swapped) is still strong
    evidence. A record with a flagged CPF therefore never matches on it exactly, nor is blocked on it."""
    levels = [
        _level("cpf_digitado_l IS NULL OR cpf_digitado_r IS NULL", "sem CPF em um dos registros").configure(
            is_null_level=True
        ),
        cll.ExactMatchLevel("cpf"),
    ]
    if fuzzy:
        # one edit between two 11-digit CPFs leaves the first five or the last five digits intact: the
        # same pairs, without the costly function on the others
        gate = (
            "SUBSTR(cpf_digitado_l, 1, 5) = SUBSTR(cpf_digitado_r, 1, 5) "
            "OR SUBSTR(cpf_digitado_l, 7, 5) = SUBSTR(cpf_digitado_r, 7, 5)"
        )
        levels.append(
            _level(_gated(gate, "DAMERAU_LEVENSHTEIN(cpf_digitado_l, cpf_digitado_r) <= 1"), "um erro de digitação")
        )
    return cl.CustomComparison(comparison_levels=[*levels, cll.ElseLevel()], output_column_name="cpf")


def _approximate_birth_year(fuzzy: bool = True) -> cl.CustomComparison:
    """Years of identification minus the ages then, only for pairs where a birth date is missing: with
    both dates the birth-date comparison already says it all, and counting the year twice would
    overweigh it. Off by one is common (a birthday before or after the identification). A record with a
    birth date and no age gives its birth year instead (``fuzzy`` only: in keyed-hash mode the year is a
    token): a fifth of the records with a date have no age, and a dateless record's age was otherwise
    compared with nothing."""
    year = "COALESCE(ano_{s}, ano_aprox_{s})" if fuzzy else "ano_aprox_{s}"
    left, right = year.format(s="l"), year.format(s="r")
    years_apart = f"ABS(TRY_CAST({left} AS INTEGER) - TRY_CAST({right} AS INTEGER))"
    not_used = f"{left} IS NULL OR {right} IS NULL OR (nascimento_l IS NOT NULL AND nascimento_r IS NOT NULL)"
    return cl.CustomComparison(
        comparison_levels=[
            _level(not_used, "sem idade, ou as duas datas de nascimento conhecidas").configure(is_null_level=True),
            _level(f"{years_apart} = 0", "mesmo ano de nascimento aproximado"),
            _level(f"{years_apart} = 1", "a um ano"),
            _level(f"{years_apart} = 2", "a dois anos"),
            # sources identify a person years apart and ages are misremembered: true pairs reach five
            # years, rarely more; namesakes born a generation apart do not
            _level(f"{years_apart} <= 5", "de três a cinco anos"),
            cll.ElseLevel(),
        ],
        output_column_name="ano_aprox",
    )


def _identification_date() -> cl.CustomComparison:
    """The day the person was identified (a rescue, an inspection): sources that saw the same episode
    often give the same day, or the same month, or days apart."""
    return cl.CustomComparison(
        comparison_levels=[
            cll.NullLevel("data_ident"),
            cll.ExactMatchLevel("data_ident"),
            _level("SUBSTR(data_ident_l, 1, 7) = SUBSTR(data_ident_r, 1, 7)", "mesmo mês"),
            # one source a few weeks after the other, across the turn of a month (issue 17: sources that saw
            # the same rescue write it down days or weeks apart)
            _level(
                "ABS(DATE_DIFF('day', TRY_CAST(data_ident_l AS DATE), TRY_CAST(data_ident_r AS DATE))) <= 31",
                "até 31 dias",
            ),
            cll.ElseLevel(),
        ],
        output_column_name="data_ident",
    )


def _municipality(col: str) -> cl.CustomComparison:
    """Each place with its own frequency (São Paulo as place of exploitation says little); another
    municipality of the same UF (the first two IBGE digits) is weaker evidence, not a disagreement: sources
    name the town where they sit or a neighbour (issue 17: a fifth of real records)."""
    return cl.CustomComparison(
        comparison_levels=[
            cll.NullLevel(col),
            cll.ExactMatchLevel(col, term_frequency_adjustments=True),
            _level(f"SUBSTR({col}_l, 1, 2) = SUBSTR({col}_r, 1, 2)", "mesma UF"),
            cll.ElseLevel(),
        ],
        output_column_name=col,
    )


# Person attributes that sources write down by hand (role, race/colour, education, citizenships) and
# the episode they saw (date of identification, forms of exploitation, means of control, forms of
# recruitment, relationship to the recruiter): a true pair may disagree on them more often than the
# generated data shows (self-declared race, a victim who later recruits, a second episode), so no
# level of theirs falls below this m (see ``floor_m``).
SOFT_COMPARISONS = (
    "papel",
    "raca",
    "escolaridade",
    "nacionalidades",
    "data_ident",
    "formas",
    "controle",
    "aliciamento",
    "relacao",
)
SOFT_M_FLOOR = 0.02


def _no_date(*cols: str) -> list[str]:
    """Equality on ``cols``, for pairs where one record has no birth date.

    Two rules, one per side: a condition on one side only is applied before the join, so only the
    ~12% of records without a date enter one side of it; "l or r has no date" was applied after it,
    to every pair sharing the keys (most of the blocking time at 100,000 records). Same pairs.
    """
    return _one_side_without("nascimento", *cols)


def _one_side_without(missing: str, *cols: str) -> list[str]:
    """Equality on ``cols`` (SQL expressions of a side ``{s}``, or plain columns) for pairs where one
    record has no ``missing``: one rule per side, as in ``_no_date``."""
    keys = " AND ".join(c.format(s="l") + " = " + c.format(s="r") if "{s}" in c else f"l.{c} = r.{c}" for c in cols)
    return [f"{keys} AND l.{missing} IS NULL", f"{keys} AND r.{missing} IS NULL AND l.{missing} IS NOT NULL"]


def _no_date_year_apart(*cols: str) -> list[str]:
    """Equality on ``cols`` where one side has no birth date and its age-derived year is one off the other's
    birth year (or age-derived year): a birthday between two identifications. Equi-joins on the shifted year
    (never "within one", which DuckDB would test on every pair sharing ``cols``), one rule per side and sign."""
    rules = []
    for side, other, order in (("l", "r", ""), ("r", "l", " AND l.nascimento IS NOT NULL")):
        keys = " AND ".join(f"l.{c} = r.{c}" for c in cols)
        for sign in ("+", "-"):
            rules.append(
                f"{keys} AND TRY_CAST({side}.ano_aprox AS INTEGER) {sign} 1 = "
                f"TRY_CAST(COALESCE({other}.ano, {other}.ano_aprox) AS INTEGER) "
                f"AND {side}.nascimento IS NULL{order}"
            )
    return rules


def _year_apart(*cols: str) -> list[str]:
    """Equality on ``cols`` (as in ``_one_side_without``) and birth years one apart, both dates known: one
    rule per sign, each an equi-join on the shifted year."""
    keys = " AND ".join(c.format(s="l") + " = " + c.format(s="r") if "{s}" in c else f"l.{c} = r.{c}" for c in cols)
    return [f"{keys} AND TRY_CAST(l.ano AS INTEGER) {sign} 1 = TRY_CAST(r.ano AS INTEGER)" for sign in "+-"]


def _year_crossed(*cols: str) -> list[str]:
    """Equality on ``cols`` and the birth year, with one side's day equal to the other's month (day and month
    swapped, and a digit of one of them mistyped): one rule per direction, each an equi-join."""
    keys = " AND ".join(f"l.{c} = r.{c}" for c in cols)
    return [
        f"{keys} AND l.ano = r.ano AND SUBSTR(l.nascimento, {a}, 2) = SUBSTR(r.nascimento, {b}, 2)"
        for a, b in ((9, 6), (6, 9))
    ]


BLOCKING_RULES = [
    block_on("cpf"),  # valid CPFs only: a flagged one is never a blocking key
    # a CPF typed with one digit wrong (flagged or not) keeps its first five or its last five digits:
    # halves only, never the whole typed CPF, as keys (about 3 records share a half at a million)
    block_on("SUBSTR(cpf_digitado, 1, 5)"),
    block_on("SUBSTR(cpf_digitado, 7, 5)"),
    # a digit of the month mistyped (the day kept; a digit of the day: the year-month rule below), or with day
    # and month swapped too ("1998-94-11" / "1998-11-04"). Not the name and year alone: at a million records
    # "Maria Silva" of one year makes 23 million pairs (the day or the month keeps a twelfth of them)
    block_on("prenome_fon", "sobrenome_fon", "ano", "SUBSTR(nascimento, 9, 2)"),
    *_year_crossed("prenome_fon", "sobrenome_fon"),
    block_on("prenome_fon", "sobrenome_fon", "SUBSTR(nascimento, 6, 5)"),  # a digit of the year mistyped
    # name much changed, a digit of the day or of the month mistyped (not the mother and the year alone: 22
    # million pairs at a million records)
    block_on("mae_fon", "ano", "SUBSTR(nascimento, 9, 2)"),
    block_on("mae_fon", "SUBSTR(nascimento, 1, 7)"),
    block_on("mae_fon", "dm_ord"),  # name much changed, the year mistyped
    block_on("prenome_fon", "nascimento"),  # typo in the surname
    block_on("sobrenome_fon", "nasc_ord"),  # typo in the first name, possibly with day/month swap
    block_on("prenome_fon", "sobrenome_fon", "dm_ord"),  # year off, possibly with day/month swap
    block_on("prenome_fon", "sobrenome_fon", "SUBSTR(nascimento, 1, 7)"),  # day off
    block_on("mae_fon", "nasc_ord"),  # name much changed
    # a typo past the third letter of the first name or surname, and the year or the day off
    block_on("LEFT(prenome, 3)", "LEFT(sobrenome, 3)", "dm_ord"),
    block_on("LEFT(prenome, 3)", "LEFT(sobrenome, 3)", "SUBSTR(nascimento, 1, 7)"),
    block_on("nascimento", "mun_expl"),  # no name
    block_on("nascimento", "mun_alic"),
    # No birth date on one side: other keys, and only such pairs are scored (with both dates, the
    # rules above already hold every pair that the dates do not rule out).
    # names of three words or more are rare enough; a typo in a middle word keeps the initials (this
    # also holds every pair of equal phonetic names, which had a rule of its own: no pair was its alone)
    # two-word names too ("Lucas Batista"): no middle initials on either side
    *_no_date("prenome_fon", "sobrenome_fon", "COALESCE({s}.meio, '')", "sexo"),
    # no name on one side: the birth date alone, but only records without a name enter one side
    *_one_side_without("prenome_fon", "nascimento"),
    *_one_side_without("prenome_fon", "mae_fon"),
    *_no_date("nome_fon"),  # the whole name, phonetically: no date and no middle initials needed
    *_no_date("nome_fon", "mae_fon"),
    # the mother's first and last word, phonetically (a typo in her name, a middle word dropped)
    # with the other name's first letter (34 million pairs at a million records without it, 6 million with it;
    # no true pair of seed 7 lost)
    *_no_date("mae_fon", "prenome_fon", "LEFT({s}.sobrenome, 1)"),
    *_no_date("mae_fon", "sobrenome_fon", "LEFT({s}.prenome, 1)"),
    *_no_date("prenome_fon", "sobrenome_fon", "mun_expl"),  # the place of the case
    *_no_date("prenome_fon", "sobrenome_fon", "mun_alic"),
    *_no_date("prenome_fon", "sobrenome_fon", "ano_aprox"),  # the age stands in for the date
    # issue 17, the pairs still missed (seed 7, 100k): one side dateless and the names not quite equal.
    # the age on the dateless side against the birth year on the other
    *_no_date("prenome_fon", "sobrenome_fon", "COALESCE({s}.ano, {s}.ano_aprox)"),
    # a typo past the third letter of the first name or surname ("thiayo", "azevvedo")
    *_no_date("LEFT({s}.prenome, 3)", "LEFT({s}.sobrenome, 3)", "ano_aprox"),
    *_no_date("LEFT({s}.prenome, 3)", "LEFT({s}.sobrenome, 3)", "mun_expl"),
    *_no_date("LEFT({s}.prenome, 3)", "LEFT({s}.sobrenome, 3)", "mun_alic"),
    # the day the source identified the person (blank in the identity-only cut)
    *_no_date("prenome_fon", "data_ident"),
    *_no_date("sobrenome_fon", "data_ident"),
    # issue 17, blocking recall ≥ 0.99 (the pairs still missed at seed 7, 100k): the same phonetic first and
    # last name, one side dateless, and the middle words not quite the same (a second given name or a middle
    # surname dropped keeps the last middle initial) or the age a year off the birth year
    *_no_date("prenome_fon", "sobrenome_fon", "RIGHT({s}.meio, 1)"),
    *_no_date_year_apart("prenome_fon", "sobrenome_fon"),
    # a typo in the second or third letter of the first name ("Tiago"/"Thiago" aside, phonetic codes differ)
    *_no_date("LEFT({s}.prenome, 1)", "sobrenome_fon", "COALESCE({s}.ano, {s}.ano_aprox)"),
    # both dates: the year one off (an age turned into a date) and a digit of the day or of the month mistyped
    *_year_apart("prenome_fon", "sobrenome_fon", "SUBSTR({s}.nascimento, 6, 2)"),
    *_year_apart("prenome_fon", "sobrenome_fon", "SUBSTR({s}.nascimento, 9, 2)"),
    # a typo in the second or third letter of the first name and a digit of the date
    block_on("LEFT(prenome, 1)", "sobrenome_fon", "SUBSTR(nascimento, 1, 7)"),
    block_on("LEFT(prenome, 1)", "sobrenome_fon", "dm_ord"),
    # no name on one side: the birth year (or the age) with sex and the state of the place of exploitation or
    # of recruitment (another municipality of the same state keeps its first two IBGE digits)
    *_one_side_without("prenome_fon", "COALESCE({s}.ano, {s}.ano_aprox)", "sexo", "LEFT({s}.mun_expl, 2)"),
    *_one_side_without("prenome_fon", "COALESCE({s}.ano, {s}.ano_aprox)", "sexo", "LEFT({s}.mun_alic, 2)"),
    # no name on one side, a digit of the month mistyped (year and day kept), or of the year (day and month kept)
    *_one_side_without("prenome_fon", "ano", "SUBSTR({s}.nascimento, 9, 2)", "sexo"),
    *_one_side_without("prenome_fon", "dm_ord", "sexo", "LEFT({s}.mun_alic, 2)"),
]

# What the rules may cost. Most rules grow with the square of the records: a common name ("Maria Silva"),
# a common mother's name or a birth year is shared by ten times as many records at ten times the records,
# so 1.5 million pairs at 100,000 records are 148 million at a million (seed 7, default profile;
# benchmarks/sisetp_linkage_blocking.py), and a million records did not finish in 37 minutes. Before
# scoring, the pairs of each rule are estimated on a sample (``run.prediction_rules``); above
# ``PAIR_BUDGET`` rules are left out in ``COSTLY_RULES`` order until the estimate fits: those that reach
# the fewest true pairs no other rule reaches for the pairs they cost, measured at a million records
# (seed 7, backward elimination, benchmarks/sisetp_linkage_blocking.py --order). Below the budget (100,000
# records give ~2.4 million pairs) every rule is used. What is left out is said in the run's notes, and
# the benchmark prints the blocking recall of the rules actually used.
PAIR_BUDGET = 30_000_000
PAIR_SAMPLE = 20_000  # records the estimate counts pairs on
# indices into BLOCKING_RULES, left out first to last (the first fifteen reach no true pair of their own); the
# rules not listed (the same name with the birth year and day, with the whole date, without a date and with
# the mother, the place or the age…) are always used
COSTLY_RULES: tuple[int, ...] = (
    19, 20, 12, 39, 6, 40, 37, 38, 13, 11, 33, 14, 27, 28, 35, 55, 36, 53, 34, 70, 69, 2, 24, 23, 16, 1, 67, 58, 66,
    57, 54, 56, 64, 59, 60, 18, 48, 47, 8, 65, 51, 52, 68, 17, 4, 9, 31, 32, 62, 7, 5, 41, 42, 61, 71, 72,
)  # fmt: skip

TRAINING_KEYS = [("cpf",), ("nome", "nascimento"), ("mae", "nasc_ord")]
TRAINING_RULES = [block_on(*keys) for keys in TRAINING_KEYS]
DETERMINISTIC_RULES = [block_on("cpf"), block_on("nome", "nascimento")]


def rule_sql(rule) -> str:
    """A blocking rule's join condition in DuckDB SQL (``l.`` and ``r.`` the two records)."""
    return rule if isinstance(rule, str) else rule.get_blocking_rule("duckdb").blocking_rule_sql


def settings(fuzzy: bool = True, rules=None) -> SettingsCreator:
    """``rules``: the prediction rules (``BLOCKING_RULES`` or those ``run.prediction_rules`` kept)."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        blocking_rules_to_generate_predictions=BLOCKING_RULES if rules is None else rules,
        comparisons=[
            _name("prenome", fuzzy),
            _name("sobrenome", fuzzy),
            _middle(fuzzy),
            _birth_date(fuzzy),
            _mother(fuzzy),
            _cpf(fuzzy),
            cl.ExactMatch("sexo"),
            _municipality("mun_alic"),
            _municipality("mun_expl"),
            _approximate_birth_year(fuzzy),
            *(cl.ExactMatch(c) for c in SOFT_COMPARISONS if c != "data_ident"),
            _identification_date(),
        ],
        retain_intermediate_calculation_columns=False,
        additional_columns_to_retain=[],
    )


def train(linker, records: int) -> list[str]:
    """Estimate λ, u and m from the data itself, on small blocks only; returns notes on skipped training.

    A degenerate data state never makes training fail: an empty block (no mother's names, say) or a block
    where EM drives a level's m to 0.0 (a level seen only in pairs whose match probability underflows,
    which Splink refuses with "m_probability value 0.0 is below the minimum allowed value") skips that
    rule's training — EM trains a copy, so nothing of it is kept — and the other rules train; the levels
    no rule trained get the floor m (``floor_m``).
    """
    notes = []
    # a first estimate only (the recall assumed here is replaced by ``run.estimate_prior``, from the
    # scored pairs); on a few hundred records of one case it can reach 1, which no weight can express
    linker.training.estimate_probability_two_random_records_match(DETERMINISTIC_RULES, recall=0.8)
    settings_ = linker._settings_obj
    settings_._probability_two_random_records_match = min(
        max(settings_._probability_two_random_records_match, PRIOR_BOUNDS[0]), PRIOR_BOUNDS[1]
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=min(U_MAX_PAIRS, max(records, 1) ** 2), seed=SEED)
    for keys, rule in zip(TRAINING_KEYS, TRAINING_RULES, strict=True):
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
        except (EMTrainingException, ValueError) as error:
            if isinstance(error, ValueError) and "probability" not in str(error):
                raise
            notes.append(
                _("Treino pela regra %(rule)s ignorado: %(reason)s")
                % {
                    "rule": " + ".join(keys),
                    "reason": _("bloco vazio")
                    if isinstance(error, EMTrainingException)
                    else _("probabilidade degenerada (nível nunca observado entre pares verdadeiros)"),
                }
            )
        except SplinkException as error:  # every pair of a tiny block a match: λ = 1, an infinite weight
            if "inf" not in str(error):
                raise
            notes.append(
                _("Treino pela regra %(rule)s ignorado: %(reason)s")
                % {
                    "rule": " + ".join(keys),
                    "reason": _("todos os pares do bloco concordam (peso infinito)"),
                }
            )
    floor_m(linker)
    return notes


def floor_m(linker) -> None:
    """A level EM never saw among true pairs (a sex mismatch, an unrelated birth date) would get
    m = 1e-6 and veto any pair on its own (about -20 bits); real sources make such slips."""
    for comparison in linker._settings_obj.comparisons:
        floor = SOFT_M_FLOOR if comparison.output_column_name in SOFT_COMPARISONS else M_FLOOR
        for level in comparison.comparison_levels:
            if not level.is_null_level and (level.m_probability is None or level.m_probability < floor):
                level.m_probability = floor
