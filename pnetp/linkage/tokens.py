"""Keyed-hash mode: sources that cannot share identities send HMAC-SHA256 tokens instead.

Each normalised identity feature (``features.IDENTITY_FEATURES``) becomes
HMAC-SHA256(key, feature name + value): equal values give equal tokens under the same key, and
without the key a token cannot be tested against guessed names or CPFs. The key is agreed among
the sources and never sent to the SISETP; linkage then runs on exact token agreement. Exact keyed
hashes rather than Bloom-filter encodings: those chained common Brazilian names together.
"""

import argparse
import csv
import hashlib
import hmac
import sys
from pathlib import Path

from pnetp.core.spreadsheet_safety import csv_writer

from .features import IDENTITY_FEATURES, identity_features

KEY_COLUMNS = ("fonte", "id_registro", "id_pessoa")


def token(key: bytes, feature: str, value: str | None) -> str | None:
    if not value:
        return None
    return hmac.new(key, f"{feature}\x1f{value}".encode(), hashlib.sha256).hexdigest()


def tokens_for(key: bytes, nome="", nome_mae="", cpf="", data_nascimento="") -> dict:
    feats = identity_features(nome, nome_mae, cpf, data_nascimento)
    return {f: token(key, f, feats[f]) for f in IDENTITY_FEATURES}


def make_token_file(identity_csv: str | Path, key: bytes, out_csv: str | Path) -> int:
    """Write ``tokens_<fonte>.csv`` rows (key columns + one token per feature); returns the row count."""
    count = 0
    with (
        open(identity_csv, encoding="utf-8", newline="") as src,
        open(out_csv, "w", encoding="utf-8", newline="") as dst,
    ):
        writer = csv_writer(dst, lineterminator="\n")
        writer.writerow([*KEY_COLUMNS, *IDENTITY_FEATURES])
        for row in csv.DictReader(src):
            toks = tokens_for(
                key, row.get("nome", ""), row.get("nome_mae", ""), row.get("cpf", ""), row.get("data_nascimento", "")
            )
            writer.writerow([*(row[c] for c in KEY_COLUMNS), *(toks[f] or "" for f in IDENTITY_FEATURES)])
            count += 1
    return count


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Gera tokens HMAC-SHA256 a partir de um arquivo de identidades.")
    parser.add_argument("identidades", help="arquivo identidades_<fonte>.csv")
    parser.add_argument("saida", help="arquivo de saída, p. ex. tokens_<fonte>.csv")
    parser.add_argument("--arquivo-chave", required=True, help="arquivo com a chave secreta combinada entre as fontes")
    args = parser.parse_args(argv)
    key = Path(args.arquivo_chave).read_bytes().strip()
    if len(key) < 16:
        parser.error("a chave deve ter pelo menos 16 bytes")
    count = make_token_file(args.identidades, key, args.saida)
    print(f"{count} registros tokenizados em {args.saida}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
