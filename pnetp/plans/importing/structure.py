"""The plan as read from a document, validated before anything touches the database.

Every reader (text document, CSV, XLSX) feeds the same StructureBuilder, so the rules on codes
— hierarchy, sequence, no repetition — are identical whatever the format.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .codes import last_part, parent_code
from ..models import Axis
from .errors import Issues

AXIS_TITLE_LENGTH = Axis._meta.get_field("title").max_length


@dataclass
class ParsedActivity:
    code: str
    description: str
    line: int


@dataclass
class ParsedAction:
    code: str
    title: str
    line: int
    activities: list[ParsedActivity] = field(default_factory=list)


@dataclass
class ParsedAxis:
    code: str
    title: str
    description: str
    line: int
    actions: list[ParsedAction] = field(default_factory=list)


@dataclass
class ParsedDocument:
    source_name: str
    sha256: str
    format: str  # "text", "csv" or "xlsx"
    axes: list[ParsedAxis]
    intro: str = ""  # plan description; only the text format carries one
    start_year: int | None = None
    end_year: int | None = None

    @property
    def actions(self) -> list[ParsedAction]:
        return [action for axis in self.axes for action in axis.actions]

    @property
    def activities(self) -> list[ParsedActivity]:
        return [activity for action in self.actions for activity in action.activities]


def _next_code(parent: str, siblings: list) -> str:
    """The code that should follow, ignoring siblings already reported as misplaced."""
    numbers = [last_part(item.code) for item in siblings if parent_code(item.code) == parent]
    return f"{parent}.{numbers[-1] + 1 if numbers else 1}"


class StructureBuilder:
    """Receives axes, actions and activities in document order and checks their codes.

    Problems are recorded, not raised, and the item is still accepted where that keeps the
    following rows meaningful, so one run lists every independent mistake of a document.
    """

    def __init__(self, issues: Issues):
        self.issues = issues
        self.axes: list[ParsedAxis] = []
        self._seen: dict[str, int] = {}  # code → line of its first appearance

    @property
    def current_axis(self) -> ParsedAxis | None:
        return self.axes[-1] if self.axes else None

    @property
    def current_action(self) -> ParsedAction | None:
        axis = self.current_axis
        return axis.actions[-1] if axis and axis.actions else None

    def _repeated(self, code: str, message: str, line: int, column: str | None) -> bool:
        first = self._seen.get(code)
        if first is None:
            self._seen[code] = line
            return False
        self.issues.add(message % {"code": code, "first": first}, line, column)
        return True

    def add_axis(self, code: str, title: str, description: str, line: int, column: str | None = None) -> ParsedAxis:
        if len(title) > AXIS_TITLE_LENGTH:
            self.issues.add(
                _("título do eixo %(code)s com %(length)d caracteres (máximo %(limit)d)")
                % {"code": code, "length": len(title), "limit": AXIS_TITLE_LENGTH},
                line,
            )
        if not self._repeated(code, _("eixo %(code)s repetido (já definido na linha %(first)d)"), line, column):
            expected = str(int(self.axes[-1].code) + 1) if self.axes else "1"
            if code != expected:
                self.issues.add(
                    _("eixo %(code)s fora de sequência (esperado eixo %(expected)s)")
                    % {"code": code, "expected": expected},
                    line,
                    column,
                )
        axis = ParsedAxis(code=code, title=title, description=description, line=line)
        self.axes.append(axis)
        return axis

    def add_action(self, code: str, title: str, line: int, column: str | None = None) -> ParsedAction | None:
        axis = self.current_axis
        if axis is None:
            self.issues.add(
                _("ação %(code)s antes de qualquer eixo (esperado antes um título “Eixo N - Título”)") % {"code": code},
                line,
                column,
            )
            return None
        if not self._repeated(code, _("ação %(code)s repetida (já definida na linha %(first)d)"), line, column):
            if parent_code(code) != axis.code:
                self.issues.add(
                    _("a ação %(code)s não pertence ao eixo %(axis)s (esperado %(axis)s.x)")
                    % {"code": code, "axis": axis.code},
                    line,
                    column,
                )
            else:
                expected = _next_code(axis.code, axis.actions)
                if code != expected:
                    self.issues.add(
                        _("ação %(code)s fora de sequência (esperado %(expected)s)")
                        % {"code": code, "expected": expected},
                        line,
                        column,
                    )
        action = ParsedAction(code=code, title=title, line=line)
        axis.actions.append(action)
        return action

    def add_activity(self, code: str, description: str, line: int, column: str | None = None) -> None:
        action = self.current_action
        if action is None:
            self.issues.add(
                _(
                    "atividade %(code)s antes de qualquer ação prioritária "
                    "(esperado antes uma linha “N.N Título da ação”)"
                )
                % {"code": code},
                line,
                column,
            )
            return
        if not self._repeated(code, _("atividade %(code)s repetida (já definida na linha %(first)d)"), line, column):
            if parent_code(code) != action.code:
                self.issues.add(
                    _("a atividade %(code)s não pertence à ação %(action)s (esperado %(action)s.x)")
                    % {"code": code, "action": action.code},
                    line,
                    column,
                )
            else:
                expected = _next_code(action.code, action.activities)
                if code != expected:
                    self.issues.add(
                        _("atividade %(code)s fora de sequência (esperado %(expected)s)")
                        % {"code": code, "expected": expected},
                        line,
                        column,
                    )
        action.activities.append(ParsedActivity(code=code, description=description, line=line))

    def finish(self) -> list[ParsedAxis]:
        """Checks what can only be known at the end, then raises if anything was wrong."""
        if not self.axes and not self.issues:
            self.issues.add(_("nenhum eixo encontrado (esperado uma linha “Eixo 1 - Título”)"))
        for axis in self.axes:
            if not axis.actions:
                self.issues.add(
                    _("o eixo %(code)s não tem ações prioritárias (esperado a tabela “Ação prioritária # Atividades”)")
                    % {"code": axis.code},
                    axis.line,
                )
        self.issues.raise_if_any()
        return self.axes
