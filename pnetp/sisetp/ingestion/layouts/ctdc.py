"""What the two CTDC layouts share: one row per victim, yes/no flag columns, a year instead of a date.

CTDC files carry no record id: the row number is the id, so a CTDC release must be re-imported as a
whole (the same file again changes nothing). Flag columns hold 1 (yes), 0 (no) or the scheme's
missing value; each flag maps to a code through the vocabularies' ``ctdc2024``/``ctdc6`` matches.
"""

import re

from django.utils.translation import gettext as _

from ...standard.mapping import is_unknown_value, map_value
from ..validation import AGE_BAND_COLUMN
from .base import Layout

# Standard column → (vocabulary, prefixes of the flag columns that feed it).
FLAG_GROUPS = {
    "meios_controle": ("means_of_control", ("means",)),
    "formas_exploracao": ("exploitation_form", ("isForced", "isSexual", "isOther", "isOrgan", "isSlavery")),
    "setores_trabalho": ("labour_sector", ("typeOfLabour",)),
    "tipos_exploracao_sexual": ("sexual_exploitation_type", ("typeOfSex",)),
    "formas_aliciamento": ("recruitment_method", ("isAbduction",)),
}
RELATION_PREFIX = "recruiterRelation"
_YEAR = re.compile(r"^(19|20)\d{2}$")


class CtdcLayout(Layout):
    year_column = "yearOfRegistration"
    required = ("yearOfRegistration",)
    skip_first_column = False

    def provided_columns(self, header):
        """Only what the header has: a column left out of the file leaves the stored values as they are."""
        columns = ["fonte", "id_registro", "id_pessoa", "data_registro", "papel"]
        optional = {"gender": "identidade_genero", "citizenship": "nacionalidades",
                    "CountryOfExploitation": "pais_exploracao", "ageBroad": AGE_BAND_COLUMN}  # fmt: skip
        columns += [target for name, target in optional.items() if name in header]
        if any(name.startswith(RELATION_PREFIX) for name in header):
            columns.append("relacao_aliciador")
        for target, (_vocabulary, prefixes) in FLAG_GROUPS.items():
            if any(name.startswith(prefixes) for name in header):
                columns.append(target)
        return columns

    def check_header(self, header, validator) -> bool:
        self.index = {name: position for position, name in enumerate(header)}
        self.flags = []  # (position, column, standard column, code)
        self.relations = []  # (position, column, code)
        for position, name in enumerate(header):
            if name.startswith(RELATION_PREFIX):
                code = map_value("relationship_to_recruiter", self.scheme, name)
                if code:
                    self.relations.append((position, name, code))
                continue
            for target, (vocabulary, prefixes) in FLAG_GROUPS.items():
                if name.startswith(prefixes) and (code := map_value(vocabulary, self.scheme, name)):
                    self.flags.append((position, name, target, code))
        return self.missing_columns(header, self.required)

    def _cell(self, cells, name):
        position = self.index.get(name)
        value = cells[position].strip() if position is not None and position < len(cells) else ""
        return "" if is_unknown_value(self.scheme, value) else value

    def _flag(self, line, name, value) -> bool:
        value = value.strip()
        if value == "1":
            return True
        if value in ("0", "") or is_unknown_value(self.scheme, value):
            return False
        self.problem(line, name, value, _("valor inválido: use 1 (sim), 0 (não) ou o valor de ausente"))
        return False

    def rows(self, table):
        for line, cells in table.rows:
            year = self._cell(cells, self.year_column)
            if year and not _YEAR.match(year):
                self.problem(line, self.year_column, year, _("ano inválido (use AAAA)"))
                continue
            row = {
                "fonte": self.source.slug,
                "id_registro": str(line - 1),
                "id_pessoa": "1",
                "papel": "vitima",
                "data_registro": f"{year}-01-01" if year else "",
                "nacionalidades": self._cell(cells, "citizenship"),
                "pais_exploracao": self._cell(cells, "CountryOfExploitation"),
            }
            if gender := self._cell(cells, "gender"):
                row["identidade_genero"] = self.mapped("gender_identity", line, "gender", gender) or ""
            if band := self._cell(cells, "ageBroad"):
                row[AGE_BAND_COLUMN] = self.mapped("age_band", line, "ageBroad", band) or ""
            lists: dict[str, list[str]] = {}
            for position, name, target, code in self.flags:
                if position < len(cells) and self._flag(line, name, cells[position]):
                    lists.setdefault(target, []).append(code)
            for target, codes in lists.items():
                row[target] = ";".join(codes)
            relations = [code for position, name, code in self.relations if self._flag(line, name, cells[position])]
            if len(set(relations)) == 1:  # several relations at once: the standard keeps one, so none is guessed
                row["relacao_aliciador"] = relations[0]
            yield line, row
