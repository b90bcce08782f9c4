"""The indicator catalogue, as data: what each public number means, how it is computed and cut.

No rate per 100,000 inhabitants yet: ``pnetp.territory`` holds no population, and a rate on a guessed
denominator would mislead. Add it with an IBGE population table (estimates per UF and year).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SOURCE = _("SISETP – registros das fontes com acordo de compartilhamento, pessoas únicas após ligação de registros")
VICTIM_UNIVERSE = _(
    "Pessoas com papel de vítima em casos de qualquer situação quanto ao tráfico, exceto “não é tráfico de pessoas” "
    "(inclui casos ainda sem decisão)."
)


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    definition: str
    numerator: str
    denominator: str | None
    factor: int  # 1 (count), 100 (percentage) or 100_000 (rate)
    disaggregations: tuple[str, ...]  # of DISAGGREGATIONS
    table: str  # the protected table published with it (compute.TABLES)
    source: str = SOURCE
    periodicity: str = _("anual")


# Dimensions compute.py can cut by. Exploitation form and citizenship are multi-valued (a person may have
# several), so their tables do not add up to the total: they have their own tables (``multivalued``).
DISAGGREGATIONS = {
    "ano": _("ano de identificação (ou do registro, se desconhecida)"),
    "uf": _("UF do local de exploração"),
    "sexo": _("sexo"),
    "faixa_etaria": _("faixa etária do CTDC"),
}

INDICATORS = (
    Indicator(
        code="vitimas-identificadas",
        name=_("Vítimas identificadas"),
        definition=VICTIM_UNIVERSE,
        numerator=_("Número de pessoas únicas vítimas"),
        denominator=None,
        factor=1,
        disaggregations=("ano", "uf"),
        table="ano_uf",
    ),
    Indicator(
        code="vitimas-sexo-feminino",
        name=_("% de vítimas do sexo feminino"),
        definition=_("Vítimas do sexo feminino entre as vítimas de sexo conhecido (regra do CTDC)."),
        numerator=_("Vítimas do sexo feminino"),
        denominator=_("Vítimas com sexo informado"),
        factor=100,
        disaggregations=("sexo",),
        table="sexo",
    ),
    Indicator(
        code="vitimas-criancas-adolescentes",
        name=_("% de vítimas crianças e adolescentes"),
        definition=_("Vítimas com menos de 18 anos entre as vítimas de idade conhecida (regra do CTDC)."),
        numerator=_("Vítimas de 0 a 17 anos"),
        denominator=_("Vítimas com idade informada"),
        factor=100,
        disaggregations=("faixa_etaria",),
        table="faixa_etaria",
    ),
)

BY_CODE = {indicator.code: indicator for indicator in INDICATORS}
