"""The building blocks of a vocabulary: entries, their codes and their mappings to other standards.

A mapping says how an entry relates to a value of an external scheme, in SKOS terms:

- ``exact``: the same concept; used to import and to export;
- ``narrower``: the external value is narrower than the entry (the entry includes it); importing it
  into the entry loses nothing, exporting the entry as that value would over-state it: import only;
- ``broader``: the external value is broader than the entry (e.g. CTDC 2024 merged several means of
  control into one variable); exporting the entry as that value is right, importing would guess: export only.
"""

from dataclasses import dataclass, field
from typing import Literal

MatchKind = Literal["exact", "narrower", "broader"]


@dataclass(frozen=True)
class Match:
    value: str
    kind: MatchKind = "exact"

    @property
    def imports(self) -> bool:
        return self.kind in ("exact", "narrower")

    @property
    def exports(self) -> bool:
        return self.kind in ("exact", "broader")


def narrower(*values: str) -> tuple[Match, ...]:
    return tuple(Match(value, "narrower") for value in values)


def broader(*values: str) -> tuple[Match, ...]:
    return tuple(Match(value, "broader") for value in values)


MappingSpec = str | Match | tuple  # a value (exact), a Match, or a tuple mixing both


def _matches(spec: MappingSpec | None) -> tuple[Match, ...]:
    if spec is None:
        return ()
    if isinstance(spec, str):
        return (Match(spec),)
    if isinstance(spec, Match):
        return (spec,)
    return tuple(match for item in spec for match in _matches(item))


@dataclass(frozen=True)
class Entry:
    code: str
    label: str  # lazy pt-BR text
    mappings: dict[str, tuple[Match, ...]] = field(default_factory=dict)
    note: str = ""  # lazy pt-BR text: legal basis or scope of the entry

    def matches(self, scheme: str) -> tuple[Match, ...]:
        return self.mappings.get(scheme, ())


def entry(code: str, label, *, note="", htcds=None, ctdc2024=None, ctdc6=None, disque100=None) -> Entry:
    specs = {"htcds": htcds, "ctdc2024": ctdc2024, "ctdc6": ctdc6, "disque100": disque100}
    mappings = {scheme: _matches(spec) for scheme, spec in specs.items() if spec is not None}
    return Entry(code=code, label=label, mappings=mappings, note=note)


@dataclass(frozen=True)
class Vocabulary:
    slug: str  # English identifier used in code (map_value, model fields)
    label: str  # lazy pt-BR text
    description: str  # lazy pt-BR text
    entries: tuple[Entry, ...]
    # Where the external schemes keep this concept (HTCDS field, CTDC variables), for the dictionary.
    references: dict[str, str] = field(default_factory=dict)

    def codes(self) -> list[str]:
        return [item.code for item in self.entries]

    def get(self, code: str) -> Entry | None:
        return next((item for item in self.entries if item.code == code), None)

    def label_for(self, code: str | None) -> str:
        item = self.get(code) if code else None
        return str(item.label) if item else ""

    def choices(self) -> list[tuple[str, str]]:
        return [(item.code, item.label) for item in self.entries]
