"""Comparison keys for place names.

People write "Pau-d'Arco", "Pau D’Arco" or "pau darco", "Santa Bárbara d'Oeste" or "santa barbara doeste":
the key folds accents and case (pnetp.core.text.fold) and then drops every character that is not a letter
or a digit, so all those forms meet. IBGE forbids two municipalities with the same name in one UF, so the
key is unique inside a UF.
"""

import re

from pnetp.core.text import fold

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def place_key(value: str | None) -> str:
    return _NOT_ALNUM.sub("", fold(value))
