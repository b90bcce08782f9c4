"""Official codes: "3" (eixo), "3.2" (ação prioritária), "3.2.1" (atividade)."""

import re

_CODE = re.compile(r"^\d+(?:\.\d+)*$")
# Three digits per level keep position_for() inside PostgreSQL's integer range.
MAX_PART = 999


def parse_code(raw: str, depth: int) -> str | None:
    """Normalise a code written with ``depth`` parts ("5.3." → "5.3"); None if it is not one."""
    value = raw.strip().rstrip(".")
    if not _CODE.match(value):
        return None
    parts = [int(part) for part in value.split(".")]
    if len(parts) != depth or not all(1 <= part <= MAX_PART for part in parts):
        return None
    return ".".join(str(part) for part in parts)


def parent_code(code: str) -> str:
    return code.rpartition(".")[0]


def last_part(code: str) -> int:
    return int(code.rpartition(".")[2])


def position_for(code: str) -> int:
    """Global order derived from the code ("3.2.1" → 3002001).

    Unlike a running index it does not shift when a revised document adds an item in the middle,
    so unchanged items stay unchanged, and ordering by position across a whole plan is still
    the natural order of the codes.
    """
    position = 0
    for part in code.split("."):
        position = position * (MAX_PART + 1) + int(part)
    return position
