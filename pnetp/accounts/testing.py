"""Test helpers: a user whose session confirmed a second factor, and a current TOTP code.

Used by the tests of every app that reads identities or grants access (they need a strong sign-in).
"""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="teste", confirmed=True)


def totp_code(device: TOTPDevice, at: float | None = None) -> str:
    """The code an authenticator app would show for ``device`` at ``at`` (now by default)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


def mark_verified(user):
    """A user object as the middleware leaves it after the second factor (for calls without a request)."""
    device = confirmed_device(user)
    user.otp_device = device
    user.is_verified = lambda: True
    return user


def login_verified(client, user):
    """``client.force_login`` plus a confirmed second factor on the session."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = confirmed_device(user).persistent_id
    session.save()
    return client
