"""The answer key: which true person each row is, and the true population itself.

``verdade.csv`` maps every (fonte, id_registro, id_pessoa) of ``pessoas_casos`` to the true person;
``pessoas_verdadeiras.csv`` holds each true person's identifiers without noise, to measure linkage
and the noise itself.
"""

import csv
from pathlib import Path

TRUTH_FILE = "verdade.csv"
TRUTH_HEADER = ["fonte", "id_registro", "id_pessoa", "id_pessoa_verdadeira"]
POPULATION_FILE = "pessoas_verdadeiras.csv"
POPULATION_HEADER = ["id_pessoa_verdadeira", "nome", "nome_mae", "cpf", "data_nascimento", "sexo", "fontes"]


def population_row(person, sources: int) -> list:
    return [person.id, person.name, person.mother_name, person.cpf, person.birth.isoformat(), person.sex, sources]


def read_truth(out_dir: str | Path) -> dict[tuple[str, str, str], int]:
    """(fonte, id_registro, id_pessoa) → true person id."""
    with open(Path(out_dir) / TRUTH_FILE, encoding="utf-8", newline="") as handle:
        return {(row[0], row[1], row[2]): int(row[3]) for row in csv.reader(handle) if row[0] != "fonte"}
