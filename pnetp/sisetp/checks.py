"""System checks: identities cannot be stored or read without an encryption key.

A missing key is a warning on every command (so migrations and builds still run) and an error
under ``check --deploy``; using an identity without a key raises ImproperlyConfigured anyway.
"""

from django.core import checks

from . import crypto

_MESSAGE = "PNETP_FIELD_ENCRYPTION_KEY não está definida: as identidades do SISETP não podem ser gravadas nem lidas."
_HINT = "Gere uma chave com `pnetp rotate-identity-keys --generate-key` e defina a variável de ambiente."


def _key_problems(level) -> list:
    if not crypto.configured_keys():
        return [level(_MESSAGE, hint=_HINT, id="sisetp.E001" if level is checks.Error else "sisetp.W001")]
    try:
        crypto.fernet()
    except Exception as error:  # ImproperlyConfigured, with the reason
        return [checks.Error(str(error), id="sisetp.E002")]
    return []


@checks.register(checks.Tags.security)
def encryption_key_check(app_configs, **kwargs):
    return _key_problems(checks.Warning)


@checks.register(checks.Tags.security, deploy=True)
def encryption_key_deploy_check(app_configs, **kwargs):
    return [problem for problem in _key_problems(checks.Error) if problem.id != "sisetp.E002"]
