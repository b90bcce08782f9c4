"""Shared helpers for the import/export tests.

Variant documents are derived in the tests from the bundled official document, so no extra
fixture files are committed.
"""

from pathlib import Path

import pytest

from pnetp.plans.models import Activity, Axis, Plan, PriorityAction

DOCUMENT_PATH = Path(__file__).resolve().parent.parent / "data" / "iv-pnetp-2024-2028.txt"


@pytest.fixture
def document_bytes() -> bytes:
    return DOCUMENT_PATH.read_bytes()


@pytest.fixture
def document_lines(document_bytes) -> list[str]:
    """The official document split on "\\n", so index i is line i + 1 of the file."""
    return document_bytes.decode("utf-8").split("\n")


@pytest.fixture
def write_file(tmp_path):
    """write_file(name, bytes | str | list[str]) → Path; lists are joined with "\\n"."""

    def write(name: str, content) -> Path:
        if isinstance(content, list):
            content = "\n".join(content)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path = tmp_path / name
        path.write_bytes(content)
        return path

    return write


@pytest.fixture
def db_counts():
    """db_counts() → rows of every plan table and of its history table."""

    def counts() -> dict[str, int]:
        result = {}
        for model in (Plan, Axis, PriorityAction, Activity):
            result[model.__name__] = model.objects.count()
            result[f"{model.__name__}.history"] = model.history.count()
        return result

    return counts
