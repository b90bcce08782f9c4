"""``pnetp sisetp dedupe``: unique persons over all sources (see ``pnetp.linkage``).

Without file arguments it links the imported records (``linkage.service.dedupe_database``): the
stable ids are ``CasePerson.person_key``, the decisions those of the review queue (/sisetp/pessoas/revisao/).
With files (pessoas_casos_* plus identidades_* or tokens_*) it links them outside the database, and the
state folder keeps what must survive between runs: ``pessoas.csv`` (record → stable person id) and
``decisoes.csv`` (analysts' decisions, applied in every later run).
"""

import sys
import time
from pathlib import Path

from django.core.management.base import CommandError
from tqdm import tqdm

from pnetp.linkage import review

from pnetp.sisetp.cli import find_user

NAME = "dedupe"
HELP = "Identifica pessoas únicas entre todas as fontes (Splink/DuckDB ou Spark): no banco ou em arquivos."


def add_arguments(parser):
    parser.add_argument(
        "entrada", nargs="*",
        help="Pasta ou arquivos pessoas_casos_* e identidades_* (ou tokens_*). Sem arquivos: os registros importados.",
    )  # fmt: skip
    parser.add_argument("--estado", metavar="PASTA", help="Modo arquivos: pasta com ids estáveis e decisões.")
    parser.add_argument("--saida", metavar="CSV", help="Arquivo registro → id da pessoa única.")
    parser.add_argument("--revisao", metavar="CSV", help="Modo arquivos: grava os pares incertos para revisão.")
    parser.add_argument("--decisoes", metavar="CSV", help="Modo arquivos: arquivo de revisão preenchido.")
    parser.add_argument(
        "--aplicar", action="store_true", help="Modo arquivos: grava o id da pessoa única nas pessoas dos casos."
    )
    parser.add_argument(
        "--exportar",
        action="store_true",
        help="Só exporta (para --saida) o registro → id da pessoa única gravado no banco.",
    )
    parser.add_argument("--user", metavar="USUÁRIO", help="Usuário registrado como autor da execução.")
    parser.add_argument(
        "--engine",
        choices=("duckdb", "spark"),
        default="duckdb",
        help="Onde pontuar os pares: duckdb (padrão, neste processo) ou spark (Apache Spark; "
        "o modelo é treinado no DuckDB e aplicado, o mesmo, no Spark).",
    )
    parser.add_argument(
        "--spark-master",
        metavar="URL",
        help="Com --engine spark: o master do cluster (ex.: spark://host:7077); padrão local[2].",
    )


def apply_person_keys(person_id: dict[str, str]) -> int:
    """Write each record's stable person id to its CasePerson; records are fonte|id_registro|id_pessoa."""
    from django.db import transaction

    from pnetp.sisetp.models import CasePerson

    wanted = {tuple(record.split("|", 2)): pid for record, pid in person_id.items()}
    slugs = {source for source, *_ in wanted}
    changed = []
    rows = CasePerson.objects.filter(case__source__slug__in=slugs).values_list(
        "pk", "case__source__slug", "case__source_record_id", "source_person_id", "person_key"
    )
    for pk, *record, current in rows.iterator():
        pid = wanted.get(tuple(record))
        if pid and pid != current:
            changed.append(CasePerson(pk=pk, person_key=pid))
    with transaction.atomic():  # a derived key: no history row per update
        CasePerson.objects.bulk_update(changed, ["person_key"], batch_size=1000)
    return len(changed)


def _merge_decisions(state: Path, new_file: str | None) -> list:
    stored = state / "decisoes.csv"
    known = review.read_decisions(stored) if stored.exists() else []
    if new_file:  # later decisions on the same pair replace earlier ones
        by_pair = {frozenset((d.left, d.right)): d for d in known + review.read_decisions(new_file)}
        known = list(by_pair.values())
        with open(stored, "w", encoding="utf-8", newline="") as handle:
            handle.write(",".join(review.REVIEW_HEADER) + "\n")
            for d in known:
                handle.write(f"{d.left},{d.right},,{review.SAME if d.same else review.DIFFERENT}\n")
    return known


def engine(options):
    """The linkage engine of ``--engine`` and ``--spark-master`` (``linkage.engines``)."""
    from pnetp.linkage import engines

    if options.get("spark_master") and options.get("engine") != engines.SPARK:
        raise CommandError("--spark-master só vale com --engine spark.")
    if options.get("engine") != engines.SPARK:
        return engines.Engine()
    missing = engines.spark_missing()
    if missing:
        raise CommandError(missing)
    return engines.Engine(engines.SPARK, spark_master=options.get("spark_master") or engines.SPARK_LOCAL)


def handle(command, options):
    if options["entrada"]:
        return handle_files(command, options)
    for name in ("estado", "revisao", "decisoes", "aplicar"):
        if options[name]:
            raise CommandError(
                f"--{name} só vale com arquivos de entrada; no banco, as decisões vêm da fila de revisão."
            )
    if options["exportar"]:
        return export(command, options["saida"])
    return handle_database(command, options)


def export(command, path: str | None) -> None:
    from pnetp.linkage.service import write_person_map

    if not path:
        raise CommandError("Informe o arquivo com --saida.")
    with open(path, "w", encoding="utf-8", newline="") as handle:
        count = write_person_map(handle)
    command.stdout.write(command.style.SUCCESS(f"{count} registros exportados para {path}."))


def handle_database(command, options):
    from pnetp.linkage.service import RunRefused, dedupe_database

    user = find_user(options["user"])
    chosen = engine(options)
    bars = {}

    def progress(stage, count):
        if stage not in bars:
            for bar in bars.values():
                bar.close()
            bars[stage] = tqdm(desc=stage, unit=" registros", file=sys.stderr, disable=None, unit_scale=True)
        bars[stage].update(count)

    try:
        run = dedupe_database(user=user, progress=progress, engine=chosen)
    except RunRefused as refusal:
        raise CommandError(refusal.message) from None
    except Exception as error:
        raise CommandError(f"A ligação de registros falhou: {error}") from None
    finally:
        for bar in bars.values():
            bar.close()
    elapsed = (run.finished_at - run.started_at).total_seconds()
    command.stdout.write(
        command.style.SUCCESS(
            f"Execução {run.pk}: {run.records} registros → {run.persons} pessoas únicas ({elapsed:.1f} s); "
            f"{run.ids_kept} ids mantidos, {run.keys_changed} pessoas dos casos atualizadas; "
            f"{run.decisions_applied} decisões aplicadas; {run.pairs_to_review} pares pendentes de revisão."
        )
    )
    for note in filter(None, run.notes.splitlines()):
        command.stderr.write(note)
    if options["saida"]:
        export(command, options["saida"])


def handle_files(command, options):
    from pnetp.linkage.run import link, read_person_map, write_person_map

    if not options["estado"] or not options["saida"]:
        raise CommandError("Com arquivos de entrada, informe --estado PASTA e --saida CSV.")
    if options["exportar"]:
        raise CommandError("--exportar não usa arquivos de entrada.")
    state = Path(options["estado"])
    state.mkdir(parents=True, exist_ok=True)
    entrada = options["entrada"]
    paths = entrada[0] if len(entrada) == 1 and Path(entrada[0]).is_dir() else entrada
    chosen = engine(options)
    started = time.perf_counter()
    try:
        decisions = _merge_decisions(state, options["decisoes"])
    except (ValueError, KeyError) as error:
        raise CommandError(f"Arquivo de decisões inválido: {error}") from None
    command.stdout.write(f"[1/3] {len(decisions)} decisões de revisão; ligando registros...")
    previous = read_person_map(state / "pessoas.csv")
    result = link(paths, previous=previous, decisions=decisions, engine=chosen)
    command.stdout.write(
        f"[2/3] {len(result.cluster)} registros → {result.persons} pessoas "
        f"({time.perf_counter() - started:.1f} s); gravando..."
    )
    write_person_map(state / "pessoas.csv", result.person_id)
    write_person_map(options["saida"], result.person_id)
    if options["aplicar"]:
        command.stdout.write(f"{apply_person_keys(result.person_id)} pessoas dos casos atualizadas.")
    pending = review.write_review(options["revisao"], result.review_pairs, decisions) if options["revisao"] else 0
    kept = sum(1 for r, p in result.person_id.items() if previous.get(r) == p)
    command.stdout.write(
        command.style.SUCCESS(
            f"[3/3] {result.persons} pessoas únicas; {kept} de {len(previous)} ids anteriores mantidos; "
            f"{pending} pares para revisão. Saída: {options['saida']}"
        )
    )
