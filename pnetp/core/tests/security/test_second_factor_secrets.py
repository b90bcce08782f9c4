"""No page shows a second-factor secret of another person: the admin's TOTP configuration and QR code pages
(django-otp) are refused, to the coordination and to a superuser alike (found by the role × URL matrix)."""

import pytest
from django.urls import reverse

from pnetp.accounts.models import Role, User
from pnetp.accounts.testing import confirmed_device

from .crawl import client_for


@pytest.mark.parametrize("superuser", [False, True])
def test_the_admin_never_shows_a_totp_secret(db, superuser):
    owner = User.objects.create_user("coord.dona", role=Role.COORDINATION, is_staff=True)
    device = confirmed_device(owner)
    reader = User.objects.create_user(
        "coord.leitora", role="" if superuser else Role.COORDINATION, is_staff=True, is_superuser=superuser
    )
    client = client_for(reader)
    for name in ("admin:otp_totp_totpdevice_config", "admin:otp_totp_totpdevice_qrcode"):
        response = client.get(reverse(name, args=[device.pk]))
        assert response.status_code == 403, name
        assert device.key not in response.content.decode()
    change = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert change.status_code == 200 and device.key not in change.content.decode()
