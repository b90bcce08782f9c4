"""What the operator can say about the plan beyond what the document itself says."""

from dataclasses import dataclass
from typing import Any


@dataclass
class ImportOptions:
    slug: str | None = None
    title: str | None = None
    short_title: str | None = None
    kind: str | None = None  # Plan.Kind value
    territory: str | None = None  # "BR", a UF ("SP") or an IBGE municipality code ("3550308")
    parent: str | None = None  # slug of the plan this one aligns with
    start_year: int | None = None
    end_year: int | None = None
    publish: bool = False
    dry_run: bool = False
    progress: bool = False  # tqdm bar on stderr; callers pass True only for a terminal
    history_user: Any = None  # recorded by django-simple-history, e.g. request.user in a view
