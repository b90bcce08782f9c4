"""How an appearance of a person differs from the truth: the noise each source adds.

Three named profiles (``NOISE_LEVELS``; ``pnetp sisetp generate --noise PROFILE``). Rates are per
appearance (per record), except where said; ``default`` is meant to look like real Brazilian
administrative records, ``low`` like a careful registry, ``harsh`` like hand-typed hotline exports.

=========================  =====  =======  =====  ==================================================
rate                       low    default  harsh  what it does
=========================  =====  =======  =====  ==================================================
multi_source_share         0.20   0.30     0.45   persons found in more than one source (per person)
name_typo                  0.05   0.12     0.25   a keyboard slip in one word of the name
name_variant               0.02   0.05     0.10   a spelling variant (Souza/Sousa, Luiz/Luís)
accent_loss                0.10   0.25     0.50   accents dropped (besides sources that never write them)
drop_particles             0.06   0.15     0.30   "da", "dos", "e" left out
drop_second_given          0.03   0.08     0.15   "Maria Eduarda Santos" written "Maria Santos"
abbreviate_middle          0.03   0.08     0.16   "Maria E. dos Santos"
drop_middle                0.024  0.06     0.12   a middle surname left out
mother_name                0.65   0.65     0.65   mother's name present
cpf                        0.30   0.30     0.30   CPF present
cpf_typo                   0.005  0.02     0.05   of the CPFs present: one digit mistyped or two
                                                  neighbours swapped, kept as typed (check digits fail)
birth_date_missing         0.05   0.12     0.24   no birth date
birth_date_swap            0.012  0.03     0.06   day and month swapped (where the day can be a month)
birth_date_digit           0.01   0.04     0.08   one digit of day, month or the year's last two
                                                  mistyped or two neighbours swapped, kept as typed
                                                  (some give impossible dates, such as 31/02)
birth_year_off             0.01   0.02     0.04   year one off (an age turned into a date)
sex_missing                0.012  0.03     0.06   sex not recorded (also scaled by the source)
sex_wrong                  0.003  0.01     0.03   the other sex recorded
other_municipality         0.05   0.15     0.25   per place of the case: another municipality of the
                                                  same UF (where the source sits, a neighbour town)
field_missing              0.4    1.0      2.0    multiplies each column's base missing rate
coded_disagreement         0.016  0.04     0.10   another code in raça/cor or escolaridade
identification_shift       0.15   0.30     0.50   the source's day of identification 1–30 days later
episode_disagreement       0.03   0.10     0.20   per column: forms of exploitation, means of control,
                                                  forms of recruitment, relationship — one code
                                                  replaced by another of the vocabulary
=========================  =====  =======  =====  ==================================================

The typos are those of people typing names on a Brazilian keyboard: adjacent keys, swapped
letters, dropped or doubled letters, lost accents.
"""

from dataclasses import asdict, dataclass, fields, replace
from datetime import date

from .names import GIVEN_WORDS, PARTICLES


@dataclass(frozen=True)
class NoiseParams:
    multi_source_share: float = 0.30
    name_typo: float = 0.12
    name_variant: float = 0.05
    accent_loss: float = 0.25
    drop_particles: float = 0.15
    drop_second_given: float = 0.08
    abbreviate_middle: float = 0.08
    drop_middle: float = 0.06
    mother_name: float = 0.65
    cpf: float = 0.30
    cpf_typo: float = 0.02
    birth_date_missing: float = 0.12
    birth_date_swap: float = 0.03
    birth_date_digit: float = 0.04
    birth_year_off: float = 0.02
    sex_missing: float = 0.03
    sex_wrong: float = 0.01
    other_municipality: float = 0.15
    field_missing: float = 1.0
    coded_disagreement: float = 0.04
    identification_shift: float = 0.30
    episode_disagreement: float = 0.10

    def as_dict(self) -> dict:
        return asdict(self)


_FIXED = ("multi_source_share", "mother_name", "cpf")  # shares of the population, not errors


def _scaled(factor: float, share: float, **exact) -> NoiseParams:
    base = NoiseParams()
    changes = {f.name: min(1.0, getattr(base, f.name) * factor) for f in fields(base) if f.name not in _FIXED}
    changes["field_missing"] = factor
    return replace(base, **{**changes, **exact}, multi_source_share=share)


NOISE_LEVELS = {
    "low": _scaled(
        0.4,
        0.20,
        cpf_typo=0.005,
        sex_wrong=0.003,
        other_municipality=0.05,
        identification_shift=0.15,
        episode_disagreement=0.03,
    ),
    "default": NoiseParams(),
    "harsh": _scaled(
        2.0,
        0.45,
        sex_wrong=0.03,
        other_municipality=0.25,
        identification_shift=0.50,
        episode_disagreement=0.20,
        coded_disagreement=0.10,
        accent_loss=0.50,
    ),
}

# Neighbouring keys on the ABNT2 / QWERTY layout (letters only).
_ROWS = ("qwertyuiop", "asdfghjklç", "zxcvbnm")
KEY_NEIGHBOURS: dict[str, str] = {}
for _r, _row in enumerate(_ROWS):
    for _c, _key in enumerate(_row):
        near = [_row[i] for i in (_c - 1, _c + 1) if 0 <= i < len(_row)]
        for _other in (_r - 1, _r + 1):
            if 0 <= _other < 3:
                near += [_ROWS[_other][i] for i in (_c, _c + 1) if i < len(_ROWS[_other])]
        KEY_NEIGHBOURS[_key] = "".join(near)

_ACCENTS = str.maketrans(
    "áàâãäéèêëíìîïóòôõöúùûüçÁÀÂÃÄÉÈÊËÍÌÎÏÓÒÔÕÖÚÙÛÜÇ", "aaaaaeeeeiiiiooooouuuucAAAAAEEEEIIIIOOOOOUUUUC"
)

VARIANTS = {
    "Souza": "Sousa",
    "Sousa": "Souza",
    "Luiz": "Luís",
    "Luís": "Luiz",
    "Thiago": "Tiago",
    "Tiago": "Thiago",
    "Matheus": "Mateus",
    "Mateus": "Matheus",
    "Vitor": "Victor",
    "Manoel": "Manuel",
    "Andréia": "Andréa",
    "Daniele": "Danielle",
    "Thaís": "Taís",
    "Moraes": "Morais",
    "Melo": "Mello",
    "Matos": "Mattos",
    "Rezende": "Resende",
    "Gonçalves": "Gonçalvez",
    "Cavalcanti": "Cavalcante",
    "Terezinha": "Teresinha",
    "Aline": "Alline",
    "Suelen": "Suellen",
    "Jaqueline": "Jacqueline",
    "Isabela": "Isabella",
}


def strip_accents(text: str) -> str:
    return text.translate(_ACCENTS)


def typo(rng, word: str) -> str:
    """One keyboard slip in a word: adjacent key, transposition, dropped or doubled letter."""
    if len(word) < 3:
        return word
    i = rng.randrange(1, len(word))  # the first letter is rarely mistyped
    kind = rng.random()
    if kind < 0.4:
        near = KEY_NEIGHBOURS.get(word[i].lower())
        return word[:i] + rng.choice(near) + word[i + 1 :] if near else word
    if kind < 0.65 and i < len(word) - 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind < 0.9:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def noisy_name(rng, name: str, noise: NoiseParams) -> str:
    """A recorded form of ``name``: the first and last words are kept, as clerks do."""
    words = name.split(" ")
    if len(words) > 2 and words[1] in GIVEN_WORDS and rng.random() < noise.drop_second_given:
        del words[1]
    if rng.random() < noise.drop_particles:
        words = [w for w in words if w not in PARTICLES]
    if len(words) > 2 and rng.random() < noise.drop_middle:
        i = rng.randrange(1, len(words) - 1)
        if words[i] not in PARTICLES:
            del words[i]
            if words[i - 1] in PARTICLES:
                del words[i - 1]
    if len(words) > 2 and rng.random() < noise.abbreviate_middle:
        i = rng.randrange(1, len(words) - 1)
        if words[i] not in PARTICLES:
            words[i] = words[i][0] + "."
    if rng.random() < noise.name_variant:
        words = [VARIANTS.get(w, w) for w in words]
    if rng.random() < noise.name_typo:
        i = rng.randrange(len(words))
        words[i] = typo(rng, words[i])
    text = " ".join(words)
    return strip_accents(text) if rng.random() < noise.accent_loss else text


def digit_typo(rng, text: str, positions: list[int]) -> str:
    """One digit at one of ``positions`` replaced by another, or swapped with the next digit (when it differs)."""
    i = positions[int(rng.random() * len(positions))]
    j = i + 1 if i + 1 < len(text) and text[i + 1].isdigit() else i - 1
    if rng.random() < 0.3 and text[j] != text[i]:
        lo, hi = min(i, j), max(i, j)
        return text[:lo] + text[hi] + text[lo] + text[hi + 1 :]
    other = str((int(text[i]) + 1 + int(rng.random() * 9)) % 10)
    return text[:i] + other + text[i + 1 :]


_DATE_DIGITS = [2, 3, 5, 6, 8, 9]  # aaaa-mm-dd: the year's last two, the month, the day


def noisy_cpf(rng, cpf: str, noise: NoiseParams) -> str:
    """The 11 digits as typed: now and then one digit off, kept as typed (its check digits then fail)."""
    return digit_typo(rng, cpf, list(range(11))) if rng.random() < noise.cpf_typo else cpf


def noisy_birth_date(rng, born: date, noise: NoiseParams) -> str:
    """aaaa-mm-dd as a source typed it, or "" (a one-digit slip may give an impossible date: kept)."""
    if rng.random() < noise.birth_date_missing:
        return ""
    if rng.random() < noise.birth_date_swap and born.day <= 12 and born.day != born.month:
        born = born.replace(month=born.day, day=born.month)
    elif rng.random() < noise.birth_year_off and (born.month, born.day) != (2, 29):
        born = born.replace(year=born.year + rng.choice((-1, 1)))
    text = born.isoformat()
    return digit_typo(rng, text, _DATE_DIGITS) if rng.random() < noise.birth_date_digit else text
