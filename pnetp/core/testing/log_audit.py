"""No personal data in logs: every log line written while the suite runs is checked at its end.

A pytest plugin (root conftest.py). During the session it keeps each log record at INFO and above (as
production logs with LOG_LEVEL=INFO), formatted like production (JSON, with tracebacks), and the identity
values the tests encrypt or decrypt in this process (``pnetp.sisetp.crypto``). At the end of the session a
line holding a CPF (formatted, or 11 digits with valid check digits) or one of those identity values fails
the run, listing the lines.
"""

from __future__ import annotations

import logging
import re

import pytest

from pnetp.core.logs import JsonFormatter, RequestIdFilter

CPF_FORMATTED = re.compile(r"(?<!\d)\d{3}\.\d{3}\.\d{3}-\d{2}(?!\d)")
# Eleven digits standing alone: not inside a longer token such as a hexadecimal request id, where 11 digits in a
# row pass the check digits about once in a hundred runs of the suite.
ELEVEN_DIGITS = re.compile(r"(?<![\w.])\d{11}(?![\w.])")
MAX_LINES = 200_000


def is_cpf(digits: str) -> bool:
    """11 digits with valid check digits (and not all the same digit)."""
    if len(digits) != 11 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    for length in (9, 10):
        total = sum(int(d) * weight for d, weight in zip(digits[:length], range(length + 1, 1, -1)))
        if (total * 10 % 11) % 10 != int(digits[length]):
            return False
    return True


def personal_data_in(line: str, identity_values: set[str]) -> list[str]:
    """What in ``line`` looks like personal data: CPFs and known identity values."""
    found = CPF_FORMATTED.findall(line)
    found += [digits for digits in ELEVEN_DIGITS.findall(line) if is_cpf(digits)]
    found += [value for value in identity_values if value in line]
    return found


def is_identity_value(text) -> bool:
    """Worth looking for: long enough not to match ordinary log text by chance."""
    return (
        isinstance(text, str)
        and len(text) >= 8
        and any(c.isalpha() for c in text)
        or (isinstance(text, str) and is_cpf(re.sub(r"\D", "", text)))
    )


class Recorder(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[str] = []
        self.addFilter(RequestIdFilter())
        self.setFormatter(JsonFormatter())

    def emit(self, record):
        if len(self.lines) < MAX_LINES:
            try:
                self.lines.append(self.format(record))
            except Exception:  # a bad log call must not break the audit
                self.lines.append(str(record.msg))


RECORDER = Recorder()
IDENTITY_VALUES: set[str] = set()


def _record_identities(monkeypatch) -> None:
    from pnetp.sisetp import crypto

    encrypt, decrypt, batch = crypto.Keyring.encrypt, crypto.Keyring.decrypt, crypto.encrypt_batch

    def keep(*values):
        IDENTITY_VALUES.update(value for value in values if is_identity_value(value))

    def recording_encrypt(self, text):
        keep(text)
        return encrypt(self, text)

    def recording_decrypt(self, token):
        text = decrypt(self, token)
        keep(text)
        return text

    def recording_batch(key, texts):
        keep(*texts)
        return batch(key, texts)

    monkeypatch.setattr(crypto.Keyring, "encrypt", recording_encrypt)
    monkeypatch.setattr(crypto.Keyring, "decrypt", recording_decrypt)
    monkeypatch.setattr(crypto, "encrypt_batch", recording_batch)


@pytest.fixture(scope="session", autouse=True)
def log_audit():
    root = logging.getLogger()
    level = root.level
    root.addHandler(RECORDER)
    root.setLevel(min(level, logging.INFO))
    with pytest.MonkeyPatch.context() as monkeypatch:
        _record_identities(monkeypatch)
        yield RECORDER
    root.removeHandler(RECORDER)
    root.setLevel(level)


def pytest_sessionfinish(session, exitstatus):
    leaks = [(line, found) for line in RECORDER.lines if (found := personal_data_in(line, IDENTITY_VALUES))]
    if not leaks:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_sep("=", "dados pessoais nos logs", red=True)
        for line, found in leaks[:20]:
            reporter.write_line(f"{found}: {line[:500]}")
    session.exitstatus = 1
