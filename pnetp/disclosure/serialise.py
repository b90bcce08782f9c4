"""``ProtectedTable`` to and from JSON, so a protected release can be stored and served without recomputing.

Keys are ``(universe, {(variable, label), ...})``; a table lists each key once (``chaves``) and refers to it by
position everywhere else, which keeps stored releases small (the UF → municipality table has thousands).
Pairs are sorted, so the same table always gives the same JSON.
"""

from __future__ import annotations

from .protect import ProtectedTable
from .tables import Key, Layout, make_key

FORMAT = 1


def _key_json(key: Key) -> list:
    universe, pairs = key
    return [universe, sorted([var, label] for var, label in pairs)]


def table_to_json(table: ProtectedTable) -> dict:
    index: dict[Key, int] = {}

    def ref(key: Key) -> int:
        return index.setdefault(key, len(index))

    layout = table.layout
    data = {
        "formato": FORMAT,
        "k": table.k,
        "epsilon": table.epsilon,
        "valores": [[ref(key), value] for key, value in table.values.items()],
        "ocultos": sorted(ref(key) for key in table.hidden),
        "faixas": sorted(ref(key) for key in table.ranges),
        "equacoes": [[ref(total), [ref(p) for p in parts]] for total, parts in table.equations],
        "leiaute": {
            "nome": layout.name,
            "dimensoes": list(layout.dims),
            "registros": [[list(labels), ref(key)] for labels, key in layout.records],
            "cabecalho": list(layout.header),
            "grade": [[label, [ref(key) for key in keys]] for label, keys in layout.grid],
        },
    }
    data["chaves"] = [_key_json(key) for key in index]  # filled by ref() above, in first-use order
    return data


def table_from_json(data: dict) -> ProtectedTable:
    if data.get("formato") != FORMAT:
        raise ValueError(f"formato de tabela protegida desconhecido: {data.get('formato')!r}")
    keys = [make_key(universe, (tuple(pair) for pair in pairs)) for universe, pairs in data["chaves"]]
    layout = data["leiaute"]
    return ProtectedTable(
        layout=Layout(
            name=layout["nome"],
            dims=tuple(layout["dimensoes"]),
            records=tuple((tuple(labels), keys[i]) for labels, i in layout["registros"]),
            header=tuple(layout["cabecalho"]),
            grid=tuple((label, tuple(keys[i] for i in refs)) for label, refs in layout["grade"]),
        ),
        k=data["k"],
        values={keys[i]: value for i, value in data["valores"]},
        hidden=frozenset(keys[i] for i in data["ocultos"]),
        equations=tuple((keys[total], tuple(keys[p] for p in parts)) for total, parts in data["equacoes"]),
        epsilon=data["epsilon"],
        ranges=frozenset(keys[i] for i in data.get("faixas", ())),  # absent in releases stored before ranges
    )
