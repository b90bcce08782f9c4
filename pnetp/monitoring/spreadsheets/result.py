"""What an import did (or, with dry_run, would do), sheet by sheet."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass
class SheetOutcome:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


_LINES = {
    "responsibilities": gettext_lazy(
        "Responsabilidades: %(created)d criadas, %(updated)d atualizadas, %(unchanged)d inalteradas"
    ),
    "indicators": gettext_lazy("Indicadores: %(created)d criados, %(updated)d atualizados, %(unchanged)d inalterados"),
    "reports": gettext_lazy("Relatórios: %(created)d criados, %(updated)d atualizados, %(unchanged)d inalterados"),
}


@dataclass
class ImportResult:
    dry_run: bool = False
    sheets: dict[str, SheetOutcome] = field(default_factory=dict)  # by kind, in the order applied

    def outcome(self, kind: str) -> SheetOutcome:
        return self.sheets.setdefault(kind, SheetOutcome())

    @property
    def changed(self) -> bool:
        return any(o.created or o.updated for o in self.sheets.values())

    def summary_lines(self) -> list[str]:
        lines = (
            [_("Simulação (--dry-run): nada foi gravado; abaixo, o que a importação faria.")] if self.dry_run else []
        )
        for kind, outcome in self.sheets.items():
            counts = {
                "created": len(outcome.created),
                "updated": len(outcome.updated),
                "unchanged": len(outcome.unchanged),
            }
            lines.append(str(_LINES[kind]) % counts)
        return lines
