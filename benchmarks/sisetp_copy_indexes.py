#!/usr/bin/env python
"""What each index of the import's tables costs the PostgreSQL backend on COPY (issue 18, the import's backend CPU).

Not a test: prints a table. Needs a database where an import has run (e.g. one left by ``sisetp_import.py``'s child,
or any development database with SISETP data). Each table's rows are read once (``COPY … TO``), then copied back
into a scratch copy of the table with some of its indexes, in a transaction that is rolled back; the backend's CPU
is read from /proc (same machine only).

    .venv/bin/python benchmarks/sisetp_copy_indexes.py postgres://postgres@127.0.0.1:5432/<db> [--repeat 2]
"""

import argparse
import os
import time

import psycopg

LINK = "sisetp_caseperson_exploitation_forms"
# (label, table, statements after CREATE TABLE t (LIKE <table> INCLUDING DEFAULTS), whether ids are sent)
VARIANTS = [
    ("link: no index", LINK, [], True),
    ("link: pk", LINK, ["ALTER TABLE t ADD PRIMARY KEY (id)"], True),
    ("link: pk + unique pair", LINK, ["ALTER TABLE t ADD PRIMARY KEY (id)",
                                      "CREATE UNIQUE INDEX ON t (caseperson_id, vocabularyterm_id)"], True),
    ("link: as today (pk, unique pair, term)", LINK, None, True),
    ("link: as today, ids from the identity", LINK, None, False),
    ("event: no index", "sisetp_event", [], True),
    ("event: pk + case", "sisetp_event", ["ALTER TABLE t ADD PRIMARY KEY (id)", "CREATE INDEX ON t (case_id)"], True),
    ("event: before migration 0017 (pk, case, 3 places)", "sisetp_event", [
        "ALTER TABLE t ADD PRIMARY KEY (id)", "CREATE INDEX ON t (case_id)", "CREATE INDEX ON t (municipality_id)",
        "CREATE INDEX ON t (federative_unit_id)", "CREATE INDEX ON t (country_id)"], True),
    ("case: no index", "sisetp_case", [], True),
    ("case: as today", "sisetp_case", None, True),
    ("person: no index", "sisetp_caseperson", [], True),
    ("person: as today", "sisetp_caseperson", None, True),
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    conn = psycopg.connect(args.url)
    pid = conn.info.backend_pid

    def cpu() -> float:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()  # noqa: PTH123, SIM115
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    data = {}
    with conn.cursor() as cursor:
        for table in {variant[1] for variant in VARIANTS}:
            with cursor.copy(f"COPY {table} TO STDOUT") as copy:
                data[table] = b"".join(bytes(block) for block in copy)
    conn.rollback()
    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(f"{'variant':48s} {'rows':>9s} {'backend CPU s':>14s} {'wall s':>7s}")
    for _round in range(args.repeat):
        for label, table, statements, ids in VARIANTS:
            rows = data[table]
            with conn.cursor() as cursor:
                if statements is None:
                    cursor.execute(f"CREATE TABLE t (LIKE {table} INCLUDING ALL)")
                else:
                    cursor.execute(f"CREATE TABLE t (LIKE {table} INCLUDING DEFAULTS)")
                    for statement in statements:
                        cursor.execute(statement)
                columns = ""
                if not ids:  # every column but the first (id): the identity gives it
                    rows = b"".join(line.split(b"\t", 1)[1] for line in rows.splitlines(keepends=True))
                    cursor.execute("SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute "
                                   "WHERE attrelid = 't'::regclass AND attnum > 1 AND NOT attisdropped")  # fmt: skip
                    columns = f"({cursor.fetchone()[0]})"
                count = rows.count(b"\n")
                started_cpu, started = cpu(), time.perf_counter()
                with cursor.copy(f"COPY t {columns} FROM STDIN") as copy:
                    copy.write(rows)
                used, wall = cpu() - started_cpu, time.perf_counter() - started
            conn.rollback()
            print(f"{label:48s} {count:9,d} {used:14.2f} {wall:7.2f}", flush=True)
    print(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
