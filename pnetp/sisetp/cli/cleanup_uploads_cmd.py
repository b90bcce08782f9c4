"""``pnetp sisetp cleanup-uploads``: delete the uploaded files of finished or abandoned web imports now.

``pnetp worker`` does the same every hour (``sisetp.tasks.cleanup_uploads``).
"""

from datetime import timedelta

from django.core.management.base import CommandError

from pnetp.sisetp.ingestion.cleanup import cleanup_uploads, max_age

NAME = "cleanup-uploads"
HELP = "Apaga os arquivos enviados de importações concluídas, com erro, que falharam ou abandonadas."


def add_arguments(parser):
    parser.add_argument(
        "--horas",
        type=float,
        default=None,
        help="Idade, em horas, a partir da qual uma importação não confirmada é abandonada "
        "(padrão: PNETP_UPLOAD_MAX_AGE_HOURS, 24).",
    )


def handle(command, options):
    hours = options["horas"]
    if hours is not None and hours < 0:
        raise CommandError("--horas não pode ser negativo.")
    cleaned = cleanup_uploads(older_than=None if hours is None else timedelta(hours=hours))
    age = max_age().total_seconds() / 3600 if hours is None else hours
    command.stdout.write(
        command.style.SUCCESS(
            f"{cleaned.files} arquivo(s) apagado(s); {cleaned.abandoned} importação(ões) abandonada(s) "
            f"(sem confirmação há mais de {age:g} h)."
        )
    )
