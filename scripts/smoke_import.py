#!/usr/bin/env python3
"""Smoke step of CI (scripts/prod_smoke.sh): a web import through the job queue, run by a real ``pnetp worker``.

Queues a tiny valid standard-layout SISETP file (FICTITIOUS records) for a demo source, as the import page
does (``ingestion.jobs.start``), waits for the worker to validate it ("valido"), confirms it as the confirm
button does and waits for the write ("concluido"). The web server is not involved: this is the queue and the
worker, on the database the server uses. Usage (environment as for the server):
    .venv/bin/python scripts/smoke_import.py [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import time


def tiny_file(source_slug: str, stamp: str) -> bytes:
    header = ["fonte", "id_registro", "id_pessoa", "data_registro", "situacao_trafico", "papel", "sexo", "idade"]
    rows = [
        [source_slug, f"SMOKE-{stamp}-{n}", "1", "2024-03-01", "confirmado", "vitima", "feminino", "30"]
        for n in range(1, 3)
    ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def wait_for(job, statuses: set[str], timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in statuses:
            return job.status
        time.sleep(0.5)
    raise AssertionError(f"a importação {job.pk} ficou em '{job.status}' por {timeout:.0f} s (o worker está rodando?)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pnetp.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pnetp.sisetp.ingestion import jobs
    from pnetp.sisetp.models import DataSource, ImportJob
    from pnetp.sisetp.models.ingestion import Layout

    source = DataSource.objects.order_by("pk").first()
    if source is None:
        print("smoke: FALHOU em import: nenhuma fonte de dados (rode `pnetp demo`)", file=sys.stderr)
        return 1
    started = time.monotonic()
    name = "smoke-casos.csv"
    upload = SimpleUploadedFile(name, tiny_file(source.slug, str(int(time.time()))), content_type="text/csv")
    job = ImportJob.objects.create(
        source=source,
        layout=Layout.STANDARD,
        file_path=jobs.save_upload(upload),
        file_name=name,
        user=get_user_model().objects.filter(username="coordenacao").first(),
    )
    jobs.start(job, write=False)  # autocommit: queued at once
    try:
        status = wait_for(
            job, {ImportJob.Status.VALID, ImportJob.Status.INVALID, ImportJob.Status.FAILED}, args.timeout
        )
        if status != ImportJob.Status.VALID:
            raise AssertionError(f"a validação terminou em '{status}': {job.message} {job.issues[:3]}")
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)  # as the confirm button
        jobs.start(job, write=True)
        status = wait_for(job, {ImportJob.Status.DONE, ImportJob.Status.FAILED}, args.timeout)
        if status != ImportJob.Status.DONE:
            raise AssertionError(f"a gravação terminou em '{status}': {job.message}")
    except AssertionError as error:
        print(f"smoke: FALHOU em import: {error}", file=sys.stderr)
        return 1
    print(f"smoke: importação pela fila ok ({job.summary.get('counts')}, {time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
