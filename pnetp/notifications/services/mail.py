"""The text of notification e-mails: the notification's title and body plus a full link, nothing else.

No personal data goes in: a notification carries codes, titles and institution acronyms only (see models),
and these functions add only the site's address and the link to the preferences.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Notification


def full_url(path: str) -> str:
    """``path`` on the public address of the platform (``PNETP_BASE_URL``)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.PNETP_BASE_URL.rstrip("/") + "/" + path.lstrip("/")


def _footer() -> str:
    return _(
        "\n--\nVocê recebe este e-mail porque tem acesso à plataforma do PNETP.\n"
        "Escolha entre e-mails imediatos, um resumo diário ou nenhum e-mail em: %(url)s\n"
    ) % {"url": full_url(reverse("notifications:preferences"))}


def _entry(notification: Notification) -> str:
    lines = [notification.title]
    if notification.body:
        lines.append(notification.body)
    lines.append(_("Acesse: %(url)s") % {"url": full_url(notification.url)})
    return "\n".join(lines)


def immediate_message(notification: Notification) -> EmailMessage:
    subject = "[PNETP] " + notification.title
    body = _entry(notification) + "\n" + _footer()
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [notification.recipient.email])


def digest_message(recipient, notifications: list[Notification]) -> EmailMessage:
    day = timezone.localdate().strftime("%d/%m/%Y")
    count = len(notifications)
    subject = ngettext(
        "[PNETP] Resumo de %(day)s: %(n)d notificação", "[PNETP] Resumo de %(day)s: %(n)d notificações", count
    ) % {"day": day, "n": count}
    intro = _("Novidades na plataforma do PNETP desde o último resumo:")
    entries = "\n\n".join(f"- {_entry(n)}" for n in notifications)
    inbox = _("Todas as notificações: %(url)s") % {"url": full_url(reverse("notifications:inbox"))}
    body = f"{intro}\n\n{entries}\n\n{inbox}\n{_footer()}"
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
