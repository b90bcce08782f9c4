"""What an import did (or, with dry_run, would do), level by level."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import Plan


@dataclass
class LevelReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # stored, absent from the document, left alone

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


@dataclass
class ImportResult:
    plan: Plan  # unsaved when a dry run would create it
    plan_outcome: str  # "created", "updated" or "unchanged"
    source_name: str
    format: str
    dry_run: bool
    axes: LevelReport = field(default_factory=LevelReport)
    actions: LevelReport = field(default_factory=LevelReport)
    activities: LevelReport = field(default_factory=LevelReport)

    @property
    def changed(self) -> bool:
        return self.plan_outcome != "unchanged" or any(level.changed for level in self.levels())

    def levels(self) -> list[LevelReport]:
        return [self.axes, self.actions, self.activities]

    def summary_lines(self) -> list[str]:
        outcome = {
            "created": _("criado"),
            "updated": _("atualizado"),
            "unchanged": _("inalterado"),
        }[self.plan_outcome]
        lines = []
        if self.dry_run:
            lines.append(_("Simulação (--dry-run): nada foi gravado; abaixo, o que a importação faria."))
        lines.append(
            _("Plano %(slug)s (%(title)s), de %(source)s: %(outcome)s")
            % {"slug": self.plan.slug, "title": self.plan, "source": self.source_name, "outcome": outcome}
        )
        counts = [
            (self.axes, _("Eixos: %(created)d criados, %(updated)d atualizados, %(unchanged)d inalterados")),
            (
                self.actions,
                _("Ações prioritárias: %(created)d criadas, %(updated)d atualizadas, %(unchanged)d inalteradas"),
            ),
            (self.activities, _("Atividades: %(created)d criadas, %(updated)d atualizadas, %(unchanged)d inalteradas")),
        ]
        for level, message in counts:
            lines.append(
                message
                % {"created": len(level.created), "updated": len(level.updated), "unchanged": len(level.unchanged)}
            )
        missing = [
            (self.axes, _("Eixos ausentes no documento (mantidos no banco): %(codes)s")),
            (self.actions, _("Ações prioritárias ausentes no documento (mantidas no banco): %(codes)s")),
            (self.activities, _("Atividades ausentes no documento (mantidas no banco): %(codes)s")),
        ]
        for level, message in missing:
            if level.missing:
                lines.append(message % {"codes": ", ".join(level.missing)})
        return lines
