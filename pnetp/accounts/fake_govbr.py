"""A fake gov.br Login Único for tests and local demos: a tiny OpenID Connect provider on 127.0.0.1.

Serves /authorize (signs in whoever ``sign_in_as`` chose, at a reliability level, and sends the browser
back with a code), /logout (ends that gov.br session, ``session_user``, and sends the browser to its
``post_logout_redirect_uri``), /token (HTTP Basic client authentication; checks the code, the redirect URI and the
PKCE S256 verifier), /jwk (its RSA public key) and /userinfo. The id token is RS256 with ``kid``,
``iss``, ``aud``, ``exp``, ``nonce``, ``sub`` (the CPF) and ``reliability_info.level`` like gov.br's.
Nothing leaves the machine. Knobs for attack tests: ``tamper_nonce``, ``other_audience``, ``unsigned_key``.
"""

import base64
import copy
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "pnetp-teste"
CLIENT_SECRET = "segredo-de-teste"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class FakeGovBr:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "chave-teste"
        self.codes: dict[str, dict] = {}
        self.user = {"sub": "52998224725", "name": "Pessoa Fictícia", "level": "silver"}
        self.session_user: str | None = None  # the CPF signed in "at gov.br" in the browser, until /logout
        self.requests: list[tuple[str, dict]] = []  # (path, parameters) of every call, for assertions
        self.tamper_nonce = self.other_audience = self.unsigned_key = False
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def sign_in_as(self, cpf: str, level: str = "silver", name: str = "Pessoa Fictícia") -> None:
        """The person who will be "signed in at gov.br" on the next /authorize; level bronze/silver/gold."""
        self.user = {"sub": cpf, "name": name, "level": level}

    def settings(self) -> dict:
        """Django settings pointing mozilla-django-oidc (and pnetp.accounts.govbr) at this provider, and the
        CSP's form-action at it (the sign-out form redirects to its /logout: a browser blocks any other)."""
        from django.conf import settings

        policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
        policy["DIRECTIVES"]["form-action"] = ["'self'", self.url]
        return {
            "CONTENT_SECURITY_POLICY": policy,
            "PNETP_GOVBR_ISSUER": self.url,
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwk",
            "OIDC_OP_LOGOUT_ENDPOINT": f"{self.url}/logout",
        }

    def jwks(self) -> dict:
        numbers = self.key.public_key().public_numbers()
        return {
            "keys": [
                {
                    "kty": "RSA",
                    "alg": "RS256",
                    "use": "sig",
                    "kid": self.kid,
                    "n": _b64(numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big")),
                    "e": _b64(numbers.e.to_bytes(3, "big")),
                }
            ]
        }

    def id_token(self, grant: dict) -> str:
        now = int(time.time())
        claims = {
            "iss": self.url,
            "sub": grant["user"]["sub"],
            "aud": "outro-cliente" if self.other_audience else CLIENT_ID,
            "iat": now,
            "exp": now + 60,
            "nonce": "adulterado" if self.tamper_nonce else grant["nonce"],
            "amr": ["passwd"],
            "name": grant["user"]["name"],
            "reliability_info": {"level": grant["user"]["level"]},
        }
        key = self.other_key if self.unsigned_key else self.key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body=b"", content_type="application/json", headers=()):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                for name, value in headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def _json(self, data, status=200):
                self._send(status, json.dumps(data).encode())

            def do_GET(self):
                url = urlparse(self.path)
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                provider.requests.append((url.path, params))
                if url.path == "/authorize":
                    return self.authorize(params)
                if url.path == "/logout":
                    return self.logout(params)
                if url.path == "/jwk":
                    return self._json(provider.jwks())
                if url.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    for grant in provider.codes.values():
                        if grant.get("access_token") == token:
                            user = grant["user"]
                            return self._json({"sub": user["sub"], "name": user["name"], "email_verified": False})
                    return self._json({"error": "invalid_token"}, 401)
                return self._send(404)

            def authorize(self, params):
                required = ("client_id", "redirect_uri", "state", "nonce", "code_challenge")
                if (
                    any(not params.get(name) for name in required)
                    or params.get("code_challenge_method") != "S256"
                    or params["client_id"] != CLIENT_ID
                    or params.get("response_type") != "code"
                ):
                    return self._json({"error": "invalid_request"}, 400)
                code = secrets.token_urlsafe(16)
                provider.codes[code] = {**params, "user": dict(provider.user)}
                provider.session_user = provider.user["sub"]
                target = f"{params['redirect_uri']}?{urlencode({'code': code, 'state': params['state']})}"
                return self._send(302, headers=[("Location", target)], content_type="text/plain")

            def logout(self, params):
                provider.session_user = None
                target = params.get("post_logout_redirect_uri", "")
                if target.startswith(("http://", "https://")):
                    return self._send(302, headers=[("Location", target)], content_type="text/plain")
                return self._send(200, b"Sessao encerrada.", content_type="text/plain")

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                provider.requests.append((self.path, {**form, "authorization": self.headers.get("Authorization")}))
                if self.path != "/token":
                    return self._send(404)
                expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
                grant = provider.codes.pop(form.get("code", ""), None)  # a code works once
                if self.headers.get("Authorization") != expected or grant is None:
                    return self._json({"error": "invalid_grant"}, 400)
                challenge = _b64(hashlib.sha256(form.get("code_verifier", "").encode()).digest())
                if challenge != grant["code_challenge"] or form.get("redirect_uri") != grant["redirect_uri"]:
                    return self._json({"error": "invalid_grant"}, 400)
                grant["access_token"] = secrets.token_urlsafe(16)
                provider.codes[f"used-{grant['access_token']}"] = grant
                return self._json(
                    {
                        "access_token": grant["access_token"],
                        "token_type": "Bearer",
                        "expires_in": 60,
                        "id_token": provider.id_token(grant),
                    }
                )

        return Handler
