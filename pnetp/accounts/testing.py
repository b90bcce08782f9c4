"""Test helpers: a user whose session confirmed a second factor, and a current TOTP code.

Used by the tests of every app that reads identities or grants access (they need a strong sign-in).
"""

import time
from datetime import timedelta

from django.db.models import F

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User


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


def settle(*users, days: int = 30):
    """Backdate the accounts' history by ``days``: as if they had been made long ago (an identity grant's
    approver must have been coordination for a while, ``sisetp.services.grants``)."""
    User.history.filter(id__in=[user.pk for user in users]).update(
        history_date=F("history_date") - timedelta(days=days)
    )
    return users[0] if len(users) == 1 else users
