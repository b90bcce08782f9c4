"""Text clean-up shared by importers and search.

Official documents arrive with HTML fragments, non-breaking spaces and doubled white space;
search must ignore accents and case on every database, so a folded copy is stored beside the text.
"""

import html
import re
import unicodedata

_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)])")


def clean_text(value: str | None) -> str:
    """Strip markup and entities, turn every kind of space into one plain space."""
    if not value:
        return ""
    value = html.unescape(_TAG.sub(" ", value))
    value = value.replace("\u00a0", " ").replace("\u200b", "")
    value = _SPACES.sub(" ", value).strip()
    # Removing inline tags such as "<i>queers</i> ," leaves a space before punctuation.
    return _SPACE_BEFORE_PUNCT.sub(r"\1", value)


def fold(value: str | None) -> str:
    """Lower-case, accent-free form used for accent-insensitive search."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def _fold_char(ch: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).casefold()


def find_folded(value: str, terms: list[str]) -> list[tuple[int, int]]:
    """Spans of ``value`` (original characters) whose folded form contains one of the folded ``terms``.

    Folding is done character by character, keeping where each folded character came from, so
    "capacitacao" marks "capacitação" in the original text. Overlapping spans are merged.
    """
    folded: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(value):
        for c in _fold_char(ch):
            folded.append(c)
            origin.append(i)
    text = "".join(folded)
    spans = []
    for term in filter(None, terms):
        start = text.find(term)
        while start != -1:
            spans.append((origin[start], origin[start + len(term) - 1] + 1))
            start = text.find(term, start + len(term))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
