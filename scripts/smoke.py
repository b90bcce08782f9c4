#!/usr/bin/env python3
"""Smoke test of a running server (CI, and after a deploy): health, login page, a public page, a sign-in.

Usage: scripts/smoke.py http://127.0.0.1:8114 [--user coordenacao --password demo12345]
Exits 1 at the first failure, naming the step. Standard library only (it runs beside any install).
More steps are added to ``STEPS`` (the job queue adds "an import through the queue").
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request


class Session:
    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, path: str, data: dict | None = None, headers: dict | None = None):
        body = None if data is None else urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode("utf-8", "replace")

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.jar if c.name == name), "")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


def health(session: Session, args) -> str:
    status, _headers, body = session.request("/saude/")
    check(status == 200, f"/saude/ respondeu {status}: {body[:300]}")
    check(json.loads(body)["status"] == "ok", f"/saude/: {body[:300]}")
    return "saúde ok"


def public_page(session: Session, args) -> str:
    status, headers, body = session.request("/plano/iv-pnetp/")
    check(status == 200, f"/plano/iv-pnetp/ respondeu {status}")
    check("<h1" in body, "/plano/iv-pnetp/ sem <h1>")
    check("Content-Security-Policy" in headers, "sem Content-Security-Policy")
    return "página pública ok"


def login(session: Session, args) -> str:
    status, _headers, body = session.request("/conta/entrar/")
    check(status == 200, f"/conta/entrar/ respondeu {status}")
    token = session.cookie("csrftoken")
    check(bool(token), "a página de entrada não definiu o cookie CSRF")
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    check(match is not None, "formulário de entrada sem token CSRF")
    status, headers, _body = session.request(
        "/conta/entrar/",
        {"csrfmiddlewaretoken": match.group(1), "username": args.user, "password": args.password},
        headers={"Referer": session.base + "/conta/entrar/"},
    )
    check(status == 302, f"entrar como {args.user} respondeu {status} (esperado 302)")
    status, headers, body = session.request(headers.get("Location", "/conta/painel/"))
    second_factor = status == 302 and "/conta/segundo-fator/" in headers.get("Location", "")
    if second_factor:  # a role that must confirm a second factor (TOTP) is sent there first: signed in all the same
        status, _headers, body = session.request(headers["Location"])
    check(status == 200 and "/conta/sair/" in body, f"a página depois de entrar respondeu {status}")
    return f"entrada como {args.user} ok" + (" (segundo fator pedido)" if second_factor else "")


STEPS = [health, public_page, login]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="endereço do servidor, por exemplo http://127.0.0.1:8114")
    parser.add_argument("--user", default="coordenacao")
    parser.add_argument("--password", default="demo12345")
    args = parser.parse_args(argv)
    session = Session(args.base)
    for step in STEPS:
        try:
            print(f"smoke: {step(session, args)}")
        except (AssertionError, OSError, ValueError) as error:
            print(f"smoke: FALHOU em {step.__name__}: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
