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
