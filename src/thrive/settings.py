"""Django's settings for Thrive: configuration only, every value from ``thrive.config``."""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

import dj_database_url
from csp import constants as csp

from thrive import config

PRODUCTION = config.flag("THRIVE_PRODUCTION")
SECRET_KEY = config.read("THRIVE_SECRET_KEY")
if PRODUCTION and (SECRET_KEY == config.DEFAULT_SECRET_KEY or len(SECRET_KEY) < 32):
    raise config.ConfigurationError(
        "THRIVE_PRODUCTION=1 needs THRIVE_SECRET_KEY set to a random value of 32 characters or more"
    )
DEBUG = config.flag("THRIVE_DEBUG") and not PRODUCTION
ALLOWED_HOSTS = [h.strip() for h in config.read("THRIVE_ALLOWED_HOSTS").split(",") if h.strip()]

DATA_DIR = config.data_dir()


def _database() -> dict[str, Any]:
    url = config.read("THRIVE_DATABASE_URL")
    if url:
        # Health checks: a connection the server dropped (a restart) is replaced before the
        # next request uses it, so the first page after the database comes back is not a 500.
        return dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    name = str(DATA_DIR / "thrive.sqlite3")
    # WAL: a page reads the last committed state while an import writes, instead of waiting
    # for it (docs/reliability.md). Writers still take turns, waiting up to 20 s. Transactions
    # stay DEFERRED: "IMMEDIATE" would make any read in atomic() wait for an import too.
    options: dict[str, Any] = {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL"}
    if DATA_DIR.is_dir() and not os.access(DATA_DIR, os.W_OK):
        # A read-only data folder: a WAL store can only be read as immutable there (SQLite
        # cannot make its shared-memory file), so a file can still be checked and its every
        # problem shown; any write is refused as read-only, in words.
        options = {"timeout": 20, "uri": True}
        name = f"file:{name}?immutable=1"
    return {
        # Django's SQLite backend, which still reads a WAL store on a full disk (as immutable).
        "ENGINE": "thrive.sqlite_store",
        "NAME": name,
        "OPTIONS": options,
        "CONN_MAX_AGE": 60,  # keep the connection between requests, as for PostgreSQL
        "CONN_HEALTH_CHECKS": True,
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "thrive.workforce",
    "thrive.web",
    "thrive.import_records",
    "thrive.published",
    "thrive.lifecycle",
    "thrive.children",
    "thrive.commands",
    "thrive.centre",
    "thrive.api_tokens",
    "thrive.action_plan",
    "thrive.issued_packs",
    "thrive.training",
    "thrive.trainees",
    "thrive.api",
    "ninja",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "thrive.web.middleware.SessionHygieneMiddleware",
    "thrive.web.middleware.KnownParametersMiddleware",
]

ROOT_URLCONF = "thrive.urls"
WSGI_APPLICATION = "thrive.wsgi.application"

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
            ],
        },
    },
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "thrive.web.lockout.WebLoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in lockout (django-axes): 5 wrong passwords for one name from one address locks that pair
# for 15 minutes; a correct sign-in clears the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = config.read("THRIVE_TIME_ZONE")
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
# Static files are served from the apps' static folders by WhiteNoise (no collectstatic step).
STATIC_ROOT = None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Sessions are read from the cache first (then the database): one query fewer per page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
# A session ends THRIVE_SESSION_HOURS after signing in, or after THRIVE_SESSION_IDLE_MINUTES
# without a request (thrive.web.middleware); pages for a signed-in user are never stored.
SESSION_COOKIE_AGE = config.whole_number("THRIVE_SESSION_HOURS") * 3600
THRIVE_SESSION_IDLE_SECONDS = config.whole_number("THRIVE_SESSION_IDLE_MINUTES") * 60
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "thrive.web.views.errors.csrf_failure"

# A strict Content Security Policy (django-csp): scripts, styles and fonts from Thrive itself
# only, no inline scripts or styles, no framing; charts are inline SVG with no style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.NONE],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "manifest-src": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
        "base-uri": [csp.NONE],
    }
}

# Uploads: a file over the limit is skipped as it arrives (never stored) and the Data page says
# so; a file over FILE_UPLOAD_MAX_MEMORY_SIZE is streamed to a temporary file, not held in memory.
THRIVE_UPLOAD_MAX_MB = config.whole_number("THRIVE_UPLOAD_MAX_MB")
THRIVE_KEEP_REFUSED_DAYS = config.whole_number("THRIVE_KEEP_REFUSED_DAYS", least=0)
THRIVE_KEEP_UPLOADS_DAYS = config.whole_number("THRIVE_KEEP_UPLOADS_DAYS", least=1)
# The API (/api/v1/): calls each token may make in a minute (thrive.api.auth).
THRIVE_API_PER_MINUTE = config.whole_number("THRIVE_API_PER_MINUTE")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, said here: 2.5 MiB
FILE_UPLOAD_HANDLERS = [
    "thrive.uploading.uploads.UploadSizeLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# The web pages: small-number suppression and caching of frames and rendered pages.
THRIVE_SMALL_NUMBER = int(config.read("THRIVE_SMALL_NUMBER"))
THRIVE_WEB_CACHE = config.flag("THRIVE_WEB_CACHE")
THRIVE_KEEP = config.keep()
# Whether results are worked out on background threads (a request waits a moment, then shows
# "Working this out"); False works them out in the request, as THRIVE_KEEP=process does.
THRIVE_BACKGROUND = THRIVE_KEEP == "shared"
# Whether the Data page and the API import in a process of their own
# (thrive.uploading.import_runs), so no request waits on a long import; False imports in the
# request (tests with uncommitted records).
THRIVE_BACKGROUND_IMPORTS = True
# How long a command-line import waits for another import into the store (docs/reliability.md).
THRIVE_IMPORT_WAIT = config.seconds("THRIVE_IMPORT_WAIT")
# Whether a commit that moves the store version starts getting that version ready on a thread
# (frames files; on a server the slow results too): thrive.centre.prepare.
THRIVE_PREPARE_AT_COMMIT = THRIVE_KEEP == "shared"


def _caches() -> dict[str, Any]:
    """Django's cache: each process's memory (process), files in THRIVE_DATA_DIR or Redis."""
    if THRIVE_KEEP == "process":
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    url = config.read("THRIVE_CACHE_URL").strip()
    if url.startswith(("redis://", "rediss://", "unix://")):
        redis = "django.core.cache.backends.redis.RedisCache"
        return {"default": {"BACKEND": redis, "LOCATION": url}}
    if url:
        raise config.ConfigurationError(
            f"THRIVE_CACHE_URL is {url!r}: use a redis:// address, or leave it empty for files"
        )
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }


CACHES = _caches()

# A page that fails (HTTP 500) is logged with its traceback on stderr, in production too
# (Django's default only prints it when DEBUG is on, and otherwise mails admins).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        # a server says when a new store version is ready (bench/web waits for this line)
        "thrive.centre.prepare": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
