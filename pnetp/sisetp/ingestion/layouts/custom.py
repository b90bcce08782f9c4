"""A source's own spreadsheet, read through its saved ``SourceMapping``.

columns: source column → standard column; values: per standard column, source value → standard code
(values not listed pass through, so they may already be codes); constants: a value for every row.
"""

from django.utils.translation import gettext as _

from ...standard import layout
from ...standard.layout import LIST_SEPARATOR, split_list
from .base import Layout


class CustomLayout(Layout):
    name = "custom"

    def provided_columns(self, header):
        mapping = self.mapping
        return sorted({"fonte", *mapping.columns.values(), *mapping.constants})

    def check_header(self, header, validator) -> bool:
        mapping = self.mapping
        missing = [name for name in mapping.columns if name not in header]
        for name in missing:
            self.problem(1, name, "", _("coluna do mapeamento ausente no arquivo"))
        self.positions = [(header.index(src), src, std) for src, std in mapping.columns.items() if src in header]
        self.origin.update({std: src for src, std in mapping.columns.items()})
        provided = {std for _position, _src, std in self.positions} | set(mapping.constants) | {"fonte"}
        return validator.check_header(provided) and not missing

    def rows(self, table):
        values = self.mapping.values
        multiple = {col.name for col in layout.CASE_PERSON.columns if col.multiple}
        constants = {"fonte": self.source.slug, **self.mapping.constants}
        for line, cells in table.rows:
            row = dict(constants)
            for position, _src, std in self.positions:
                text = cells[position].strip() if position < len(cells) else ""
                table_ = values.get(std)
                if table_ and text:
                    if std in multiple:
                        text = LIST_SEPARATOR.join(table_.get(item, item) for item in split_list(text))
                    else:
                        text = table_.get(text, text)
                row[std] = text
            yield line, row


LAYOUT = CustomLayout
