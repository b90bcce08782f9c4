from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from pnetp.accounts.demo import ACCOUNTS, DEMO_PASSWORD
from pnetp.accounts.models import Role, User
from pnetp.core.tests.shared_data import shared
from pnetp.institutions.models import Institution

pytestmark = pytest.mark.django_db


def run_demo(*args) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def _first_run(folder) -> str:
    # The hasher of the autouse fixture in conftest.py, which a module fixture does not get.
    with override_settings(DEBUG=False, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        return run_demo("--force")


# The whole demo (every app's loader, SISETP import, linkage and release included) runs once for the module,
# as ``--force`` with DEBUG off; each test starts from that first run and rolls its own changes back.
shared_first_run = shared(_first_run)


@pytest.fixture
def demo_loaded(shared_first_run, db) -> str:
    """The output of the module's first ``pnetp demo --force`` run, its data in the database."""
    return shared_first_run


def test_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG está desligado"):
        run_demo()
    assert not User.objects.exists() and not Institution.objects.exists()


def test_force_runs_without_debug(demo_loaded):
    assert "Contas de demonstração" in demo_loaded
    assert User.objects.filter(username="coordenacao").exists()


def test_loads_institutions_and_one_account_per_role(settings, demo_loaded):
    settings.DEBUG = True
    output = run_demo()
    assert Institution.objects.filter(acronym__in=["MJSP", "MTE", "PF", "OIM", "UNODC"]).count() == 5
    users = {u.username: u for u in User.objects.select_related("institution")}
    assert users["coordenacao"].role == Role.COORDINATION and users["coordenacao"].is_staff
    assert not users["coordenacao"].is_superuser
    assert users["ponto.focal"].institution.acronym == "MJSP"
    assert users["ponto.focal.mte"].institution.acronym == "MTE"
    assert users["comite"].role == Role.COMMITTEE_MEMBER and not users["comite"].is_staff
    assert users["analista"].role == Role.ANALYST
    for username, *_ in ACCOUNTS:
        assert username in output
    assert DEMO_PASSWORD in output


def test_is_idempotent(settings, demo_loaded):
    settings.DEBUG = True

    def snapshot():
        return (
            sorted(Institution.objects.values_list("acronym", "name", "kind", "uf", "parent__acronym")),
            sorted(User.objects.values_list("username", "role", "institution__acronym", "is_staff", "password")),
            Institution.history.count(),
        )

    first = snapshot()
    output = run_demo()
    assert snapshot() == first
    assert "0 criadas, 0 atualizadas, 26 sem alteração" in output


def test_resets_changed_demo_accounts(settings, demo_loaded):
    settings.DEBUG = True
    user = User.objects.get(username="comite")
    user.set_password("outra-senha")
    user.role, user.is_active = Role.ANALYST, False
    user.save()
    run_demo()
    user.refresh_from_db()
    assert user.role == Role.COMMITTEE_MEMBER and user.is_active and user.check_password(DEMO_PASSWORD)


@pytest.mark.parametrize("username", [a[0] for a in ACCOUNTS])
def test_demo_logins_work(client, settings, demo_loaded, username):
    settings.DEBUG = True
    response = client.post("/conta/entrar/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/conta/painel/").status_code == 200
