"""Role × URL for the account, user-management and identity-grant pages (issue 12), as one table.

Columns: anonymous, coordination, focal point, committee member, analyst. 302 for anonymous is the
redirect to the sign-in page; 403 a refusal page. The second-factor redirect is off here (see conftest)."""

import pytest
from django.urls import reverse

from pnetp.accounts.models import Role

from .factories import ROLES, make_user

# (url name, args, expected status per role in ROLES order)
TABLE = [
    ("workspace:dashboard", [], (302, 200, 200, 200, 200)),
    ("accounts:profile", [], (302, 200, 200, 200, 200)),
    ("accounts:password-change", [], (302, 200, 200, 200, 200)),
    ("accounts:password-reset", [], (200, 200, 200, 200, 200)),
    ("accounts:second-factor", [], (302, 200, 200, 200, 200)),
    ("accounts:second-factor-verify", [], (302, 302, 302, 302, 302)),  # no device yet: to enrolment
    ("accounts:users", [], (302, 200, 403, 403, 403)),
    ("accounts:user-invite", [], (302, 200, 403, 403, 403)),
    ("accounts:user", ["target"], (302, 200, 403, 403, 403)),
    ("sisetp:grants", [], (302, 200, 403, 403, 403)),
    ("sisetp:grant-request", [], (302, 200, 403, 403, 403)),
    ("sisetp:access-log", [], (302, 200, 403, 403, 403)),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args", "expected"), TABLE, ids=[row[0] for row in TABLE])
def test_role_url_matrix(client, name, args, expected):
    target = make_user(Role.ANALYST, "alvo")
    url = reverse(name, args=[target.pk if a == "target" else a for a in args])
    for role, status in zip(ROLES, expected, strict=True):
        client.logout()
        if role != "anonymous":
            client.force_login(make_user(role, f"u-{role}"))
        response = client.get(url)
        assert response.status_code == status, (role, url)
        if status == 302 and role == "anonymous":
            assert response.url.startswith(reverse("accounts:login"))
