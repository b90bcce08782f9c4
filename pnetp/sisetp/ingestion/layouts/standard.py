"""The standard's own CSV (``standard.layout.CASE_PERSON``): headers are the standard column names."""

from django.utils.translation import gettext as _

from ...standard import layout
from ..validation import AGE_BAND_COLUMN
from .base import Layout


class StandardLayout(Layout):
    name = "standard"
    positional = True

    def provided_columns(self, header):
        known = {*layout.CASE_PERSON.header, AGE_BAND_COLUMN}
        return [name for name in header if name in known]

    def check_header(self, header, validator) -> bool:
        known = set(layout.CASE_PERSON.header) | {AGE_BAND_COLUMN}
        for name in header:
            if name not in known:
                self.problem(1, name, "", _("coluna desconhecida no leiaute padrão"))
        ok = validator.check_header(header)
        return ok and all(name in known for name in header)

    def cells(self, table):
        width = len(table.header)
        for line, cells in table.rows:
            if len(cells) != width:
                self.problem(
                    line, "", "", _("a linha tem %(n)s colunas; o cabeçalho tem %(m)s") % {"n": len(cells), "m": width}
                )
                continue
            yield line, cells

    def rows(self, table):
        header = table.header
        for line, cells in self.cells(table):
            yield line, dict(zip(header, cells, strict=True))


LAYOUT = StandardLayout
