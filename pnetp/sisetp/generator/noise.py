"""How an appearance of a person differs from the truth: the noise each source adds.

Rates are per appearance; ``NOISE_LEVELS`` scales them. The typos are those of people typing names
on a Brazilian keyboard: adjacent keys, swapped letters, dropped or doubled letters, lost accents.
"""

from dataclasses import asdict, dataclass, replace
from datetime import date

from .names import PARTICLES


@dataclass(frozen=True)
class NoiseParams:
    multi_source_share: float = 0.30  # persons found in more than one source
    name_typo: float = 0.12  # a typo in one word of the name
    name_variant: float = 0.05  # a spelling variant (Souza/Sousa, Luiz/Luís)
    accent_loss: float = 0.25  # accents dropped in one appearance (besides sources that never write them)
    drop_particles: float = 0.15  # "Maria Eduarda Santos Silva" for "... dos Santos da Silva"
    abbreviate_middle: float = 0.08  # "Maria E. dos Santos"
    drop_middle: float = 0.06  # a middle surname left out
    mother_name: float = 0.65  # mother's name present
    cpf: float = 0.30  # CPF present
    birth_date_missing: float = 0.12
    birth_date_swap: float = 0.03  # day and month swapped
    birth_date_typo: float = 0.03  # day or year off by one
    field_missing: float = 1.0  # multiplies each column's base missing rate
    coded_disagreement: float = 0.04  # another code in a coded column (raça/cor, escolaridade)

    def as_dict(self) -> dict:
        return asdict(self)


_TEXT_RATES = ("name_typo", "name_variant", "accent_loss", "drop_particles", "abbreviate_middle", "drop_middle")
_DATE_RATES = ("birth_date_swap", "birth_date_typo", "coded_disagreement")


def _scaled(factor: float, share: float) -> NoiseParams:
    base = NoiseParams()
    changes = {name: min(1.0, getattr(base, name) * factor) for name in _TEXT_RATES + _DATE_RATES}
    return replace(base, **changes, multi_source_share=share, field_missing=factor, birth_date_missing=0.12 * factor)


NOISE_LEVELS = {"low": _scaled(0.4, 0.20), "default": NoiseParams(), "high": _scaled(2.0, 0.45)}

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

_ACCENTS = str.maketrans("áàâãäéèêëíìîïóòôõöúùûüçÁÀÂÃÄÉÈÊËÍÌÎÏÓÒÔÕÖÚÙÛÜÇ", "aaaaaeeeeiiiiooooouuuucAAAAAEEEEIIIIOOOOOUUUUC")

VARIANTS = {
    "Souza": "Sousa", "Sousa": "Souza", "Luiz": "Luís", "Luís": "Luiz", "Thiago": "Tiago", "Tiago": "Thiago",
    "Matheus": "Mateus", "Mateus": "Matheus", "Vitor": "Victor", "Manoel": "Manuel", "Andréia": "Andréa",
    "Daniele": "Danielle", "Thaís": "Taís", "Moraes": "Morais", "Melo": "Mello", "Matos": "Mattos",
    "Rezende": "Resende", "Gonçalves": "Gonçalvez", "Cavalcanti": "Cavalcante", "Terezinha": "Teresinha",
    "Aline": "Alline", "Suelen": "Suellen", "Jaqueline": "Jacqueline", "Isabela": "Isabella",
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


def noisy_birth_date(rng, born: date, noise: NoiseParams) -> date | None:
    if rng.random() < noise.birth_date_missing:
        return None
    if rng.random() < noise.birth_date_swap and born.day <= 12 and born.day != born.month:
        return born.replace(month=born.day, day=born.month)
    if rng.random() < noise.birth_date_typo:
        if rng.random() < 0.5 and (born.month, born.day) != (2, 29):
            return born.replace(year=born.year + rng.choice((-1, 1)))
        return born.replace(day=born.day + 1 if born.day < 28 else born.day - 1)
    return born
