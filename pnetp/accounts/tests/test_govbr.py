"""gov.br Login Único against a fake provider on 127.0.0.1 (pnetp.accounts.fake_govbr): PKCE S256, state,
nonce, RS256 keys from /jwk, issuer and audience; the account matched by CPF; the reliability level kept
on the session. No network beyond this machine; every person is fictitious."""

import pytest
import requests
from django.urls import reverse

from pnetp.accounts.assurance import GOVBR_LEVEL_SESSION_KEY
from pnetp.accounts.fake_govbr import FakeGovBr
from pnetp.accounts.models import Role

from .factories import make_user

pytestmark = pytest.mark.django_db
CPF = "52998224725"  # valid check digits, fictitious


@pytest.fixture
def govbr(settings):
    with FakeGovBr() as provider:
        for name, value in provider.settings().items():
            setattr(settings, name, value)
        yield provider


@pytest.fixture
def person():
    user = make_user(Role.ANALYST, "ana")
    user.cpf = CPF
    user.save()
    return user


def sign_in_with_govbr(client, *, state=None):
    """Browser steps: to gov.br, which signs the person in and sends them back; the callback's answer."""
    start = client.get(reverse("accounts:oidc_authentication_init"))
    assert start.status_code == 302
    at_govbr = requests.get(start.url, allow_redirects=False, timeout=5)
    assert at_govbr.status_code == 302, at_govbr.text
    back = at_govbr.headers["Location"]
    if state is not None:
        back = back.replace(back.split("state=")[1].split("&")[0], state)
    return client.get(back.replace("http://testserver", ""))


def test_the_login_page_offers_govbr_only_when_configured(client, settings, govbr):
    assert "Entrar com gov.br" in client.get(reverse("accounts:login")).content.decode()
    settings.OIDC_RP_CLIENT_ID = ""
    assert "Entrar com gov.br" not in client.get(reverse("accounts:login")).content.decode()


@pytest.mark.parametrize(("claim", "kept"), [("bronze", "bronze"), ("silver", "prata"), ("gold", "ouro")])
def test_signs_in_by_cpf_and_keeps_the_reliability_level(client, govbr, person, claim, kept):
    govbr.sign_in_as(CPF, claim)
    response = sign_in_with_govbr(client)
    assert response.status_code == 302 and response.url == "/conta/painel/"
    assert int(client.session["_auth_user_id"]) == person.pk
    assert client.session[GOVBR_LEVEL_SESSION_KEY] == kept
    authorize = next(params for path, params in govbr.requests if path == "/authorize")
    assert authorize["code_challenge_method"] == "S256" and authorize["nonce"] and authorize["state"]
    assert "govbr_confiabilidades_idtoken" in authorize["scope"]
    token = next(params for path, params in govbr.requests if path == "/token")
    assert token["code_verifier"] and token["authorization"].startswith("Basic ") and "client_secret" not in token
    assert ("/jwk", {}) in govbr.requests
    assert f"gov.br nível {kept}" in client.get(reverse("workspace:dashboard")).content.decode()


def test_an_unknown_cpf_gets_no_account(client, govbr, person, django_user_model):
    govbr.sign_in_as("11144477735")
    response = sign_in_with_govbr(client)
    assert response.url == reverse("accounts:login") and "_auth_user_id" not in client.session
    assert django_user_model.objects.count() == 1  # nobody was created
    page = client.get(response.url).content.decode()
    assert "não há conta ativa na plataforma para este CPF" in page


def test_a_deactivated_account_cannot_sign_in(client, govbr, person):
    person.is_active = False
    person.save()
    govbr.sign_in_as(CPF)
    sign_in_with_govbr(client)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("attack", ["tamper_nonce", "other_audience", "unsigned_key"])
def test_forged_or_replayed_tokens_are_refused(client, govbr, person, attack):
    setattr(govbr, attack, True)
    govbr.sign_in_as(CPF)
    client.raise_request_exception = False  # a forged token may end in a 400 (SuspiciousOperation)
    response = sign_in_with_govbr(client)
    assert "_auth_user_id" not in client.session
    assert response.status_code in (302, 400)


def test_a_wrong_state_is_refused(client, govbr, person):
    govbr.sign_in_as(CPF)
    client.raise_request_exception = False
    response = sign_in_with_govbr(client, state="estado-forjado")
    assert "_auth_user_id" not in client.session and response.status_code in (302, 400)


def test_signing_out_ends_the_govbr_session_too(client, govbr, person):
    sign_in_with_govbr(client)
    assert govbr.session_user == CPF
    response = client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session  # signed out here first
    assert response.status_code == 302
    assert response.url == f"{govbr.url}/logout?post_logout_redirect_uri=http%3A%2F%2Ftestserver%2F"
    at_govbr = requests.get(response.url, allow_redirects=False, timeout=5)
    assert govbr.session_user is None  # and at gov.br
    assert at_govbr.status_code == 302 and at_govbr.headers["Location"] == "http://testserver/"


def test_a_local_sign_in_signs_out_here_only(client, govbr, person):
    client.force_login(person)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response.url == "/"
    assert "_auth_user_id" not in client.session
    assert not [path for path, _params in govbr.requests if path == "/logout"]


def test_the_library_logout_view_uses_the_same_url(client, govbr, person):
    sign_in_with_govbr(client)
    response = client.post(reverse("accounts:oidc_logout"))
    assert response.url.startswith(f"{govbr.url}/logout?post_logout_redirect_uri=")
    assert "_auth_user_id" not in client.session
