"""Sign-in throttling, session expiry and security headers (issue 14), star-imported by base.py.

Each number can be changed by an environment variable; production.py adds what needs TLS (HSTS, the HTTPS
redirect, secure cookies), so the embedded ``scripts/run`` over plain HTTP keeps working.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF

from npt.settings.env import env_int, env_str

# --- Sign-in throttling and lockout (django-axes) ---------------------------------------------------------
# A username is locked out *from one address* after AXES_FAILURE_LIMIT wrong passwords in a row, for
# AXES_COOLOFF_TIME. Keying on the pair (not the address alone) means one shared police-station address is
# not locked out by one person's typos, and (not the username alone) that anyone on the internet cannot lock
# an officer out of their own account from elsewhere. An administrator unlocks early from the admin
# (accounts/admin.py: the "Unlock sign-in" action on users, or deleting the lockout row).
AXES_FAILURE_LIMIT = env_int("NPT_SIGNIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("NPT_SIGNIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True  # a right password wipes the earlier wrong ones
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"  # the lockout page, status 429
AXES_ENABLE_ADMIN = False  # ours derives from SafeInputAdmin (malformed admin input: 400, never 500)
AXES_CLIENT_IP_CALLABLE = "accounts.backends.client_ip"
# Axes logs every sign-in; the audit trail keeps what matters (lockouts, unlocks, denials).
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False  # no start-up banner on every manage.py command

# --- Sessions ------------------------------------------------------------------------------------------------
# Idle expiry: accounts.middleware.IdleSessionTimeoutMiddleware signs a person out after this many minutes
# without a request. The cookie's own age caps a session however active it is (one long shift).
NPT_SESSION_IDLE_MINUTES = env_int("NPT_SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_COOKIE_AGE = env_int("NPT_SESSION_MAX_HOURS", 12, minimum=1) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security headers ------------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True  # X-Content-Type-Options: nosniff
SECURE_REFERRER_POLICY = "same-origin"  # neighbourhood and record ids in URLs never leave the site
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): scripts only from our origin or an inline <script> carrying this
# response's nonce (templates write nonce="{{ request.csp_nonce }}"; the django-leaflet tags are given it).
# So a payload that slipped past autoescaping into the page could not run. Map tiles come from NPT_TILE_URL's
# origin. style-src-attr allows style="" attributes: server-rendered bar widths and map heights, whose values
# are numbers from our own templates; an attribute's CSS cannot run script.
_tile_origin = ""
if _tile_url := env_str("NPT_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"):
    _parts = urlsplit(_tile_url)
    _tile_origin = f"{_parts.scheme}://{_parts.netloc.replace('{s}', '*')}"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:", *([_tile_origin] if _tile_origin else [])],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
