"""Training certificates as PDF (WeasyPrint, tagged PDF/UA like the other documents), one per participant who
completed, with the code anyone can check on the public verification page."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Participant
from .participant_permissions import require_manage_participants


def certificate_context(participant: Participant) -> dict:
    base = getattr(settings, "PNETP_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    return {
        "p": participant,
        "t": participant.training,
        "verify_url": base + reverse("network:certificate_verify"),
    }


def certificate_pdf(user, participant: Participant) -> bytes:
    """The certificate of one participant, for the offering's institution or the coordination to hand over."""
    from weasyprint import HTML  # loads Pango from the system; only PDF output needs it

    require_manage_participants(user, participant.training)
    if not participant.certificate_code:
        raise ValidationError(_("O certificado ainda não foi emitido."))
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("network/certificate.html", certificate_context(participant))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
