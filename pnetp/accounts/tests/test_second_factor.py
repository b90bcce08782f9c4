"""The second factor (issue 12): TOTP enrolment with a QR code and recovery codes, required for the
coordination (admin included) and for whoever holds an identity grant; codes generated as an app would."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from pnetp.accounts.models import Role
from pnetp.accounts.testing import totp_code

from .factories import PASSWORD, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.second_factor]


def sign_in(client, username):
    return client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})


def test_coordination_is_sent_to_enrolment_and_enrols_with_a_totp_code(client):
    make_user(Role.COORDINATION, "coord")
    response = sign_in(client, "coord")
    assert response.status_code == 302
    dashboard = client.get(response.url)
    assert dashboard.status_code == 302 and dashboard.url.startswith(reverse("accounts:second-factor"))
    assert client.get(reverse("admin:index")).url.startswith(reverse("accounts:second-factor"))  # admin too
    page = client.get(dashboard.url)
    html = page.content.decode()
    assert "<svg" in html and "otpauth://totp/" in html  # QR code and the URI as text
    device = TOTPDevice.objects.get(user__username="coord", confirmed=False)
    assert (
        client.post(reverse("accounts:second-factor"), {"action": "confirm", "token": "000000"}).context["form"].errors
    )
    device.refresh_from_db()
    device.throttle_reset()  # django-otp delays the next try after a wrong code
    confirmed = client.post(reverse("accounts:second-factor"), {"action": "confirm", "token": totp_code(device)})
    codes = confirmed.context["recovery_codes"]
    assert len(codes) == 10 and all(code in confirmed.content.decode() for code in codes)
    assert client.get(reverse("workspace:dashboard")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


def test_next_sign_in_asks_for_the_code_and_a_recovery_code_works_once(client):
    user = make_user(Role.COORDINATION, "coord")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    from pnetp.accounts.second_factor import new_recovery_codes

    codes = new_recovery_codes(user)
    sign_in(client, "coord")
    response = client.get(reverse("workspace:dashboard"))
    assert response.url.startswith(reverse("accounts:second-factor-verify"))
    wrong = client.post(reverse("accounts:second-factor-verify"), {"token": "123456"})
    assert wrong.status_code == 200 and "Código incorreto" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    ok = client.post(reverse("accounts:second-factor-verify"), {"token": totp_code(device), "next": "/admin/"})
    assert ok.status_code == 302 and ok.url == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.post(reverse("accounts:logout"))
    sign_in(client, "coord")
    assert client.post(reverse("accounts:second-factor-verify"), {"token": codes[0]}).status_code == 302
    client.post(reverse("accounts:logout"))
    sign_in(client, "coord")
    reused = client.post(reverse("accounts:second-factor-verify"), {"token": codes[0]})
    assert reused.status_code == 200  # single use


def test_an_open_redirect_is_not_followed(client):
    user = make_user(Role.COORDINATION, "coord")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    sign_in(client, "coord")
    response = client.post(
        reverse("accounts:second-factor-verify"), {"token": totp_code(device), "next": "https://exemplo.invalid/"}
    )
    assert response.url == reverse("workspace:dashboard")


def test_roles_that_read_nothing_are_not_forced(client):
    make_user(Role.ANALYST, "ana")
    sign_in(client, "ana")
    assert client.get(reverse("workspace:dashboard")).status_code == 200
    assert client.get(reverse("accounts:second-factor")).status_code == 200  # may enrol anyway


def test_whoever_holds_an_identity_grant_must_enrol(client, institution):
    from datetime import date

    from pnetp.sisetp.models import DataSource, IdentityAccessGrant

    worker = make_user(Role.FOCAL_POINT, "creas", institution)
    source = DataSource.objects.create(institution=institution, slug="fonte", name="Fonte", coverage="nacional")
    sign_in(client, "creas")
    assert client.get(reverse("workspace:dashboard")).status_code == 200  # no grant: no second factor needed
    IdentityAccessGrant.objects.create(
        user=worker, source=source, purpose="x", valid_until=date(2999, 1, 1), status="approved"
    )
    assert client.get(reverse("workspace:dashboard")).url.startswith(reverse("accounts:second-factor"))
