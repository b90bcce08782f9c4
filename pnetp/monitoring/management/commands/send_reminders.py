"""``pnetp send-reminders``: e-mail focal points (and, when late, the coordination) about owed reports.

``pnetp worker`` already runs it every hour as a job (``monitoring.tasks``); running it twice the same day
sends nothing new. ``--fila`` hands it to the workers instead of sending from this process.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pnetp.core import jobs
from pnetp.monitoring.models import SentReminder
from pnetp.monitoring.services.reminders import send_reminders
from pnetp.monitoring.tasks import send_reminders_job


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Data inválida: {value!r} (use AAAA-MM-DD).") from exc


class Command(BaseCommand):
    help = "Envia lembretes, avisos de atraso e escalonamentos sobre relatórios de monitoramento pendentes."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Data de referência (AAAA-MM-DD); padrão: hoje.")
        parser.add_argument(
            "--days-before", type=int, default=7, help="Dias antes do prazo em que os lembretes começam (padrão: 7)."
        )
        parser.add_argument(
            "--fila", action="store_true", help="Põe o envio na fila de tarefas (executado por `pnetp worker`)."
        )

    def handle(self, *args, today=None, days_before=7, fila=False, **options):
        if days_before < 0:
            raise CommandError("--days-before não pode ser negativo.")
        reference = _parse_date(today) if today else timezone.localdate()
        if fila:
            jobs.enqueue(send_reminders_job, reference.isoformat(), days_before)
            self.stdout.write(self.style.SUCCESS(f"Envio dos lembretes de {reference:%d/%m/%Y} posto na fila."))
            return
        sent = send_reminders(reference, days_before)
        for mail in sent:
            institutions = ", ".join(i.acronym for i, _codes in mail.items)
            kind = SentReminder.Kind(mail.kind).label
            self.stdout.write(f"{kind}: {mail.cycle.name} · {institutions} → {', '.join(mail.recipients)}")
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} e-mail(s) enviado(s) em {reference:%d/%m/%Y}."))
