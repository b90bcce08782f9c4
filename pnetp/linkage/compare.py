"""Which features of two records agree — never their values — for reviewers who may not see identities.

Computed in the linkage run from the features it already holds, and stored with the review pair.
"""

from django.utils.translation import gettext_lazy as _

SAME, CLOSE, DIFFERENT, MISSING = "igual", "parecido", "diferente", "ausente"
LEVEL_LABELS = {
    SAME: _("igual"),
    CLOSE: _("parecido"),
    DIFFERENT: _("diferente"),
    MISSING: _("sem dado em um dos registros"),
}
FIELD_LABELS = {
    "nome": _("Nome"),
    "mae": _("Nome da mãe"),
    "cpf": _("CPF"),
    "nascimento": _("Data de nascimento"),
    "sexo": _("Sexo"),
    "municipio": _("Município do aliciamento ou da exploração"),
}


def _one_apart(a: str, b: str) -> bool:
    """Same length and at most one differing character, or two adjacent characters swapped."""
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) <= 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]])


def _level(a, b, close: bool = False) -> str:
    if a is None or b is None:
        return MISSING
    if a == b:
        return SAME
    return CLOSE if close else DIFFERENT


def compare(columns: dict[str, list], i: int, j: int) -> dict[str, str]:
    """Feature name → agreement level between rows ``i`` and ``j`` of linkage feature columns."""

    def pair(name):
        return columns[name][i], columns[name][j]

    def equal(name):
        a, b = pair(name)
        return a is not None and a == b

    nome = _level(*pair("nome"), close=equal("nome_fon") or (equal("prenome_fon") and equal("sobrenome_fon")))
    mae = _level(*pair("mae"), close=equal("mae_fon"))
    # the digits as typed (a CPF flagged invalid included): one digit off is "parecido"
    cpf_a, cpf_b = pair("cpf_digitado") if "cpf_digitado" in columns else pair("cpf")
    cpf = _level(cpf_a, cpf_b, close=cpf_a is not None and cpf_b is not None and _one_apart(cpf_a, cpf_b))
    nasc_a, nasc_b = pair("nascimento")
    close_date = equal("nasc_ord") or (nasc_a is not None and nasc_b is not None and _one_apart(nasc_a, nasc_b))
    nascimento = _level(nasc_a, nasc_b, close=close_date)
    alic, expl = pair("mun_alic"), pair("mun_expl")
    if (alic[0] is None and expl[0] is None) or (alic[1] is None and expl[1] is None):
        municipio = MISSING
    else:
        municipio = SAME if equal("mun_alic") or equal("mun_expl") else DIFFERENT
    return {
        "nome": nome,
        "mae": mae,
        "cpf": cpf,
        "nascimento": nascimento,
        "sexo": _level(*pair("sexo")),
        "municipio": municipio,
    }
