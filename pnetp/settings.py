"""Django settings for pnetp.

Everything that differs between a laptop and production comes from environment variables:
DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS. The embedded default is a SQLite file under
``var/`` so the platform runs with no database server; production uses PostgreSQL.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("PNETP_DATA_DIR", BASE_DIR / "var"))
# The SQLite file and collected static files live here; create it so a fresh clone just runs.
(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "sim"}


DEBUG = env_bool("DEBUG", False)
# Production must set SECRET_KEY; the fallback exists so a fresh clone runs and tests with no set-up.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-set-SECRET_KEY-in-production"
TESTING = "pytest" in sys.modules or sys.argv[1:2] == ["test"]
# Keys that encrypt SISETP identities (pnetp.sisetp.crypto): comma-separated Fernet keys, newest first.
# Only DEBUG and tests fall back to this public key; production must set PNETP_FIELD_ENCRYPTION_KEY.
PNETP_FIELD_ENCRYPTION_KEYS = [k.strip() for k in os.environ.get("PNETP_FIELD_ENCRYPTION_KEY", "").split(",") if k.strip()]
if not PNETP_FIELD_ENCRYPTION_KEYS and (DEBUG or TESTING):
    PNETP_FIELD_ENCRYPTION_KEYS = ["H8ymRfYU4hpF2NI0ol3tjU2kBlC2koLwjz1FG1w_bVc="]

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "pnetp.core",
    "pnetp.accounts",
    "pnetp.institutions",
    "pnetp.territory",
    "pnetp.plans",
    "pnetp.monitoring",
    "pnetp.disclosure",
    "pnetp.sisetp",
    "pnetp.mapear",
    "pnetp.network",
    "pnetp.referrals",
    "pnetp.portal",
    "pnetp.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it turns a lockout into the lockout page
]

ROOT_URLCONF = "pnetp.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pnetp.core.context_processors.site",
                "pnetp.referrals.context_processors.pending",
            ],
        },
    },
]

WSGI_APPLICATION = "pnetp.wsgi.application"

DEFAULT_SQLITE_URL = f"sqlite:///{DATA_DIR / 'pnetp.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or DEFAULT_SQLITE_URL, conn_max_age=60)}

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# django-axes before Django's backend: it refuses sign-in attempts while an account/address pair is locked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Absolute address before the links of e-mails (referral notices); empty: relative links.
PNETP_BASE_URL = os.environ.get("PNETP_BASE_URL", "")
AXES_FAILURE_LIMIT = int(os.environ.get("PNETP_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("PNETP_LOGIN_COOLOFF_MINUTES", "15")))
# The pair, not the address alone (many users behind one government proxy) nor the account alone
# (anyone could lock a colleague out).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failed sign-in kept (who, address, when) for incident review
AXES_LOCKOUT_CALLABLE = "pnetp.accounts.lockout.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "plans:home"

LANGUAGE_CODE = "pt-br"
LANGUAGES = [("pt-br", "Português (Brasil)")]
TIME_ZONE = "America/Sao_Paulo"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "pnetp" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# The gov.br Design System, its fonts and icons come from npm (package.json); node_modules is
# exposed under fixed prefixes so templates do not depend on npm's folder layout.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    (prefix, NODE_MODULES / path)
    for prefix, path in [
        ("govbr-ds", "@govbr-ds/core/dist"),
        ("fontawesome", "@fortawesome/fontawesome-free"),
        ("raleway", "@fontsource/raleway"),
        ("axe-core", "axe-core"),
    ]
    if (NODE_MODULES / path).exists()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Without autorefresh WhiteNoise scans every static file (≈8,000 in node_modules) each time a
# handler starts, i.e. once per test client; in development and tests, look files up per request.
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The API (pnetp.api): public reads; writes by session (with CSRF) or "Authorization: Token ..." (no CSRF).
# Token first, so an unauthenticated write gets 401 with WWW-Authenticate instead of a bare 403.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "pnetp.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "pnetp.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API do PNETP",
    "DESCRIPTION": "Dados abertos do IV Plano Nacional de Enfrentamento ao Tráfico de Pessoas: plano, "
    "atividades, progresso e relatórios de monitoramento aprovados; envio de relatórios pelos pontos focais. "
    "A leitura é pública. Para escrever, use a sessão do portal (com o cabeçalho X-CSRFToken) ou um token "
    "emitido pela coordenação no painel administrativo (cabeçalho `Authorization: Token <chave>`).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and Redoc from the drf-spectacular-sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ReferralStateEnum": "pnetp.referrals.models.State",
        "ReferralPurposeEnum": "pnetp.referrals.models.Purpose",
        "ReferralRequestPurposeEnum": "pnetp.api.views.referrals.REFERRAL_PURPOSES",
    },
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "pnetp@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Public counts from 1 to k−1 are suppressed (pnetp.disclosure); CTDC published with k = 11.
PNETP_DISCLOSURE_K = int(os.environ.get("PNETP_DISCLOSURE_K", "11"))
