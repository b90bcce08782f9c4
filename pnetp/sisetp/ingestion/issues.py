"""The validation report: every problem with file, line, column, value and a Portuguese explanation."""

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

MAX_ISSUES = 1000  # beyond this the report only counts: nobody reads the 1001st identical error


@dataclass(frozen=True)
class Issue:
    file: str
    line: int | None
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        parts = [self.file]
        if self.line:
            parts.append(_("linha %(line)s") % {"line": self.line})
        if self.column:
            parts.append(_("coluna %(column)s") % {"column": self.column})
        if self.value:
            parts.append(_("valor '%(value)s'") % {"value": self.value})
        return ", ".join(parts) + ": " + self.message

    def as_dict(self) -> dict:
        return {**asdict(self), "text": str(self)}


@dataclass
class Report:
    issues: list[Issue] = field(default_factory=list)
    total: int = 0

    def add(self, file: str, line, column: str, value, message: str) -> None:
        self.total += 1
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(Issue(file, line, column, "" if value is None else str(value)[:200], message))

    @property
    def ok(self) -> bool:
        return self.total == 0

    @property
    def truncated(self) -> int:
        return self.total - len(self.issues)

    def lines(self) -> list[str]:
        lines = [str(issue) for issue in self.issues]
        if self.truncated:
            lines.append(_("… e mais %(count)s problemas não listados.") % {"count": self.truncated})
        return lines
