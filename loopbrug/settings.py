"""Loopbrug settings: one module, driven by environment variables.

Development defaults are safe (SQLite under var/, inline Celery, console e-mail); production
(DEBUG off) refuses to start without a SECRET_KEY of at least 50 characters.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from loopbrug.observability import init_sentry, logging_config

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean; fail loudly on anything that is not clearly yes or no."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def env_rate(name: str, default: str) -> str:
    """An API throttle rate such as "60/minute"; refused at start-up when DRF could not read it."""
    value = os.environ.get(name) or default
    number, _, period = value.partition("/")
    periods = {"second", "minute", "hour", "day", "s", "m", "h", "d"}
    if not number.isdigit() or period not in periods:
        raise ImproperlyConfigured(
            f"{name} must look like 60/minute (per second, minute, hour or day), not {value!r}"
        )
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment (a long random string), "
            "or set DEBUG=true for local development."
        )
    SECRET_KEY = "django-insecure-loopbrug-development-only"
if not DEBUG and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY is too short: use at least 50 random characters, e.g. "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'. / "
        "SECRET_KEY is te kort: gebruik minstens 50 willekeurige tekens."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "loopbrug",
    "accounts",
    "taxonomy",
    "profiles",
    "journeys",
    "orientatie",
    "matching",
    "financing",
    "onboarding",
    "latende",
    "workspace",
    "reports",
    "notifications",
]

MIDDLEWARE = [
    # Only with SERVER_TIMING on (the load benchmark): CPU, database time and queries per request.
    "loopbrug.middleware.ServerTimingMiddleware",
    # First, so every log line of the request (and each task it queues) carries its id.
    "loopbrug.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "loopbrug.locale.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "loopbrug.middleware.NoStoreForAuthenticatedMiddleware",
    # Messages before the session expiry, so "your session expired" can be shown at login.
    "django.contrib.messages.middleware.MessageMiddleware",
    "loopbrug.security.SessionExpiryMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "loopbrug.middleware.HtmxMessagesMiddleware",
    "loopbrug.queue.DeferredWorkMiddleware",
    # Axes last, so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

# Server-Timing headers with CPU and query figures per request: for load tests only.
SERVER_TIMING = env_bool("SERVER_TIMING", False)

ROOT_URLCONF = "loopbrug.urls"
WSGI_APPLICATION = "loopbrug.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "notifications.context_processors.notifications",
                "workspace.context_processors.main_menu",
            ],
        },
    },
]

# Database: DATABASE_URL, or an embedded SQLite file under var/.
(BASE_DIR / "var" / "staticfiles").mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'loopbrug.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        # A kept connection is checked before each request reuses it, so a restarted
        # PostgreSQL costs a reconnect, not an error (tests/test_reliability_postgres.py).
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Under `make run` the web server, the Celery worker and beat share the SQLite file: a
    # writer waits for the lock instead of failing, and readers do not block it (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Inactive (unconfirmed) users get a clear message instead of "wrong password".
    "django.contrib.auth.backends.AllowAllUsersModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # also the lifetime of e-mail confirmation links
# Requests for a password-reset mail, counted per typed address and per client address in the
# cache (loopbrug.throttling.rate_allows): a mailbox is not flooded, addresses are not probed.
PASSWORD_RESET_RATE_EMAIL = env_rate("PASSWORD_RESET_RATE_EMAIL", "3/hour")
PASSWORD_RESET_RATE_IP = env_rate("PASSWORD_RESET_RATE_IP", "10/hour")
# An API token works this many days after it was issued (accounts.authentication); a password
# reset or a change of role revokes it at once.
API_TOKEN_LIFETIME_DAYS = env_int("API_TOKEN_LIFETIME_DAYS", 30)

# Lock an account+address out after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Count failures per normalised address (and client address), as login matches it.
AXES_USERNAME_CALLABLE = "accounts.lockout.lockout_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Two-factor (TOTP) for the roles that see many people's data.
OTP_TOTP_ISSUER = "Loopbrug"

# Sessions end 8 hours after login however busy (absolute), or after 30 minutes without a
# request (idle); loopbrug.security.SessionExpiryMiddleware enforces both.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie: htmx and the API docs get the token from the page.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploads (bewijslast) live outside the static files and are never served by URL: no
# MEDIA_URL route exists, WhiteNoise serves STATIC_ROOT only, and a permission-checked view
# hands each file out as an attachment.
MEDIA_ROOT = BASE_DIR / "var" / "media"
FILE_UPLOAD_PERMISSIONS = 0o600
# A request body without its files may be this large (Django refuses more; the API answers
# 413 in its error shape). Uploaded files do not count: their own limit is 5 MB. The proxy in
# front caps the whole body (README, Production).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 1024 * 1024)
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# E-mail: console in development, SMTP from the environment in production.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Loopbrug <noreply@loopbrug.example>")

# Celery: Redis when REDIS_URL is set, otherwise every task runs inline.
REDIS_URL = env_str("REDIS_URL")
# The cache holds the API throttle counters: Redis (shared by all gunicorn workers) when
# REDIS_URL is set, otherwise memory of this one process (development, tests).
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "loopbrug",
            # A Redis that hangs must not hang the API: throttling then steps aside.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if REDIS_URL
        # Without Redis (make run) a folder of files, shared by the web process and the worker:
        # the loket figures the worker computes must reach the page.
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(BASE_DIR / "var" / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    )
}
# Without Redis, `make run` sets CELERY_BROKER_URL=filesystem:// so that a real worker and beat
# run beside the web server (kombu's file transport, messages as files under var/broker/), as
# they do in production. Without either every task runs inline, inside the request.
CELERY_BROKER_URL = REDIS_URL or env_str("CELERY_BROKER_URL", "memory://")
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# A task whose worker process dies (killed, out of memory) goes back on the queue instead of
# being acknowledged as failed: every task can run twice without harm.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A message taken by a worker that vanished entirely comes back after the visibility timeout;
# abandoned messages are looked for every few seconds. The timeout is sized to the longest
# task: a rescore chunk (MATCH_RUN_CHUNK_SIZE, 2,000 profiles against every open vacature:
# against 20,000 vacatures 24-30 s with its reads and writes) or a run's last step (about
# three minutes at 100,000 × 20,000; bench/README.md), with room: ten minutes. A task running
# longer than this would be handed to a second worker while the first still runs, so keep
# every task (and every retry countdown: notifications wait at most five minutes) below it.
# The lease of a rescore (MATCH_RUN_LEASE_SECONDS) is shorter still, so a run whose message
# was lost is found first.
_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 10 * 60)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _VISIBILITY_TIMEOUT,
    "unacked_restore_interval": max(1, min(10, _VISIBILITY_TIMEOUT // 4)),
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 3,
}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _BROKER_FOLDER = Path(env_str("CELERY_BROKER_FOLDER", str(BASE_DIR / "var" / "broker")))
    _BROKER_FOLDER.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_BROKER_FOLDER),
        "data_folder_out": str(_BROKER_FOLDER),
        "store_processed": False,
        "control_folder": str(_BROKER_FOLDER / "control"),
    }
    # A rescore ends with a chord: its parts' results must be readable by every worker process.
    (_BROKER_FOLDER / "results").mkdir(exist_ok=True)
    CELERY_RESULT_BACKEND = f"file://{_BROKER_FOLDER / 'results'}"
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
MATCH_RUN_CHUNK_SIZE = env_int("MATCH_RUN_CHUNK_SIZE", 2000)
# A changed profile is rescored this long after its last change: the task waits (countdown) and
# then does nothing when a newer version of the profile exists, since that version's task
# follows. So ten autosaves in quick succession cost one rescore, not ten.
MATCH_RESCORE_DEBOUNCE_MS = env_int("MATCH_RESCORE_DEBOUNCE_MS", 1000)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A full rescore (matching.MatchRun) holds a lease that every chunk renews as it starts and
# ends; a queued or running run whose lease ran out (its message was lost, say Redis restarted
# while it was queued, or every worker died) is queued again by the watchdog, the same run,
# up to MATCH_RUN_MAX_ATTEMPTS times, and then marked failed with the reason. The lease must be
# longer than the longest chunk (see the visibility timeout above).
MATCH_RUN_LEASE_SECONDS = env_int("MATCH_RUN_LEASE_SECONDS", 5 * 60)
MATCH_RUN_MAX_ATTEMPTS = env_int("MATCH_RUN_MAX_ATTEMPTS", 3)
MATCH_RUN_WATCHDOG_SECONDS = env_int("MATCH_RUN_WATCHDOG_SECONDS", 60)
CELERY_BEAT_SCHEDULE: dict = {
    "health-every-5-minutes": {"task": "loopbrug.tasks.health", "schedule": 300.0},
    # Work that could not be queued while Redis was down (loopbrug/queue.py).
    "outbox-flush": {"task": "loopbrug.outbox_flush", "schedule": 60.0},
    "appointment-reminders": {
        "task": "journeys.appointment_reminders",
        "schedule": 900.0,
    },
    # Rescore runs whose lease ran out: queued again or marked failed (MATCH_RUN_LEASE_SECONDS).
    "match-run-watchdog": {
        "task": "matching.match_run_watchdog",
        "schedule": float(MATCH_RUN_WATCHDOG_SECONDS),
    },
    "nightly-full-rescore": {
        "task": "matching.nightly_rescore",
        "schedule": crontab(hour=2, minute=30),
    },
    "onboarding-daily": {"task": "onboarding.daily", "schedule": crontab(hour=7, minute=0)},
    # Oriëntatie: a reminder the day before an event (once per sign-up).
    "orientatie-reminders": {"task": "orientatie.reminders", "schedule": crontab(minute=5)},
    # Oriëntatiegroepen: the members are reminded the day before a session (once).
    "orientatiegroep-reminders": {
        "task": "orientatie.group_reminders",
        "schedule": crontab(minute=10),
    },
    "reports-monthly": {
        "task": "reports.monthly",
        "schedule": crontab(day_of_month=1, hour=6, minute=0),
    },
}

# Event sign-ups (no account needed): at most this many per e-mail address and per client
# address within the window (counted in the default cache, like the API throttling).
ORIENTATIE_SIGNUP_LIMITS = {
    "email": env_int("ORIENTATIE_SIGNUP_PER_EMAIL", 5),
    "ip": env_int("ORIENTATIE_SIGNUP_PER_IP", 20),
    "window": env_int("ORIENTATIE_SIGNUP_WINDOW", 60 * 60),
}

# The loket home's 12-month key figures (funnel, retention, every plan's financing verdict) are
# kept this many seconds per region in the default cache; 0 computes them on every visit.
LOKET_HOME_CACHE_SECONDS = env_int("LOKET_HOME_CACHE_SECONDS", 10 * 60)
# The worker computes them that often ahead of the visit, so nobody waits for them.
if LOKET_HOME_CACHE_SECONDS > 0:
    CELERY_BEAT_SCHEDULE["loket-home-figures"] = {
        "task": "reports.loket_home_refresh",
        "schedule": float(LOKET_HOME_CACHE_SECONDS),
    }

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "accounts.authentication.ExpiringTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["loopbrug.permissions.IsVerifiedUser"],
    # Per address for anonymous requests, per account for logged-in ones (session or token).
    "DEFAULT_THROTTLE_CLASSES": [
        "loopbrug.throttling.AnonRateThrottle",
        "loopbrug.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("API_THROTTLE_ANON", "60/minute"),
        "user": env_rate("API_THROTTLE_USER", "600/minute"),
    },
    # The client address is REMOTE_ADDR unless this many proxies in front add X-Forwarded-For
    # (a header anyone can send, so it is not trusted by default).
    "NUM_PROXIES": env_int("NUM_PROXIES", 0),
    "DEFAULT_SCHEMA_CLASS": "loopbrug.api.AutoSchema",
    "EXCEPTION_HANDLER": "loopbrug.api.exception_handler",
    # DRF's defaults, with a JSON parser that refuses absurdly deep nesting (loopbrug/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "loopbrug.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "loopbrug.pagination.Pagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Loopbrug API",
    "DESCRIPTION": "De API van Loopbrug: trajecten van overstappers en hun fasen.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PhaseEnum": "journeys.models.Phase",
        "AlertKindEnum": "onboarding.models.Alert.Kind",
        "ContractTypeEnum": "matching.models.Contract.Type",
        "PlanContractTypeEnum": "financing.models.ContractType",
        "SectorEnum": "accounts.models.Sector",
        "ApplicationStatusEnum": "matching.models.Application.Status",
        "MatchRunStatusEnum": "matching.models.MatchRun.Status",
        "VacatureStatusEnum": "matching.models.Vacature.Status",
        "NotificationKindEnum": "notifications.models.Kind",
        "EventKindEnum": "orientatie.models.Event.Kind",
        "InitiativeKindEnum": "orientatie.models.Initiative.Kind",
        "RegistrationStatusEnum": "orientatie.models.Registration.Status",
        "VerdwijnbaanReasonEnum": "latende.models.Reason",
        "EmployerConsentLevelEnum": "latende.models.ConsentLevel",
    },
}

# Content-Security-Policy (django-csp): scripts and styles only from our own static files, so
# no inline script, event-handler attribute, style attribute or eval runs. htmx gets its
# configuration from a <meta> tag (no injected indicator styles, no eval); the API docs page
# has its own template and a script URL (loopbrug/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # The NL Design System CSS draws its check marks and arrows as data: SVG images.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Security headers; HTTPS-only behaviour is on whenever DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Health checks come from inside (a load balancer, the compose health check) over plain http.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG

# Logs: one format everywhere, `time level logger [request id] message`, or JSON lines with
# LOG_FORMAT=json (loopbrug/observability.py; gunicorn.conf.py uses the same for its logs).
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
LOGGING = logging_config(log_format=LOG_FORMAT, level=env_str("LOG_LEVEL", "INFO"))
# The workers log through the same configuration instead of Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Error reports to Sentry only when SENTRY_DSN is set; otherwise nothing is set up or sent.
SENTRY_DSN = env_str("SENTRY_DSN")
init_sentry(
    dsn=SENTRY_DSN,
    environment=env_str("SENTRY_ENVIRONMENT"),
    release=env_str("SENTRY_RELEASE"),
)
