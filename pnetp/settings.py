"""Django settings for pnetp.

Everything that differs between a laptop and production comes from environment variables
(the table in README.md and docs/deploy.md): DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS,
PNETP_CACHE_URL, … The embedded default is a SQLite file under ``var/`` so the platform runs with no
database server; production uses PostgreSQL behind a TLS proxy (``pnetp serve``).
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
TESTING = "pytest" in sys.modules or sys.argv[1:2] == ["test"]
# Production must set SECRET_KEY: with DEBUG off and no SECRET_KEY the system check core.E001 stops every
# command (pnetp.core.checks). The public fallback exists so a fresh clone runs and tests with no set-up.
INSECURE_SECRET_KEY = "dev-only-insecure-key-set-SECRET_KEY-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY") or INSECURE_SECRET_KEY
# Keys that encrypt SISETP identities (pnetp.sisetp.crypto): comma-separated Fernet keys, newest first.
# Only DEBUG and tests fall back to this public key; production must set PNETP_FIELD_ENCRYPTION_KEY.
PNETP_FIELD_ENCRYPTION_KEYS = [
    k.strip() for k in os.environ.get("PNETP_FIELD_ENCRYPTION_KEY", "").split(",") if k.strip()
]
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
    "pnetp.core.staticfiles.PnetpStaticFilesConfig",  # django.contrib.staticfiles, fewer npm files collected
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mozilla_django_oidc",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "pnetp.core",
    "pnetp.accounts",
    "pnetp.institutions",
    "pnetp.territory",
    "pnetp.plans",
    "pnetp.monitoring",
    "pnetp.disclosure",
    "pnetp.sisetp",
    "pnetp.linkage",  # unique persons over the SISETP records (reads sisetp; sisetp never imports it)
    "pnetp.statistics",  # the public SISETP statistics (reads sisetp; sisetp never imports it)
    "pnetp.mapear",
    "pnetp.network",
    "pnetp.referrals",
    "pnetp.workspace",
    "pnetp.portal",
    "pnetp.api",
    "pnetp.notifications",
]

MIDDLEWARE = [
    # Outermost: stores a shareable public page as it leaves Django, for pnetp.wsgi's front (pnetp.core.page_front).
    "pnetp.core.page_front.FrontStoreMiddleware",
    "pnetp.core.middleware.RequestIdMiddleware",  # first: every response, cached or not, gets its id
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "pnetp.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Uploads over the limit refused from Content-Length (or while streaming) before the CSRF check reads the body.
    "pnetp.core.uploads.UploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # request.user.is_verified() (django-otp) and request.user.govbr_level (gov.br sign-in), then the
    # people who need a second factor are sent to enrol or confirm it (pnetp.accounts.assurance).
    "pnetp.accounts.middleware.AssuranceMiddleware",
    "pnetp.accounts.middleware.SecondFactorMiddleware",
    "pnetp.core.page_cache.PublicPageCacheMiddleware",  # after auth and messages: anonymous pages only
    # A page needing SISETP statistics never computes them: before the first release it says "being prepared".
    "pnetp.statistics.middleware.StatisticsPendingMiddleware",
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
                "pnetp.notifications.context_processors.notifications",
                "pnetp.navigation.menu",
            ],
        },
    },
]

WSGI_APPLICATION = "pnetp.wsgi.application"

DEFAULT_SQLITE_URL = f"sqlite:///{DATA_DIR / 'pnetp.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or DEFAULT_SQLITE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a real embedded database: WAL lets pages read while an import writes; writers wait up to
    # 30 s for the lock instead of failing with "database is locked"; IMMEDIATE takes the write lock at BEGIN,
    # so a transaction never fails half-way when upgrading a read lock to a write lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
    )

# Jobs (pnetp.core.jobs): a queue in the database, run by `pnetp worker`; tests run each job where it is enqueued.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend" if TESTING else "django_tasks_db.DatabaseBackend"
    }
}
# Job workers run this much nicer than the web server (a floor, 0..19; `pnetp worker --nice`): background
# jobs take the CPU the pages leave and never starve requests (docs/deploy.md).
PNETP_WORKER_NICE = int(os.environ.get("PNETP_WORKER_NICE", "19"))
# Enqueued by every `pnetp worker` (dotted path of a task, every N seconds); duplicates are harmless.
PNETP_WORKER_PERIODIC = [
    ("pnetp.sisetp.tasks.sweep", 60),  # jobs of a dead worker marked interrupted, so they can be sent again
    ("pnetp.linkage.tasks.sweep", 60),  # the same for linkage runs
    ("pnetp.sisetp.tasks.cleanup_uploads", 3600),
    ("pnetp.monitoring.tasks.send_reminders_job", 3600),  # each reminder at most once a day (SentReminder)
    ("pnetp.core.tasks.prune_finished_jobs", 86400),
    ("pnetp.referrals.tasks.expire_overdue_job", 900),  # a referral expires at most 15 min after its deadline
    ("pnetp.referrals.tasks.send_reminders_job", 900),  # once per referral (reminded_at), 6 h before its deadline
    ("pnetp.network.tasks.send_term_reminders_job", 3600),  # committee terms ending in 60 and 15 days, once each
]
# A web import validated but never confirmed (or interrupted, never sent again) is abandoned after this.
PNETP_UPLOAD_MAX_AGE_HOURS = float(os.environ.get("PNETP_UPLOAD_MAX_AGE_HOURS", "24"))

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# django-axes before Django's backend: it refuses sign-in attempts while an account/address pair is locked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "pnetp.accounts.govbr.GovBrBackend",
]
# Two limits (pnetp.accounts.lockout): failures of one account from one address lock that pair (not the
# account alone: anyone could lock a colleague out); failures from one address across usernames
# (password spraying) lock the address, at a higher limit since many users share a government proxy.
AXES_FAILURE_LIMIT_PER_USER = int(os.environ.get("PNETP_LOGIN_FAILURE_LIMIT", "5"))
PNETP_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("PNETP_LOGIN_ADDRESS_FAILURE_LIMIT", "10"))
AXES_FAILURE_LIMIT = "pnetp.accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("PNETP_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For is believed; empty:
# the client address is REMOTE_ADDR and X-Forwarded-For is ignored (a client could forge it).
PNETP_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("PNETP_TRUSTED_PROXIES", "").split(",") if p.strip()]
AXES_CLIENT_IP_CALLABLE = "pnetp.accounts.lockout.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failed sign-in kept (who, address, when) for incident review
AXES_LOCKOUT_CALLABLE = "pnetp.accounts.lockout.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
LOGIN_REDIRECT_URL = "workspace:dashboard"
# The coordination and whoever reads identities must confirm a second factor (TOTP) or sign in with gov.br
# prata/ouro before anything else (pnetp.accounts.middleware). Only the test suite turns it off.
PNETP_SECOND_FACTOR_REQUIRED = True
# An identity grant's approver must have been a coordination member for this many days (sisetp.services.grants).
PNETP_GRANT_APPROVER_MIN_DAYS = int(os.environ.get("PNETP_GRANT_APPROVER_MIN_DAYS", "7"))
OTP_TOTP_ISSUER = "PNETP"
# The admin never shows a device's secret (its key, the QR code to enrol it): whoever could read another
# member's secret could answer their second factor (the coordination holds every admin permission).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
LOGOUT_REDIRECT_URL = "plans:home"

# gov.br Login Único (pnetp.accounts.govbr): on when PNETP_GOVBR_CLIENT_ID is set. PNETP_GOVBR_URL picks the
# provider: https://sso.staging.acesso.gov.br (default, homologação) or https://sso.acesso.gov.br (produção).
PNETP_GOVBR_ISSUER = os.environ.get("PNETP_GOVBR_URL", "https://sso.staging.acesso.gov.br").rstrip("/")
OIDC_RP_CLIENT_ID = os.environ.get("PNETP_GOVBR_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("PNETP_GOVBR_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = f"{PNETP_GOVBR_ISSUER}/authorize"
OIDC_OP_TOKEN_ENDPOINT = f"{PNETP_GOVBR_ISSUER}/token"
OIDC_OP_USER_ENDPOINT = f"{PNETP_GOVBR_ISSUER}/userinfo"
OIDC_OP_JWKS_ENDPOINT = f"{PNETP_GOVBR_ISSUER}/jwk"
OIDC_OP_LOGOUT_ENDPOINT = f"{PNETP_GOVBR_ISSUER}/logout"
# Signing out of a gov.br sign-in ends it at gov.br too; register the site's home page (LOGOUT_REDIRECT_URL,
# absolute) with gov.br as the post_logout_redirect_uri.
OIDC_OP_LOGOUT_URL_METHOD = "pnetp.accounts.govbr.logout_url"
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile govbr_confiabilidades govbr_confiabilidades_idtoken"
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_USE_NONCE = True
OIDC_TOKEN_USE_BASIC_AUTH = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
OIDC_CALLBACK_CLASS = "pnetp.accounts.govbr.GovBrCallbackView"
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_authentication_callback"

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
# Production: compressed files with content-hashed names (cached for a year by browsers), collected
# by `pnetp collectstatic` (which `pnetp serve` runs). DEBUG and tests read files as they are.
STATIC_HASHED = not (DEBUG or TESTING)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_HASHED
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_HASHED
# Without autorefresh WhiteNoise scans every static file (≈8,000 in node_modules) each time a
# handler starts, i.e. once per test client; in development and tests, look files up per request.
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
# Uploaded files are never served by URL: only by views that check permission (no /media/ route).
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
    "ENUM_NAME_OVERRIDES": {
        "ReferralStateEnum": "pnetp.referrals.models.State",
        "ReferralPurposeEnum": "pnetp.referrals.models.Purpose",
        "ReferralRequestPurposeEnum": "pnetp.api.views.referrals.REFERRAL_PURPOSES",
    },
}

SESSION_COOKIE_HTTPONLY = True
# A working day; staff sessions (the coordination) also end when the browser closes (pnetp.accounts.signals).
SESSION_COOKIE_AGE = int(os.environ.get("PNETP_SESSION_HOURS", "9")) * 3600
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "pnetp.core.errors.csrf_failure"  # the gov.br page in Portuguese, not Django's English one
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind the TLS proxy (docs/deploy.md): the proxy sets X-Forwarded-Proto and must drop it from clients.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^saude/$"]  # the health check answers plain HTTP on the loopback too
# With DEBUG off (production) HTTPS is the default: redirect, HSTS, Secure cookies. PNETP_SSL_REDIRECT=0 and
# SECURE_COOKIES=0 exist only for the plain-HTTP loopback smoke test and benchmark (scripts/smoke.py).
HTTPS = not DEBUG and not TESTING
SECURE_SSL_REDIRECT = env_bool("PNETP_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("PNETP_HSTS_SECONDS", 31536000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("PNETP_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("PNETP_HSTS_PRELOAD", False)
# Preloading is decided for a whole registered domain (gov.br), not by one service on a subdomain.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

# Content-Security-Policy (django-csp): no inline scripts and nothing from other origins. Inline style
# *attributes* are allowed (style-src-attr): a few templates place data-driven values (grid cells of the
# coverage map, SVG) and the gov.br DS scripts set styles; attributes cannot run code or load anything,
# while <style>/<link> elements stay 'self' only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-elem": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        # gov.br: signing out of a gov.br sign-in is a form posted here that redirects to gov.br's logout.
        "form-action": ["'self'", PNETP_GOVBR_ISSUER],
        "frame-ancestors": ["'none'"],
    },
}
# Permissions-Policy (pnetp.core.middleware): no page uses these browser features.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)

# Cache: public pages for anonymous visitors (pnetp.core.page_cache), keyed by a data version bumped on every
# change. Redis in production (PNETP_CACHE_URL=redis://127.0.0.1:6379/1); a file cache shared by the server's
# processes on the embedded default; memory under tests.
CACHE_URL = os.environ.get("PNETP_CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
elif TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Off under tests (their data is rolled back without signals); the page cache tests turn it on.
PNETP_PAGE_CACHE_SECONDS = int(os.environ.get("PNETP_PAGE_CACHE_SECONDS", "0" if TESTING else "600"))
# Cached public pages answered before Django's middleware (pnetp.core.page_front); 0: every request goes through it.
PNETP_PAGE_FRONT = env_bool("PNETP_PAGE_FRONT", True)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "pnetp@localhost")
# The public address of the platform, for full links in e-mails (notifications, reminders).
PNETP_BASE_URL = os.environ.get("PNETP_BASE_URL", "http://127.0.0.1:8000")

# Structured logs: one JSON object per line on stderr (LOG_FORMAT=text for humans), with the request id
# (X-Request-ID). Log shipping: docs/deploy.md. A plain 403 is an answer, not an incident: no traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "pnetp.core.logs.RequestIdFilter"},
        # A plain refusal (PermissionDenied → 403) is logged in one line, without a traceback.
        "no_403_traceback": {"()": "pnetp.core.errors.DropPermissionDeniedTraceback"},
    },
    "formatters": {
        "json": {"()": "pnetp.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "text" if os.environ.get("LOG_FORMAT", "json") == "text" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.security.PermissionDenied": {"level": "CRITICAL", "propagate": False, "handlers": []},
        "django.request": {"filters": ["no_403_traceback"]},
    },
}

# Public counts from 1 to k−1 are suppressed (pnetp.disclosure); CTDC published with k = 11.
PNETP_DISCLOSURE_K = int(os.environ.get("PNETP_DISCLOSURE_K", "11"))

# Caps on every imported file, checked before parsing (pnetp.core.limits; README "Configuração").
# "office": plans, monitoring, registries' CSV, alignment, population; "sisetp": case files (web and CLI).
_MB = 1024 * 1024
PNETP_INPUT_LIMITS = {
    "office": {
        "file_bytes": int(os.environ.get("PNETP_MAX_UPLOAD_MB", "20")) * _MB,
        "xlsx_uncompressed_bytes": int(os.environ.get("PNETP_MAX_XLSX_UNCOMPRESSED_MB", "200")) * _MB,
        "xlsx_ratio": 100,
        "xlsx_entries": 1_000,
        "cells": int(os.environ.get("PNETP_MAX_CELLS", "2000000")),
        "rows": 200_000,
        "columns": 200,
    },
    "sisetp": {
        "file_bytes": int(os.environ.get("PNETP_SISETP_MAX_UPLOAD_MB", "2048")) * _MB,
        "xlsx_uncompressed_bytes": int(os.environ.get("PNETP_SISETP_MAX_XLSX_UNCOMPRESSED_MB", "4096")) * _MB,
        "xlsx_ratio": 100,
        "xlsx_entries": 1_000,
        "cells": int(os.environ.get("PNETP_SISETP_MAX_CELLS", "100000000")),
        "rows": 20_000_000,
        "columns": 500,
    },
}
# Request bodies (pnetp.core.uploads): path prefix → (kind above, files per request); elsewhere one "office"
# file. Each cap is files × file_bytes + 1 MB of form fields; nginx's client_max_body_size matches (docs/deploy.md).
PNETP_UPLOAD_ROUTES = {
    "/sisetp/importar/": ("sisetp", 2),  # the case file and the identity file
}
