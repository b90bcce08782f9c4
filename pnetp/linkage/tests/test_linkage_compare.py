"""What the review page tells a reviewer without identities: which features agree, never their values."""

from pnetp.linkage.compare import compare
from pnetp.linkage.features import COLUMNS, identity_features


def columns(*rows):
    out = {c: [] for c in COLUMNS}
    for identity, case in rows:
        feats = {**identity_features(*identity), **case}
        for c in COLUMNS:
            out[c].append(feats.get(c))
    return out


def test_levels_per_feature():
    cols = columns(
        (
            ("Maria Eduarda Santos", "Ana Santos", "529.982.247-25", "2001-04-09"),
            {"sexo": "feminino", "mun_alic": "5300108"},
        ),
        (
            ("Maria Eduarda Santoz", "Ana Santos", "52998224752", "2001-09-04"),
            {"sexo": "feminino", "mun_expl": "5300108"},
        ),
        (("Joana Lima", "", "", "1990-01-01"), {}),
    )
    near = compare(cols, 0, 1)
    assert near == {
        "nome": "parecido",
        "mae": "igual",
        "cpf": "parecido",
        "nascimento": "parecido",
        "sexo": "igual",
        "municipio": "diferente",
    }
    far = compare(cols, 0, 2)
    assert far == {
        "nome": "diferente",
        "mae": "ausente",
        "cpf": "ausente",
        "nascimento": "diferente",
        "sexo": "ausente",
        "municipio": "ausente",
    }
    assert not any("maria" in value or "529" in value for value in near.values())
