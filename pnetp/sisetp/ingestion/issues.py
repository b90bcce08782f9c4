"""The validation report: every problem with file, line, column, value and a Portuguese explanation.

Errors refuse the file (nothing is written); warnings (avisos) do not: they list values written as
reported and flagged invalid (an identity file's mistyped CPF or impossible date), counted per column
in ``quality``. An identity value is never quoted: ``mask_cpf`` keeps only its middle digits.
"""

import re
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

MAX_ISSUES = 1000  # beyond this the report only counts: nobody reads the 1001st identical error
ERROR, WARNING = "erro", "aviso"
_NOT_DIGITS = re.compile(r"\D")


def mask_cpf(text: str) -> str:
    """A CPF as ``***.456.789-**`` (its middle six digits only); ``***`` if it has not 11 digits."""
    digits = _NOT_DIGITS.sub("", text or "")
    return f"***.{digits[3:6]}.{digits[6:9]}-**" if len(digits) == 11 else "***"


@dataclass(frozen=True)
class Issue:
    file: str
    line: int | None
    column: str
    value: str
    message: str
    level: str = ERROR

    def __str__(self) -> str:
        parts = [_("aviso") + ": " + self.file] if self.level == WARNING else [self.file]
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
    warnings: list[Issue] = field(default_factory=list)
    warning_total: int = 0
    quality: dict = field(default_factory=dict)  # column → values written as reported and flagged invalid

    def add(self, file: str, line, column: str, value, message: str) -> None:
        self.total += 1
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(Issue(file, line, column, "" if value is None else str(value)[:200], message))

    def warn(self, file: str, line, column: str, value, message: str) -> None:
        """A value written as reported and flagged invalid: listed, counted per column, not a refusal."""
        self.warning_total += 1
        self.quality[column] = self.quality.get(column, 0) + 1
        if len(self.warnings) < MAX_ISSUES:
            self.warnings.append(Issue(file, line, column, "" if value is None else str(value)[:200], message, WARNING))

    def extend(self, other: "Report") -> None:
        """Add ``other``'s errors and warnings (with its counts of those not listed)."""
        for issue in other.issues:
            self.add(issue.file, issue.line, issue.column, issue.value, issue.message)
        self.total += other.truncated
        for issue in other.warnings:
            self.warn(issue.file, issue.line, issue.column, issue.value, issue.message)
        self.warning_total += other.warning_total - len(other.warnings)
        for column, count in other.quality.items():
            listed = sum(1 for issue in other.warnings if issue.column == column)
            self.quality[column] = self.quality.get(column, 0) + count - listed

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

    def warning_lines(self) -> list[str]:
        lines = [str(issue) for issue in self.warnings]
        left = self.warning_total - len(self.warnings)
        if left:
            lines.append(_("… e mais %(count)s avisos não listados.") % {"count": left})
        return lines
