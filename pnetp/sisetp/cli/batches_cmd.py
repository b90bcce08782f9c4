"""``pnetp sisetp batches``: the import batches, newest first."""

from django.utils import timezone

from pnetp.sisetp.models import ImportBatch

NAME = "batches"
HELP = "Lista os lotes de importação, do mais recente ao mais antigo."


def add_arguments(parser):
    parser.add_argument("--source", metavar="SLUG", help="Só os lotes desta fonte.")
    parser.add_argument("--limit", type=int, default=50, help="Quantos lotes mostrar (padrão: 50).")


def handle(command, options):
    batches = ImportBatch.objects.select_related("source", "user")
    if options["source"]:
        batches = batches.filter(source__slug=options["source"])
    for batch in batches[: options["limit"]]:
        c = batch.counts
        started = timezone.localtime(batch.started_at).strftime("%d/%m/%Y %H:%M")
        command.stdout.write(
            f"{batch.pk:>6}  {started}  {batch.source.slug:<20} {batch.layout:<11} {batch.get_status_display():<13} "
            f"{batch.file_name}  casos +{c.get('cases_created', 0)} ~{c.get('cases_updated', 0)} "
            f"={c.get('cases_unchanged', 0)}  {batch.user.get_username() if batch.user else '-'}"
        )
        if batch.quality:  # values written as reported and flagged invalid, per column
            flagged = ", ".join(f"{column}: {count}" for column, count in sorted(batch.quality.items()))
            command.stdout.write(f"        avisos (valores marcados como inválidos): {flagged}")
