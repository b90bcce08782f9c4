"""Translating values between the standard's vocabularies and HTCDS, CTDC and Disque 100.

    map_value("exploitation_form", "htcds", "SexualExploitation")  -> "exploracao_sexual"
    export_values("means_of_control", "ctdc2024", "ameaca")         -> ("meansThreats",)

Matching ignores case, accents, surrounding spaces and the kind of dash ("18--20" = "18—20").
An external value that means "unknown" (see ``is_unknown_value``) maps to None, as does one
with no exact or narrower match: the standard never guesses.
"""

import re
from functools import cache

from pnetp.core.text import fold

from .schemes import SCHEMES, UNKNOWN_VALUES
from .vocabularies import get_vocabulary

_DASHES = re.compile(r"\s*(?:-{1,2}|[\u2010-\u2015])\s*")


def normalize_external(value: str) -> str:
    return fold(_DASHES.sub("-", str(value))).strip()


def _check_scheme(scheme: str) -> None:
    if scheme not in SCHEMES:
        raise LookupError(f"unknown scheme {scheme!r}; expected one of {', '.join(SCHEMES)}")


@cache
def _import_index(vocabulary: str, scheme: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for item in get_vocabulary(vocabulary).entries:
        for match in item.matches(scheme):
            if match.imports:
                key = normalize_external(match.value)
                if index.setdefault(key, item.code) != item.code:
                    raise ValueError(f"{vocabulary}/{scheme}: {match.value!r} imports into two codes")
    return index


def map_value(vocabulary: str, scheme: str, external_value: str | None) -> str | None:
    """The code of ``vocabulary`` that ``external_value`` of ``scheme`` stands for, or None."""
    _check_scheme(scheme)
    if external_value is None or is_unknown_value(scheme, external_value):
        return None
    return _import_index(vocabulary, scheme).get(normalize_external(external_value))


def export_values(vocabulary: str, scheme: str, code: str) -> tuple[str, ...]:
    """The values of ``scheme`` that represent ``code`` (exact or broader matches); empty if none."""
    _check_scheme(scheme)
    item = get_vocabulary(vocabulary).get(code)
    if item is None:
        raise LookupError(f"{code!r} is not a code of {vocabulary!r}")
    return tuple(match.value for match in item.matches(scheme) if match.exports)


def is_unknown_value(scheme: str, external_value: str | None) -> bool:
    """Whether the value is how ``scheme`` writes "unknown" or "missing" (blank included)."""
    _check_scheme(scheme)
    if external_value is None or not str(external_value).strip():
        return True
    return normalize_external(external_value) in {normalize_external(v) for v in UNKNOWN_VALUES[scheme]}
