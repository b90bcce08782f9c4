"""Uploads over the limit are refused before their body is read: by Content-Length, or while streaming."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from pnetp.core.limits import FORM_FIELDS_BYTES, body_limit

SISETP_IMPORT = "/sisetp/importar/"
SIGN_IN = "/conta/entrar/"


class Untouchable(io.RawIOBase):
    """A request body that fails the test if anyone reads it."""

    def read(self, *args):
        raise AssertionError("o corpo da requisição foi lido")

    readline = readinto = read


class Counting(io.BytesIO):
    """A request body that counts what was read of it."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.read_bytes = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.read_bytes += len(chunk)
        return chunk

    def readline(self, size=-1):
        line = super().readline(size)
        self.read_bytes += len(line)
        return line


def _text(response) -> str:
    return response.content.decode().replace("\xa0", " ")  # filesizeformat's non-breaking space


def _claiming(client, path, length, **extra):
    return client.generic(
        "POST",
        path,
        CONTENT_TYPE=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": Untouchable()},
        **extra,
    )


def test_limits_come_from_the_input_limits(settings):
    settings.PNETP_INPUT_LIMITS = {
        **settings.PNETP_INPUT_LIMITS,
        "office": {**settings.PNETP_INPUT_LIMITS["office"], "file_bytes": 20 * 1024 * 1024},
    }
    assert body_limit("/monitoramento/qualquer/").body_bytes == 20 * 1024 * 1024 + FORM_FIELDS_BYTES
    sisetp = body_limit(SISETP_IMPORT)
    assert (sisetp.kind, sisetp.files) == ("sisetp", 2)
    assert sisetp.body_bytes == 2 * settings.PNETP_INPUT_LIMITS["sisetp"]["file_bytes"] + FORM_FIELDS_BYTES


def test_a_too_large_content_length_is_refused_unread(client, db):
    limit = body_limit(SIGN_IN)
    response = _claiming(client, SIGN_IN, limit.body_bytes + 1)
    body = _text(response)
    assert response.status_code == 413
    assert 'class="br-header' in body and "Arquivo grande demais" in body
    assert "O envio passa do limite de 20,0 MB por arquivo" in body


def test_the_sisetp_import_has_its_own_limit(client, db):
    limit = body_limit(SISETP_IMPORT)
    response = _claiming(client, SISETP_IMPORT, limit.body_bytes + 1)
    assert response.status_code == 413
    assert "limite de 2,0 GB por arquivo (4,0 GB no total)" in _text(response)


def test_the_api_answers_json(client, db):
    response = _claiming(client, "/api/v1/", body_limit("/api/v1/").body_bytes + 1)
    assert response.status_code == 413
    assert response.json()["detail"].replace("\xa0", " ").startswith("O envio passa do limite de 20,0 MB")


def test_a_body_within_its_length_but_with_a_file_over_the_limit_stops_streaming(client, db, settings):
    office = {**settings.PNETP_INPUT_LIMITS["office"], "file_bytes": 1024}
    settings.PNETP_INPUT_LIMITS = {**settings.PNETP_INPUT_LIMITS, "office": office}
    payload = encode_multipart(BOUNDARY, {"username": "x", "file": SimpleUploadedFile("a.csv", b"a" * 900_000)})
    assert len(payload) < body_limit(SIGN_IN).body_bytes  # passes the Content-Length check
    stream = Counting(payload)
    response = client.generic(
        "POST", SIGN_IN, CONTENT_TYPE=MULTIPART_CONTENT, CONTENT_LENGTH=str(len(payload)), **{"wsgi.input": stream}
    )
    assert response.status_code == 413
    assert "O envio passa do limite de 1,0 KB por arquivo" in _text(response)
    assert stream.read_bytes < len(payload) // 3  # stopped soon after the limit, the rest never read


@pytest.mark.parametrize("size", [0, 1000])
def test_uploads_within_the_limit_go_through(client, db, settings, size):
    office = {**settings.PNETP_INPUT_LIMITS["office"], "file_bytes": 1024}
    settings.PNETP_INPUT_LIMITS = {**settings.PNETP_INPUT_LIMITS, "office": office}
    response = client.post(
        SIGN_IN, {"username": "x", "password": "y", "file": SimpleUploadedFile("a.csv", b"a" * size)}
    )
    assert response.status_code == 200  # the sign-in form, with its own error
