"""The referral letter (PDF) for a body outside the platform: only the fields its sharing profile allows.

Rendered by WeasyPrint as the monitoring reports are (tagged PDF/UA). The identity appears only with the
"full" profile and the person's consent to share it, read through the SISETP store (so the read is logged).
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from pnetp.network.models import UnitService
from pnetp.sisetp.services.identity import read_identity
from pnetp.sisetp.permissions import Decision

from .consent import in_force
from .models import PROFILE_SECTIONS, Purpose, Section


def letter_sections(referral) -> frozenset:
    sections = PROFILE_SECTIONS[referral.profile]
    if Section.IDENTITY in sections and not in_force(referral.atendimento, Purpose.IDENTITY):
        sections = sections - {Section.IDENTITY}
    return sections


def letter_context(user, referral) -> dict:
    atendimento = referral.atendimento
    sections = letter_sections(referral)
    identity = None
    if Section.IDENTITY in sections:
        decision = Decision(True, f"Carta do encaminhamento nº {referral.pk} (perfil completo, com consentimento).")
        identity = read_identity(
            user, atendimento.person, f"Carta do encaminhamento nº {referral.pk}", decision=decision
        )
    services = dict(UnitService.choices)
    return {
        "r": referral,
        "a": atendimento,
        "sections": sections,
        "identity": identity,
        "needs": [services.get(n, n) for n in atendimento.needs] if Section.NEEDS in sections else [],
        "service": services.get(referral.service, referral.service),
        "issued_at": timezone.localtime(),
    }


def referral_letter_pdf(user, referral) -> bytes:
    from weasyprint import HTML  # loads Pango from the system; only PDF output needs it

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("referrals/letter.html", letter_context(user, referral))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
