"""Production: base.py plus what only makes sense over HTTPS (issue 14: ``check --deploy`` is clean).

Serve it behind TLS: set DJANGO_SETTINGS_MODULE=npt.settings.production, DJANGO_SECRET_KEY (50+ random
characters), DJANGO_ALLOWED_HOSTS, and DJANGO_BEHIND_TLS_PROXY=true when a proxy terminates TLS.
"""

import os

# Production never runs with debug on, whatever the environment says.
os.environ["DJANGO_DEBUG"] = "false"

from npt.settings.base import *  # noqa: E402,F403
from npt.settings.env import env_bool, env_int  # noqa: E402

# Every plain-HTTP request is redirected to HTTPS, and browsers are told to use only HTTPS for a year.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
# Cookies only over HTTPS (base.py lets the embedded HTTP server turn this off; production does not).
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
