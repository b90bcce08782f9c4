"""Brazilian name normalisation and the BuscaBR phonetic key.

``normalise_name``: casefold, strip accents, keep letters, drop the particles (da, de, do, das, dos,
e) that sources write or leave out at will. ``buscabr`` is the BuscaBR phonetic code (Lucena, 2006,
"Utilização de um algoritmo fonético para a língua portuguesa"), built for Brazilian names: the
rules below replace letter groups that sound alike in Brazilian Portuguese, in this order, then drop
endings that are often not heard, the vowels and H (except as first letter) and repeated letters.
"ç" becomes "c", as sources that lose accents write it, so "Gonçalves" = "Goncalves".
"""

import re
import unicodedata

PARTICLES = frozenset({"da", "de", "do", "das", "dos", "e", "di", "du", "del", "d"})

# (pattern, replacement) applied in order on an upper-case, accent-free word.
_BUSCABR_RULES = [
    (r"B[LR]", "B"),
    (r"PH", "F"),
    (r"GL|GR|MG|NG|RG", "G"),
    (r"Y", "I"),
    (r"G[EI]|RJ|MJ", "J"),
    (r"C[AOU]|CK|Q", "K"),
    (r"N", "M"),
    (r"AO|AUM|GM|MD|OM", "M"),
    (r"PR", "P"),
    (r"L", "R"),
    (r"C[EIHS]|RS|TS|X|Z", "S"),
    (r"TR|TL|CT|RT|ST|PT", "T"),
    (r"W", "V"),
    (r"C", "K"),
]
_BUSCABR = [(re.compile(p), r) for p, r in _BUSCABR_RULES]
_ENDINGS = re.compile(r"(S|Z|R|M|N|AO|L)$")
_NOT_LETTER = re.compile(r"[^a-z ]+")


def strip_accents(text: str) -> str:
    if text.isascii():  # most names: nothing to strip
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_tokens(name: str | None) -> list[str]:
    """ "Maria Eduarda dos Santos da SILVA" → ["maria", "eduarda", "santos", "silva"]."""
    if not name:
        return []
    text = _NOT_LETTER.sub(" ", strip_accents(name).casefold())
    return [t for t in text.split() if t not in PARTICLES]


def normalise_name(name: str | None) -> str | None:
    return " ".join(name_tokens(name)) or None


def buscabr(word: str | None) -> str:
    """BuscaBR code of one word: "Walter" and "Valter" → "VT"; "Kátia" and "Catia" → "KT"."""
    if not word:
        return ""
    w = re.sub(r"[^A-Z]", "", strip_accents(word).upper())
    if not w:
        return ""
    for pattern, repl in _BUSCABR:
        w = pattern.sub(repl, w)
    w = _ENDINGS.sub("", w) or w[:1]
    head, tail = w[0], re.sub(r"[AEIOUH]", "", w[1:])
    out = []
    for c in head + tail:  # repeated letters sound once
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def phonetic_name(name: str | None) -> str | None:
    """The BuscaBR codes of each word of the normalised name, space-separated."""
    codes = [buscabr(t) for t in name_tokens(name)]
    return " ".join(c for c in codes if c) or None


def digits(text: str | None) -> str | None:
    out = re.sub(r"\D", "", text or "")
    return out or None
