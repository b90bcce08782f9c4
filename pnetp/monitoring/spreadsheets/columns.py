"""The sheets of a monitoring spreadsheet and their columns, identical on export and import.

Sheet titles, file names and column names are a file format, not interface text: they are
not translated, so a file exported under any language setting imports back.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SheetSpec:
    kind: str
    title: str  # XLSX sheet title
    filename: str  # CSV file name
    columns: tuple[str, ...]
    signature: str  # a column only this kind has, to recognise a CSV file or a renamed sheet
    read_only: frozenset[str] = frozenset()  # exported for reference, ignored on import
    optional: frozenset[str] = frozenset()  # may be missing from an imported header
    widths: tuple[int, ...] = ()

    @property
    def required(self) -> list[str]:
        return [column for column in self.columns if column not in self.optional]


RESPONSIBILITIES = SheetSpec(
    kind="responsibilities",
    title="Responsabilidades",
    filename="responsabilidades.csv",
    columns=(
        "codigo_atividade", "descricao_atividade", "instituicoes_responsaveis", "instituicoes_parceiras",
        "data_inicio", "data_fim", "entrega_esperada", "peso",
    ),
    signature="instituicoes_responsaveis",
    read_only=frozenset({"descricao_atividade"}),
    widths=(10, 60, 24, 24, 12, 12, 50, 8),
)  # fmt: skip

INDICATORS = SheetSpec(
    kind="indicators",
    title="Indicadores",
    filename="indicadores.csv",
    columns=(
        "codigo_atividade", "indicador", "unidade", "linha_de_base", "ano_linha_de_base", "meta",
        "sentido", "periodicidade",
    ),
    signature="indicador",
    widths=(10, 50, 16, 14, 10, 14, 12, 14),
)  # fmt: skip

REPORTS = SheetSpec(
    kind="reports",
    title="Relatórios",
    filename="relatorios.csv",
    columns=(
        "codigo_atividade", "instituicao", "situacao", "percentual", "narrativa", "dificuldades",
        "proximos_passos", "etapa",
    ),
    signature="situacao",
    # The report's workflow step, so whoever edits the file sees which rows are still open.
    read_only=frozenset({"etapa"}),
    optional=frozenset({"etapa"}),
    widths=(10, 14, 18, 11, 60, 40, 40, 22),
)  # fmt: skip

SHEETS = (RESPONSIBILITIES, INDICATORS, REPORTS)

# Model field → column, to place the services' ValidationError messages.
FIELD_COLUMNS = {
    "lead_institutions": "instituicoes_responsaveis",
    "partner_institutions": "instituicoes_parceiras",
    "start_date": "data_inicio",
    "end_date": "data_fim",
    "deliverable": "entrega_esperada",
    "weight": "peso",
    "name": "indicador",
    "unit": "unidade",
    "baseline_value": "linha_de_base",
    "baseline_year": "ano_linha_de_base",
    "target_value": "meta",
    "direction": "sentido",
    "frequency": "periodicidade",
    "status": "situacao",
    "percent_complete": "percentual",
    "narrative": "narrativa",
    "difficulties": "dificuldades",
    "next_steps": "proximos_passos",
}
