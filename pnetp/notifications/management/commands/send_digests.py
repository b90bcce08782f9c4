"""``pnetp send-digests``: the daily e-mail summary for users who chose it. Run once a day (cron/timer)."""

from django.core.management.base import BaseCommand

from pnetp.notifications.services.notify import send_digests


class Command(BaseCommand):
    help = "Envia o resumo diário de notificações a quem escolheu recebê-lo."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(self.style.SUCCESS(f"{sent} resumo(s) enviado(s)."))
