"""All settings live here; env vars drive behaviour. test.py and local.py only override defaults."""

from __future__ import annotations

import os
from pathlib import Path

from celery.schedules import crontab

from npt.settings.env import env_bool, env_db, env_int, env_list, env_redis, env_str
from npt.settings.security import *  # noqa: F403  (sign-in throttling, sessions, CSP, HSTS: issue 14)

# One BLAS thread per process unless the operator says otherwise. GeoDjango imports numpy when it is installed
# (statsmodels brings it, for impact.model), and OpenBLAS reads these once, when numpy loads: settings are
# the first project code any process runs. The impact model's designs are small (thousands of rows, dozens of
# columns), where BLAS threads only contend: 20 fits took 8 s threaded against 1 s single-threaded on a busy
# two-core machine.
for _blas_threads in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_blas_threads, "1")

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# shared/ sits beside the checkout; tests, benchmarks and the --real demo read the open data from it.
SHARED_DATA_DIR = Path(env_str("NPT_SHARED_DATA", str(BASE_DIR.parent / "shared" / "data")))

DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-dev-key-change-me" if DEBUG else None)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "rest_framework",
    "rest_framework_gis",
    "django_filters",
    "drf_spectacular",
    "django_htmx",
    "leaflet",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    # Sign-in throttling and lockout (issue 14); its admin is ours (accounts/admin.py, AXES_ENABLE_ADMIN).
    "axes",
    "csp",
    # Ours: the spine first, features after (features depend on the spine, never the reverse).
    "core",
    "accounts",
    "geography",
    "crime",
    "demo",
    "profiles",
    "engagement",
    "priorities",
    "problem_solving",
    "deployment",
    "queries",
    # portal (issue 12): the police.uk-compatible API and the partner portal.
    "policeuk",
    "partners",
    # Impact evaluation (issue 13).
    "impact",
    # performance framework (issue 15)
    "performance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy with a per-response nonce (npt/settings/security.py).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.NoStoreWhenSignedInMiddleware",
    "core.middleware.AuditDeniedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages (it says why a session ended) and authentication (it needs request.user).
    "accounts.middleware.IdleSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.DatabaseBusyMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "npt.urls"
WSGI_APPLICATION = "npt.wsgi.application"
ASGI_APPLICATION = "npt.asgi.application"

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
                "core.context_processors.navigation",
                "geography.context_processors.synthetic_data",
            ],
        },
    },
]

DATABASES = {
    "default": env_db("DATABASE_URL", f"spatialite:///{BASE_DIR / 'var' / 'npt.sqlite3'}"),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Debian's mod_spatialite; overridable for other distributions.
SPATIALITE_LIBRARY_PATH = env_str("SPATIALITE_LIBRARY_PATH", "mod_spatialite")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username and address before any password is checked (issue 14).
    "accounts.backends.SignInThrottleBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Issue 14's password policy: at least 12 characters (NCSC: length over complexity rules), not a common
    # password, not all digits, not like the username or name.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("NPT_PASSWORD_MIN_LENGTH", 12, minimum=8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
# Behind a TLS-terminating proxy (docker-compose's web service), trust its X-Forwarded-Proto header.
if env_bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Geometry: stored in WGS84 (ADR 0002); areas and distances are computed in British National Grid.
STORAGE_SRID = 4326
MEASURE_SRID = 27700

_TILE_URL = env_str("NPT_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
LEAFLET_CONFIG = {
    # Great Britain; Leaflet always receives 4326.
    "SPATIAL_EXTENT": (-8.7, 49.8, 1.9, 60.9),
    "DEFAULT_CENTER": (53.8, -1.55),
    "DEFAULT_ZOOM": 10,
    "MIN_ZOOM": 5,
    "MAX_ZOOM": 18,
    # NPT_TILE_URL="" means no tile layer (tests, offline): maps still draw their GeoJSON.
    "TILES": [
        ("OpenStreetMap", _TILE_URL, {"attribution": "&copy; OpenStreetMap contributors"}),
    ]
    if _TILE_URL
    else [],
    "RESET_VIEW": False,
    "NO_GLOBALS": False,
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
}
SPECTACULAR_SETTINGS = {"TITLE": "NPT API", "VERSION": "0.1.0"}

# Celery: with no REDIS_URL the tasks run eagerly in-process (the embedded `run` default).
REDIS_URL = env_redis("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
# Live job progress crosses processes through the cache, so it shares Redis when there is one.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 60 * 60, minimum=10)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 5
CELERY_TIMEZONE = TIME_ZONE
# Beat (a `celery -A npt beat` process beside the workers): fail jobs whose process died, and a nightly
# idempotent catch-up (relink crimes, then refresh profile figures) in case a follow-up was missed.
CELERY_BEAT_SCHEDULE = {
    "fail-stale-jobs": {"task": "core.fail_stale_jobs", "schedule": 60.0},
    "nightly-catch-up": {
        "task": "core.nightly_catch_up",
        "schedule": crontab(hour=env_int("NPT_NIGHTLY_HOUR", 2, minimum=0, maximum=23), minute=30),
    },
}
# Queries (issue 16): escalate unanswered queries past 72 hours every 15 minutes.
CELERY_BEAT_SCHEDULE["queries-escalate"] = {"task": "queries.escalate_overdue", "schedule": 15 * 60.0}
# Mail (query confirmations and replies): console unless configured; tests use locmem (pytest-django).
EMAIL_BACKEND = env_str("NPT_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("NPT_FROM_EMAIL", "neighbourhood-team@npt.invalid")
# Absolute links in emails (the sender's review link).
NPT_SITE_URL = env_str("NPT_SITE_URL", "http://localhost:8000")
# Public query form limits, per window of QUERY_RATE_WINDOW seconds (queries/ratelimit.py).
QUERY_RATE_PER_CLIENT = env_int("NPT_QUERY_RATE_PER_CLIENT", 5, minimum=1)
QUERY_RATE_PER_NEIGHBOURHOOD = env_int("NPT_QUERY_RATE_PER_NEIGHBOURHOOD", 60, minimum=1)
QUERY_RATE_WINDOW = env_int("NPT_QUERY_RATE_WINDOW", 3600, minimum=1)
# A running job's process writes Job.heartbeat_at this often; a job silent for JOB_STALE_SECONDS is failed.
JOB_HEARTBEAT_SECONDS = env_int("NPT_JOB_HEARTBEAT_SECONDS", 15, minimum=1)
JOB_STALE_SECONDS = env_int("NPT_JOB_STALE_SECONDS", 120, minimum=2)


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # django-axes logs every sign-in at INFO; its warnings (failures, lockouts) are the ones worth keeping.
    "loggers": {"axes": {"level": "WARNING"}},
}

# GDAL 3.6 (Debian 12) cannot block file/network access while parsing spatial references. Our importers
# parse coordinates themselves and always give an explicit SRID; they never hand GDAL an SRS string.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]
