"""``pnetp sisetp import --source SLUG --layout LAYOUT FILE``: validate everything, then write (or not)."""

import json
import sys
from pathlib import Path

from django.core.management.base import CommandError
from tqdm import tqdm

from pnetp.sisetp.ingestion import fastinsert
from pnetp.sisetp.ingestion.batches import run_import
from pnetp.sisetp.ingestion.mappings import save_mapping
from pnetp.sisetp.models import DataSource, Layout

from . import find_user

NAME = "import"
HELP = "Importa um arquivo de casos de uma fonte; com qualquer erro, nada é gravado."


def add_arguments(parser):
    parser.add_argument("file", metavar="ARQUIVO", help="CSV ou XLSX a importar.")
    parser.add_argument("--source", required=True, metavar="SLUG", help="Identificador da fonte de dados.")
    parser.add_argument("--layout", required=True, choices=Layout.values, help="Leiaute do arquivo.")
    parser.add_argument("--identity-file", metavar="ARQUIVO", help="identidades.csv (só no leiaute standard).")
    parser.add_argument("--mapping", metavar="ARQUIVO.json", help="Salva o mapeamento do leiaute próprio da fonte.")
    parser.add_argument("--dry-run", action="store_true", help="Só valida e mostra o que seria gravado.")
    parser.add_argument("--user", metavar="USUÁRIO", help="Usuário registrado como autor do lote.")


def handle(command, options):
    source = DataSource.objects.filter(slug=options["source"]).first()
    if source is None:
        raise CommandError(f"Fonte “{options['source']}” não encontrada.")
    user = find_user(options["user"])
    mapping = None
    if options["mapping"]:
        if options["layout"] != "custom":
            raise CommandError("--mapping só vale com --layout custom.")
        try:
            data = json.loads(Path(options["mapping"]).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"{options['mapping']}: não foi possível ler o JSON ({error}).") from None
        try:
            mapping = save_mapping(source, data)
        except ValueError as error:
            raise CommandError(f"{options['mapping']}: {error}") from None
    bars = {}

    def progress(stage, count):
        if stage not in bars:
            for bar in bars.values():
                bar.close()
            unit = " linhas" if stage == "validando" else " casos"
            bars[stage] = tqdm(desc=stage, unit=unit, file=sys.stderr, disable=None, unit_scale=True)
        bars[stage].update(count)

    try:
        with fastinsert.process_settings():  # a command serves no requests
            result = run_import(
                source,
                options["layout"],
                options["file"],
                identity_path=options["identity_file"],
                user=user,
                dry_run=options["dry_run"],
                mapping=mapping,
                progress=progress,
            )
    finally:
        for bar in bars.values():
            bar.close()
    if not result.ok:
        for line in result.report.lines():
            command.stderr.write(line)
        raise CommandError(f"{result.report.total} problema(s) encontrado(s); nada foi gravado.")
    for line in result.report.warning_lines():  # values written as reported and flagged invalid
        command.stdout.write(line)
    if result.dry_run:
        command.stdout.write(f"Arquivo válido (simulação, nada gravado): {result.summary()}")
    else:
        command.stdout.write(command.style.SUCCESS(f"Lote {result.batch.pk} gravado: {result.summary()}"))
