"""Tests: PostGIS and a real Redis broker unless the environment says otherwise."""

import os

os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret")
os.environ.setdefault("DATABASE_URL", "postgis://postgres@127.0.0.1:5432/npt")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
# No map tiles: the network is closed in tests; maps draw their GeoJSON without a tile layer.
os.environ.setdefault("NPT_TILE_URL", "")

from npt.settings.base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Most tests want tasks inline; the worker tests start a real worker and turn this off.
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The police.uk API's rate limit (policeuk.throttling) would trip on suites that call it from one address;
# the throttle test lowers it again.
POLICE_UK_API_RATE = (100_000, 1)
