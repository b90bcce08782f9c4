"""``pnetp sisetp publish-statistics``: recompute and store the protected release every public page reads.

Pages recompute in the background by themselves after a change of the data; this is for operators (after an
import or a linkage run, in a cron job) and for measuring.
"""

import time

from pnetp.statistics import store

NAME = "publish-statistics"
HELP = "Recalcula e grava a divulgação protegida das estatísticas públicas do SISETP (páginas, mapa, fluxos)."


def add_arguments(parser):
    pass


def handle(command, options):
    timings: dict[str, float] = {}
    started = time.perf_counter()
    release, _seconds = store.publish(timings=timings)
    for stage, seconds in timings.items():
        command.stdout.write(f"  {stage:<50} {seconds:8.1f} s")
    levels = list(release.municipal_detail.values())
    command.stdout.write(
        command.style.SUCCESS(
            f"Estatísticas publicadas em {time.perf_counter() - started:.1f} s (k={release.k}; anos: "
            f"{', '.join(release.years) or 'nenhum'}; municípios de {levels.count('ano')} UFs por ano, "
            f"{levels.count('total')} só no total de todos os anos, {levels.count('nenhum')} sem detalhe)."
        )
    )
