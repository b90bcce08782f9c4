#!/usr/bin/env python
"""Unique persons on the database (``pnetp.linkage.service.dedupe_database``); prints figures.

    flock /tmp/pnetp-bench.lock .venv/bin/python benchmarks/sisetp_dedupe_database.py --records 100000

A fresh SQLite file (or ``--database-url``): migrate, territory, generated fictitious records imported
(not timed here, see sisetp_import.py), then a first run, the stages of which are timed through the
``progress`` callback (reading = decrypting and logging the identities and building the features;
linking = Splink; writing = person keys and review pairs), and a second run on the same data.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--sources", type=int, default=3)
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pnetp-dedupe-"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pnetp.settings")
    if not os.environ.get("PNETP_FIELD_ENCRYPTION_KEY"):
        from cryptography.fernet import Fernet

        os.environ["PNETP_FIELD_ENCRYPTION_KEY"] = Fernet.generate_key().decode()  # throwaway key
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from pnetp.linkage.metrics import pairwise_metrics
    from pnetp.linkage.service import dedupe_database
    from pnetp.sisetp.models import CasePerson, IdentityAccessLog
    from pnetp.sisetp.tests.linkage_fixtures import generate_and_register, import_source
    from pnetp.territory.loader import load_territory

    call_command("migrate", verbosity=0, interactive=False)
    load_territory(boundaries=False)
    started = time.perf_counter()
    data = generate_and_register(work / "dados", args.records, args.sources, seed=7)
    for index in range(args.sources):
        import_source(data, index)
    print(
        f"{CasePerson.objects.count()} registros gerados e importados em {time.perf_counter() - started:.1f} s "
        f"({os.environ['DATABASE_URL'].split(':', 1)[0]})"
    )

    for label in ("1ª execução", "2ª execução"):
        stages: dict[str, float] = {}
        clock = [time.perf_counter(), None, time.process_time()]

        def progress(stage, _count, stages=stages, clock=clock):
            if stage != clock[1]:
                now, cpu = time.perf_counter(), time.process_time()
                if clock[1]:
                    stages[clock[1]] = (now - clock[0], cpu - clock[2])
                clock[0], clock[1], clock[2] = now, stage, cpu

        begin, begin_cpu = time.perf_counter(), time.process_time()
        run = dedupe_database(progress=progress)
        stages[clock[1]] = (time.perf_counter() - clock[0], time.process_time() - clock[2])
        keys = dict(CasePerson.objects.values_list("pk", "person_key"))
        truth = {}
        for pk, slug, record, person in CasePerson.objects.values_list(
            "pk", "case__source__slug", "case__source_record_id", "source_person_id"
        ):
            truth[pk] = data.truth[f"{slug}|{record}|{person}"]
        metrics = pairwise_metrics(keys, truth)
        print(
            f"{label}: {time.perf_counter() - begin:.1f} s, CPU {time.process_time() - begin_cpu:.1f} s ("
            + ", ".join(f"{s} {t:.1f} s / CPU {c:.1f} s" for s, (t, c) in stages.items())
            + f"); {run.records} registros → {run.persons} pessoas; ids mantidos {run.ids_kept}; "
            f"{run.pairs_to_review} pares pendentes; F1 {metrics['f1']:.4f}"
        )
    print(
        f"registros de leitura de identidade: {IdentityAccessLog.objects.filter(action='read').count()}; "
        f"pico de memória {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB"
    )


if __name__ == "__main__":
    main()
