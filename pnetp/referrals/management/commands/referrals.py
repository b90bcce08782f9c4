"""``pnetp referrals expire``: expire unanswered referrals past their deadline and send the reminders.

The same functions (``services.referrals.expire_overdue``/``send_reminders``) are what a job queue calls.
"""

from django.core.management.base import BaseCommand

from pnetp.referrals.services.referrals import expire_overdue, send_reminders


class Command(BaseCommand):
    help = (
        "Tarefas do fluxo de encaminhamentos: “expire” marca como expirados os que passaram do prazo e envia lembretes."
    )

    def add_arguments(self, parser):
        parser.add_argument("task", choices=["expire"], help="Tarefa a executar.")

    def handle(self, *args, task, **options):
        expired = expire_overdue()
        reminded = send_reminders()
        self.stdout.write(f"{len(expired)} encaminhamento(s) expirado(s); {len(reminded)} lembrete(s) enviado(s).")
