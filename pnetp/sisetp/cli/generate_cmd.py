"""``pnetp sisetp generate``: fictitious source files with known truth (see ``pnetp.sisetp.generator``)."""

import time

from django.core.management.base import CommandError

from pnetp.sisetp.generator import generate
from pnetp.sisetp.generator.noise import NOISE_LEVELS

NAME = "generate"
HELP = "Gera arquivos fictícios de K fontes no leiaute padrão, com a verdade conhecida (verdade.csv)."


def add_arguments(parser):
    parser.add_argument(
        "--records", type=int, required=True, help="Total de linhas de pessoas_casos (todas as fontes)."
    )
    parser.add_argument("--sources", type=int, default=3, help="Número de fontes (padrão: 3).")
    parser.add_argument("--seed", type=int, default=0, help="Semente: os mesmos argumentos geram os mesmos bytes.")
    parser.add_argument("--out", required=True, metavar="PASTA", help="Pasta onde gravar os arquivos.")
    parser.add_argument(
        "--noise",
        choices=list(NOISE_LEVELS),
        default="default",
        help="Perfil de ruído: low, default ou harsh (taxas em generator/noise.py).",
    )
    parser.add_argument("--workers", type=int, help="Processos (padrão: as CPUs, até 4); não muda a saída.")


def handle(command, options):
    started = time.perf_counter()
    try:
        manifest = generate(
            options["records"],
            options["sources"],
            seed=options["seed"],
            noise=options["noise"],
            out_dir=options["out"],
            workers=options["workers"],
        )
    except ValueError as error:
        raise CommandError(str(error)) from None
    elapsed = time.perf_counter() - started
    multi = sum(count for k, count in manifest.persons_by_source_count.items() if int(k) > 1)
    message = (
        f"{manifest.records:,} registros de {manifest.persons:,} pessoas em {manifest.sources} fontes "
        f"({multi:,} pessoas em mais de uma fonte) gravados em {options['out']} em {elapsed:.1f} s."
    )
    command.stdout.write(command.style.SUCCESS(message.replace(",", ".")))
