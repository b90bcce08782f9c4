"""Disque 100 open data, 2nd half of 2020 to 2023 (dictionary sheet "2s2020-2023"), usually ";"-separated.

Only rows whose ``violacao`` is a TRÁFICO DE PESSOAS violation become cases; everything else is
skipped, and a ``hash`` (one victim–suspect pair) seen twice is kept once. Each case gets its victim
(person "1"), with sex, race/colour and the CTDC age band when the Disque 100 band fits inside one;
the place of the violation becomes the exploitation event. The trafficking status stays blank: a
complaint is not a decision.
"""

import re

from django.utils.translation import gettext as _

from pnetp.core.text import fold

from ...models.persons import age_band_for
from ..validation import AGE_BAND_COLUMN, Bad, parse_date
from .base import Layout

TRAFFICKING = "trafico de pessoas"
REQUIRED = ("hash", "Data de cadastro", "violacao")
SEX = {"feminino": "feminino", "mulher": "feminino", "masculino": "masculino", "homem": "masculino",
       "intersexo": "intersexo"}  # fmt: skip
RACE = {"branca": "branca", "preta": "preta", "parda": "parda", "amarela": "amarela", "indigena": "indigena"}
UNKNOWN = {"", "nao informado", "n/d", "nd", "null", "ignorado", "sem informacao", "nao se aplica"}
_BAND = re.compile(r"^(\d+)\s*a\s*(\d+)\s*anos?$")
_OVER = re.compile(r"^(\d+)\s*anos? ou mais$|^mais de (\d+)\s*anos?$")


def age_band(text: str):
    """The CTDC band holding a whole Disque 100 band ("18 a 19 anos" → "18_20"); None if it straddles two."""
    folded = fold(text)
    if match := _BAND.match(folded):
        low, high = int(match[1]), int(match[2])
        band = age_band_for(low)
        return band if band == age_band_for(high) else None
    if match := _OVER.match(folded):
        low = int(match[1] or match[2])
        return "48_mais" if low >= 48 else None
    return None


class Disque100Layout(Layout):
    name = "disque100"
    scheme = "disque100"

    def provided_columns(self, header):
        """Only what the header has: a column left out of the file leaves the stored values as they are."""
        names = {name.strip() for name in header}
        columns = ["fonte", "id_registro", "id_pessoa", "data_registro", "papel"]
        if "Sexo da vítima" in names:
            columns.append("sexo")
        if any(fold(name).startswith("raca") and "vitima" in fold(name) for name in names):
            columns.append("raca_cor")
        if names & {"UF", "Município"}:
            columns += ["municipio_exploracao_ibge", "uf_exploracao"]
        if "Faixa etária da vítima" in names:
            columns.append(AGE_BAND_COLUMN)
        return columns

    def check_header(self, header, validator) -> bool:
        self.index = {name.strip(): position for position, name in enumerate(header)}
        races = (name for name in self.index if fold(name).startswith("raca") and "vitima" in fold(name))
        self.race_column = next(races, "")
        self.origin.update({"id_registro": "hash", "data_registro": "Data de cadastro", "sexo": "Sexo da vítima",
                            "raca_cor": self.race_column, "municipio_exploracao_ibge": "Município",
                            "uf_exploracao": "UF"})  # fmt: skip
        return self.missing_columns(self.index, REQUIRED)

    def _cell(self, cells, name) -> str:
        position = self.index.get(name)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    def _coded(self, line, column, text, table):
        key = fold(text)
        if key in UNKNOWN:
            return ""
        if key in table:
            return table[key]
        self.problem(line, column, text, _("valor sem correspondência no padrão"))
        return ""

    def rows(self, table):
        seen = set()
        for line, cells in table.rows:
            if TRAFFICKING not in fold(self._cell(cells, "violacao")):
                continue
            record_id = self._cell(cells, "hash")
            if record_id in seen:
                continue
            seen.add(record_id)
            when = self._cell(cells, "Data de cadastro")[:10]
            try:
                when = parse_date(when) if when else ""
            except Bad as error:
                self.problem(line, "Data de cadastro", when, str(error))
                continue
            uf = self._cell(cells, "UF")
            uf = "" if fold(uf) in UNKNOWN else uf
            municipality = self._cell(cells, "Município")
            municipality = "" if fold(municipality) in UNKNOWN else municipality
            row = {
                "fonte": self.source.slug,
                "id_registro": record_id,
                "id_pessoa": "1",
                "papel": "vitima",
                "data_registro": when,
                "sexo": self._coded(line, "Sexo da vítima", self._cell(cells, "Sexo da vítima"), SEX),
                "raca_cor": self._coded(line, self.race_column, self._cell(cells, self.race_column), RACE),
                "uf_exploracao": uf,
                "municipio_exploracao_ibge": f"{municipality}/{uf}" if municipality and uf else municipality,
            }
            band = self._cell(cells, "Faixa etária da vítima")
            if band and fold(band) not in UNKNOWN:
                row[AGE_BAND_COLUMN] = age_band(band) or ""
            yield line, row


LAYOUT = Disque100Layout
