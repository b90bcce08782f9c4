"""System checks of the deployment: the platform refuses to run in production on the public SECRET_KEY."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def secret_key_check(app_configs, **kwargs):
    """core.E001: DEBUG off without SECRET_KEY would sign sessions with a key published in the repository."""
    if settings.DEBUG or settings.TESTING or settings.SECRET_KEY != settings.INSECURE_SECRET_KEY:
        return []
    return [
        checks.Error(
            "SECRET_KEY não está definida e DEBUG está desligado: as sessões seriam assinadas com a chave "
            "pública do repositório.",
            hint='Gere uma chave com `python -c "import secrets; print(secrets.token_urlsafe(50))"` e defina a '
            "variável de ambiente SECRET_KEY (docs/deploy.md).",
            id="core.E001",
        )
    ]
