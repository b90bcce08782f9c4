"""The plan document format of the official text (iv-pnetp-2024-2028.txt).

A title line, an intro paragraph, then per axis: "Eixo N - Título", a description paragraph,
the header "Ação prioritária<TAB>#<TAB>Atividades" and tab-separated rows
"N.N Título da ação<TAB>N.N.N<TAB>Atividade" or, for further activities, "<TAB>N.N.N<TAB>Atividade".
"""

import re

from django.utils.translation import gettext as _

from pnetp.core.text import clean_text, fold

from .codes import parse_code
from .errors import Issues
from .reading import Source, decode_text, split_lines
from .structure import ParsedDocument, StructureBuilder

_AXIS_HEADING = re.compile(r"^eixo\s+(\S+?)\s*[-\u2010-\u2015]\s*(.+)$", re.IGNORECASE)
_LOOKS_LIKE_HEADING = re.compile(r"^eixo\s+\d", re.IGNORECASE)
_PERIOD = re.compile(r"periodo de (\d{4}) a (\d{4})")
_SNIPPET = 60


def _snippet(text: str) -> str:
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"


def _is_table_header(cells: list[str]) -> bool:
    return fold(cells[0]).startswith("acao prioritaria") and fold(cells[-1]).startswith("atividade")


class _TextParser:
    def __init__(self, source: Source):
        self.issues = Issues(source.name)
        self.builder = StructureBuilder(self.issues)
        self.title_line: str | None = None  # "EIXOS ESTRATÉGICOS E AÇÕES…", not the plan's title
        self.intro: list[str] = []
        self.description: list[str] = []  # paragraphs of the current axis, before its table
        self.in_table = False

    def parse(self, lines: list[str]) -> None:
        for number, raw in enumerate(lines, start=1):
            cells = [clean_text(cell) for cell in raw.split("\t")]
            while cells and not cells[-1]:
                cells.pop()  # trailing tabs do not make a paragraph a table row
            if len(cells) > 1:
                self.table_row(number, cells)
            elif cells:
                self.paragraph(number, cells[0])
        self.close_axis()

    def close_axis(self) -> None:
        axis = self.builder.current_axis
        if axis is not None and not axis.description:
            axis.description = "\n\n".join(self.description)
        self.description = []

    def paragraph(self, number: int, text: str) -> None:
        heading = _AXIS_HEADING.match(text)
        if heading:
            self.axis_heading(number, heading)
        elif _LOOKS_LIKE_HEADING.match(text):
            self.issues.add(
                _("título de eixo malformado “%(text)s” (esperado “Eixo N - Título”)") % {"text": _snippet(text)},
                number,
            )
        elif self.builder.current_axis is None:
            if self.title_line is None:
                self.title_line = text
            else:
                self.intro.append(text)
        elif not self.in_table:
            self.description.append(text)
        else:
            self.issues.add(
                _(
                    "linha não reconhecida “%(text)s” (esperado um título “Eixo N - Título” "
                    "ou uma linha da tabela com colunas separadas por tabulação)"
                )
                % {"text": _snippet(text)},
                number,
            )

    def axis_heading(self, number: int, heading: re.Match) -> None:
        code = parse_code(heading.group(1), depth=1)
        if code is None:
            self.issues.add(
                _("número de eixo inválido “%(code)s” (esperado um número inteiro)") % {"code": heading.group(1)},
                number,
            )
            return
        self.close_axis()
        self.builder.add_axis(code, heading.group(2).strip(), "", number)
        self.in_table = False

    def table_row(self, number: int, cells: list[str]) -> None:
        if _is_table_header(cells):
            if self.builder.current_axis is None:
                self.issues.add(_("tabela antes de qualquer eixo (esperado antes um título “Eixo N - Título”)"), number)
            self.in_table = True
            return
        self.in_table = True
        if len(cells) != 3 or not cells[1] or not cells[2]:
            self.issues.add(
                _(
                    "esperado 3 colunas separadas por tabulação (ação prioritária, código da atividade "
                    "e texto da atividade), encontrado “%(text)s”"
                )
                % {"text": _snippet(" | ".join(cells))},
                number,
            )
            return
        action_cell, activity_cell, activity_text = cells
        if action_cell:
            token, _space, title = action_cell.partition(" ")
            code = parse_code(token, depth=2)
            if code is None or not title.strip():
                self.issues.add(
                    _("esperado código e título da ação prioritária (ex.: “1.1 Título”), encontrado “%(text)s”")
                    % {"text": _snippet(action_cell)},
                    number,
                )
                return
            if self.builder.add_action(code, title.strip(), number) is None:
                return
        code = parse_code(activity_cell, depth=3)
        if code is None:
            self.issues.add(
                _("código de atividade inválido “%(code)s” (esperado N.N.N)") % {"code": _snippet(activity_cell)},
                number,
            )
            return
        self.builder.add_activity(code, activity_text, number)


def parse_text_document(source: Source) -> ParsedDocument:
    text = decode_text(source)
    parser = _TextParser(source)
    lines = split_lines(text)
    if not any(clean_text(line) for line in lines):
        parser.issues.add(_("documento vazio (esperado o texto do plano com seus eixos)"))
        parser.issues.raise_if_any()
    parser.parse(lines)
    axes = parser.builder.finish()
    intro = "\n\n".join(parser.intro)
    period = _PERIOD.search(fold(intro))
    return ParsedDocument(
        source_name=source.name,
        sha256=source.sha256,
        format="text",
        axes=axes,
        intro=intro,
        start_year=int(period.group(1)) if period else None,
        end_year=int(period.group(2)) if period else None,
    )
