"""The second factor (django-otp): a TOTP device per person, confirmed by a first code, and recovery codes.

Enrolment creates an unconfirmed TOTP device whose secret is shown as a QR code (segno, SVG, no image
library) and as text; the first valid code confirms it and creates ten single-use recovery codes
(django-otp's static tokens), shown once. A session becomes "verified" (``django_otp.login``) when the
person types a current code or a recovery code.
"""

import segno
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
DEVICE_NAME = "pnetp"


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def has_pending_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=False).exists()


def pending_device(user) -> TOTPDevice:
    """The device being enrolled (unconfirmed), created on first use; a new secret each enrolment."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URI as an inline SVG QR code, for authenticator apps."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#071D41", light="#ffffff")


def secret_text(device: TOTPDevice) -> str:
    """The secret in base 32, in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _clean(token: str) -> str:
    return "".join((token or "").split())


def new_recovery_codes(user) -> list[str]:
    """Replace the person's recovery codes with ten new ones (the old ones stop working)."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(user=user, name="recuperacao", defaults={"confirmed": True})
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def confirm_enrolment(user, token: str) -> list[str] | None:
    """Confirm the pending device with a first code; the recovery codes, or None if the code is wrong."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(_clean(token)):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()  # one authenticator at a time
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return new_recovery_codes(user)


def verify_session(request, token: str) -> bool:
    """Mark this session verified if ``token`` is a current TOTP code or an unused recovery code."""
    token = _clean(token)
    if not token:
        return False
    # A 6-digit code goes to the authenticator, anything else to the recovery codes: a mistyped code
    # throttles (django-otp) only the device it was meant for.
    kind = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    devices = kind.objects.filter(user=request.user, confirmed=True)
    for device in devices:
        if device.verify_token(token):
            otp_login(request, device)
            return True
    return False


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
