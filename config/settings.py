"""Alongside settings: one file, read from the environment.

With nothing set it runs on one machine with no services: SQLite, an in-process cache, the
database task queue, console email and local media. Production is chosen by environment
variables (see the README's configuration table).
"""

import os
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from csp.constants import NONCE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """A setting from the environment, or from the file named by NAME_FILE (for secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = env(name, "")
    return default if value == "" else value.lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = env(name, "")
    return int(value) if value else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


PRODUCTION = env("DJANGO_ENV", "development") == "production"
TESTING = "pytest" in sys.modules or env("DJANGO_TESTING") == "1"
DEBUG = envbool("DEBUG", not PRODUCTION)

if PRODUCTION and not env("SECRET_KEY"):
    raise RuntimeError("SECRET_KEY must be set when DJANGO_ENV=production")
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production-0123456789")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,.localhost,127.0.0.1,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_NAME = env("SITE_NAME", "Alongside")

INSTALLED_APPS = [
    "alongside.core",
    "alongside.communities",
    "alongside.accounts",
    "alongside.teams",
    "alongside.articles",
    "alongside.newsletter",
    "alongside.conversations",
    "alongside.questions",
    "alongside.inbox",
    "alongside.notifications",
    "alongside.moderation",
    "alongside.treatments",
    "alongside.journal",
    "alongside.search",
    "alongside.home",
    "alongside.ops",
    "alongside.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "alongside.articles.staff_apps.StaffUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "allauth.headless",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "ninja",
    "csp",
]

MIDDLEWARE = [
    # First, so its latency covers the whole stack; it makes no database queries.
    "alongside.ops.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "alongside.core.addresses.RequestBaseUrlMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # Before sessions and CSRF: a NUL or an unreadable form is a 400 before anything reads it.
    "alongside.core.middleware.InputGuardMiddleware",
    "alongside.core.middleware.ApiMethodNotAllowedMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Django's, but a POST to an address without its slash keeps its body (a 308).
    "alongside.core.middleware.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "alongside.articles.middleware.AdminCSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "alongside.communities.middleware.CommunityMiddleware",
    # The member's account and membership in one read, before anything asks for the user.
    "alongside.accounts.middleware.SignedInReadAheadMiddleware",
    "alongside.communities.middleware.LastSeenMiddleware",
    "alongside.accounts.middleware.StaffMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "alongside.core.pagecache.AnonymousPageCacheMiddleware",
]

# Benchmark aids (bench/README.md), both off unless the harness turns them on.
BENCH_CEILING_VIEW = envbool("BENCH_CEILING_VIEW", False)
BENCH_QUERY_COUNT = envbool("BENCH_QUERY_COUNT", False)
if BENCH_QUERY_COUNT:
    MIDDLEWARE.insert(0, "alongside.core.middleware.QueryCountHeaderMiddleware")

ROOT_URLCONF = "config.urls"
FORM_RENDERER = "alongside.core.forms.FormRenderer"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "alongside" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "alongside.core.context_processors.display",
                "alongside.communities.context_processors.community",
                "alongside.inbox.context_processors.unread",
            ],
        },
    },
]

# Database ----------------------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
    if "postgresql" in DATABASES["default"]["ENGINE"]:
        # An unreachable server answers the request with the error page in seconds, not minutes.
        DATABASES["default"].setdefault("OPTIONS", {})
        DATABASES["default"]["OPTIONS"].setdefault(
            "connect_timeout", envint("DB_CONNECT_TIMEOUT", 3)
        )
        # Values sent apart from the SQL, and a query's plan kept once it has run five times on
        # a connection: planning a member page's queries cost about as much as running them
        # (the team feed's: 1.5 ms to plan, 0.7 ms to run). Off behind a pooler that cannot
        # carry prepared statements.
        if envbool("DB_PREPARED_STATEMENTS", True):
            DATABASES["default"]["OPTIONS"].update(server_side_binding=True, prepare_threshold=5)
else:
    _TEST_DB_DIR = BASE_DIR / ".cache"
    if TESTING:
        _TEST_DB_DIR.mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                # WAL lets the web process read while the task worker writes.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
            # Tests use a file, not Django's shared in-memory database: the live server of the
            # browser tests then has a connection of its own instead of sharing the test's
            # across two threads (which can leave it half in a transaction). pytest-xdist gives
            # each worker its own file.
            "TEST": {"NAME": str(_TEST_DB_DIR / "test-db.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache, sessions ---------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
# Tests on a busy CI machine must not trip the breaker on a slow moment; the tests of the
# breaker set their own timeouts.
_REDIS_TIMEOUT = float(env("REDIS_TIMEOUT", "2" if TESTING else "0.25"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "alongside.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # Each pytest-xdist worker gets its own keys on a shared Redis.
            "KEY_PREFIX": env("CACHE_PREFIX", "alongside")
            + os.environ.get("PYTEST_XDIST_WORKER", ""),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # Fail fast: the site serves cache misses rather than wait for Redis
                # (alongside/core/cache.py).
                "SOCKET_CONNECT_TIMEOUT": _REDIS_TIMEOUT,
                "SOCKET_TIMEOUT": _REDIS_TIMEOUT,
                "BREAKER_SECONDS": float(env("REDIS_BREAKER_SECONDS", "5")),
                # Rate limits (ours and allauth's) count in process memory while Redis is away.
                "LOCAL_FALLBACK_PREFIXES": ["ratelimit:", "allauth:rl:"],
            },
        }
    }
    # The database holds every session; Redis only speeds reading them (and may fail).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# How long a worker keeps the host -> community map and the page cache generation in its own
# memory before asking the cache again (alongside/core/memo.py). Tests rebuild data between
# tests, so they read through.
LOCAL_MEMO_SECONDS = 0.0 if TESTING else float(env("LOCAL_MEMO_SECONDS", "2"))

# Background tasks --------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend"
        )
    }
}
# A task still RUNNING this long after it started is taken to have lost its worker and is run
# again (tasks are idempotent), up to TASK_MAX_ATTEMPTS tries in all (alongside/core/worker.py).
TASK_LEASE_SECONDS = envint("TASK_LEASE_SECONDS", 1800)
TASK_MAX_ATTEMPTS = envint("TASK_MAX_ATTEMPTS", 5)

# Email -------------------------------------------------------------------------------------


def _email_settings(url: str) -> dict:
    """EMAIL_URL such as smtp://user:password@mail.example.org:587?tls=1."""
    parts = urlsplit(url)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    return {
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or 25,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": query.get("tls") == "1" or parts.scheme == "smtp+tls",
        "EMAIL_USE_SSL": query.get("ssl") == "1" or parts.scheme == "smtps",
    }


# Every email is queued in the outbox (alongside/core/mail.py) and sent by a task worker
# through EMAIL_DELIVERY_BACKEND. (Tests: pytest-django puts locmem in EMAIL_BACKEND.)
EMAIL_BACKEND = "alongside.core.mail.OutboxBackend"
EMAIL_URL = env("EMAIL_URL")
if EMAIL_URL:
    globals().update(_email_settings(EMAIL_URL))
elif TESTING:
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
else:
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Alongside <hello@alongside.localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Outbox (alongside/core/mail.py): an SMTP conversation never hangs a worker; a temporary
# refusal is tried again after 1, 2, 4 ... minutes (at most an hour apart) for EMAIL_RETRY_HOURS.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 30)
EMAIL_LEASE_SECONDS = envint("EMAIL_LEASE_SECONDS", 300)
EMAIL_RETRY_FIRST_DELAY = envint("EMAIL_RETRY_FIRST_DELAY", 60)
EMAIL_RETRY_MAX_DELAY = envint("EMAIL_RETRY_MAX_DELAY", 3600)
EMAIL_RETRY_HOURS = envint("EMAIL_RETRY_HOURS", 48)
EMAIL_KEEP_SENT_DAYS = envint("EMAIL_KEEP_SENT_DAYS", 30)

# Static and media --------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "alongside" / "static"]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_STORAGE = env("MEDIA_STORAGE", "local")

if MEDIA_STORAGE == "s3":
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "region_name": env("S3_REGION") or None,
            "access_key": env("S3_ACCESS_KEY_ID"),
            "secret_key": env("S3_SECRET_ACCESS_KEY"),
            "custom_domain": env("S3_CUSTOM_DOMAIN") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# Accounts ----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; tests hash hundreds of passwords.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "alongside.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # The key is the account *and* the address (AccountAdapter), so a stranger who fails to log
    # in as a member never locks the member out from their own address.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
MFA_ADAPTER = "allauth.mfa.adapter.DefaultMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = SITE_NAME
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
# Phone apps sign in through allauth's headless API ("app" client: a session token in the
# X-Session-Token header, no cookies, no CSRF); the web keeps allauth's own pages.
HEADLESS_ONLY = False
HEADLESS_CLIENTS = ("app",)
HEADLESS_SERVE_SPECIFICATION = True
HEADLESS_SPECIFICATION_TEMPLATE_NAME = None
# Signed-in devices: every session (web or app token) is recorded at log-in and can be ended.
# Activity tracking stays off: it would write to the database on every signed-in request.
USERSESSIONS_TRACK_ACTIVITY = False

# Wagtail -----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = env("BASE_URL", "http://localhost:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
# Review emails as every other: HTML with a plain-text part (wagtailadmin/notifications/base).
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
# Publish the revision the medical reviewer approved, not merely the newest one.
WAGTAIL_FINISH_WORKFLOW_ACTION = "alongside.articles.workflows.review_workflow_finish"
# No third-party requests from the staff console either (Gravatar would leak staff emails).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Community rules ---------------------------------------------------------------------------
# Community figures are shown only when they rest on at least this many members.
COMMUNITY_FIGURE_MIN_MEMBERS = envint("COMMUNITY_FIGURE_MIN_MEMBERS", 10)
# A new member's posts wait for a moderator until this many have been approved.
MODERATION_TRUST_AFTER_APPROVALS = envint("MODERATION_TRUST_AFTER_APPROVALS", 3)
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Article comments by guests: "" (off), "turnstile", "hcaptcha" or "recaptcha".
CAPTCHA_PROVIDER = env("CAPTCHA_PROVIDER", "")
CAPTCHA_SITE_KEY = env("CAPTCHA_SITE_KEY")
CAPTCHA_SECRET_KEY = env("CAPTCHA_SECRET_KEY")
_CAPTCHA_ORIGINS = {
    "turnstile": ["https://challenges.cloudflare.com"],
    "hcaptcha": ["https://hcaptcha.com", "https://*.hcaptcha.com"],
    "recaptcha": ["https://www.google.com", "https://www.gstatic.com"],
}.get(CAPTCHA_PROVIDER, [])
MAX_UPLOAD_PIXELS = 40_000_000

# Internationalisation ----------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
LOCALE_PATHS = [BASE_DIR / "alongside" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Security ----------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": (),
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": ["'self'", "data:", "blob:", *envlist("CSP_IMG_SRC")],
        "font-src": ["'self'"],
        "connect-src": ["'self'", *_CAPTCHA_ORIGINS],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Operations --------------------------------------------------------------------------------
# How many reverse proxies of ours stand in front of the web processes. 0: the socket's address
# is the visitor's and X-Forwarded-For is ignored; n: the n-th X-Forwarded-For entry from the
# right is (README, "Behind a reverse proxy"). Rate limits, /metrics and allauth all use it.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# /metrics (Prometheus) answers staff, a scraper bearing this token, or these addresses; anyone
# else gets a 404. Multiple gunicorn workers: set PROMETHEUS_MULTIPROC_DIR (README).
METRICS_TOKEN = env("METRICS_TOKEN")
METRICS_ALLOWED_IPS = envlist("METRICS_ALLOWED_IPS", "" if PRODUCTION else "127.0.0.1,::1")

# /readyz reports the task queue as degraded once a task has waited this long (seconds).
READYZ_TASK_BACKLOG_SECONDS = envint("READYZ_TASK_BACKLOG_SECONDS", 300)

# Logging -----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
