#!/usr/bin/env python
"""Identity encryption micro-benchmark: µs per value, old Fernet tokens against format 1 (AES-256-GCM).

Not a test: prints a table. Both formats under the same throwaway Fernet key, on the same fictitious
values (names, CPFs, dates, phones, e-mails, addresses, the lengths of an import's identity cells):

- encrypt, Fernet: ``Fernet(key).encrypt`` per value, as ``crypto.encrypt_batch`` did before format 1;
- encrypt, format 1: ``crypto.encrypt_batch`` (what the import and its sealing worker call);
- decrypt, Fernet: ``MultiFernet.decrypt`` per value, as ``linkage.database`` did;
- decrypt, format 1: ``crypto.decryptor()`` per value (what ``linkage.database`` calls now), and the
  same reader on old Fernet tokens (the cost of reading them until ``rotate-identity-keys`` runs).

CPU time (``time.process_time``), best of ``--repeat`` runs, one process, one core.

    .venv/bin/python benchmarks/sisetp_crypto.py [--values 200000] [--repeat 3]

See benchmarks/README.md.
"""

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Identity values an import of 1,000,000 records encrypts (results/sisetp_import.txt: 2.87 M values).
VALUES_PER_MILLION_RECORDS = 2_870_000
SAMPLES = [
    "Maria Fictícia de Souza",
    "52998224725",
    "2001-04-09",
    "Ana Inventada Lima dos Santos",
    "José Fictício",
    "+55 61 99999-0000",
    "joana.ficticia@exemplo.org",
    "Rua Imaginária, 100, Brasília",
    "Francisca Fictícia Pereira",
    "1987-11-23",
]


def best(function, values, repeat: int) -> float:
    """Least CPU seconds of ``repeat`` runs of ``function(values)``."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        function(values)
        times.append(time.process_time() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--values", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pnetp.settings")

    import cryptography
    from cryptography.fernet import Fernet, MultiFernet

    from pnetp.sisetp import crypto

    key = Fernet.generate_key().decode()  # throwaway
    texts = [SAMPLES[n % len(SAMPLES)] for n in range(options.values)]
    fernet, multi = Fernet(key.encode()), MultiFernet([Fernet(key.encode())])
    decrypt = crypto.Keyring((key,)).decrypt  # what crypto.decryptor() returns for this key
    old_tokens = [fernet.encrypt(text.encode()).decode() for text in texts]
    new_tokens = crypto.encrypt_batch(key, texts)
    assert [decrypt(token) for token in new_tokens[:100]] == texts[:100]

    rows = [
        ("encrypt", "Fernet (one call per value)", lambda v: [fernet.encrypt(t.encode()).decode() for t in v], texts),
        ("encrypt", "format 1, crypto.encrypt_batch", lambda v: crypto.encrypt_batch(key, v), texts),
        ("decrypt", "Fernet, MultiFernet.decrypt", lambda v: [multi.decrypt(t.encode()).decode() for t in v],
         old_tokens),
        ("decrypt", "format 1, crypto.decryptor()", lambda v: [decrypt(t) for t in v], new_tokens),
        ("decrypt", "old Fernet token, crypto.decryptor()", lambda v: [decrypt(t) for t in v], old_tokens),
    ]  # fmt: skip
    load = os.getloadavg()[0]
    print(f"identity encryption, {options.values:,} values, best of {options.repeat} (CPU time, one core)")
    print(f"python {platform.python_version()}, cryptography {cryptography.__version__}, {platform.machine()}, "
          f"{os.cpu_count()} cores, load {load:.2f}")  # fmt: skip
    mean = sum(len(t.encode()) for t in texts) / len(texts)
    print(f"mean value {mean:.1f} bytes; token {sum(map(len, old_tokens)) / len(texts):.1f} characters (Fernet), "
          f"{sum(map(len, new_tokens)) / len(texts):.1f} (format 1)")  # fmt: skip
    print()
    print(f"{'':8} {'':38} {'µs/value':>9} {'s at 1M records':>16}")
    for operation, what, function, values in rows:
        seconds = best(function, values, options.repeat)
        per_value = seconds / len(values) * 1e6
        at_million = per_value * VALUES_PER_MILLION_RECORDS / 1e6
        print(f"{operation:8} {what:38} {per_value:9.2f} {at_million:16.1f}")
    print(f"\n(1M records = {VALUES_PER_MILLION_RECORDS / 1e6:.2f} M identity values, results/sisetp_import.txt)")


if __name__ == "__main__":
    main()
