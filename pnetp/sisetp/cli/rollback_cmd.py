"""``pnetp sisetp rollback BATCH_ID``: undo the latest import batch of a source."""

from django.core.management.base import CommandError

from pnetp.sisetp.ingestion.batches import RollbackRefused, rollback
from pnetp.sisetp.models import ImportBatch

from . import find_user

NAME = "rollback"
HELP = "Desfaz um lote de importação (só o mais recente de cada fonte)."


def add_arguments(parser):
    parser.add_argument("batch_id", type=int, metavar="LOTE", help="Número do lote (veja “pnetp sisetp batches”).")
    parser.add_argument("--user", metavar="USUÁRIO", help="Usuário registrado como quem desfez.")


def handle(command, options):
    batch = ImportBatch.objects.filter(pk=options["batch_id"]).first()
    if batch is None:
        raise CommandError(f"Lote {options['batch_id']} não encontrado.")
    try:
        counts = rollback(batch, user=find_user(options["user"]))
    except RollbackRefused as refusal:
        raise CommandError(refusal.message) from None
    command.stdout.write(
        command.style.SUCCESS(
            f"Lote {batch.pk} desfeito: {counts['cases_deleted']} casos apagados, "
            f"{counts['cases_restored']} restaurados à versão anterior."
        )
    )
