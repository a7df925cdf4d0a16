"""Local development: the embedded SpatiaLite default with eager Celery (see base.py)."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")

from npt.settings.base import *  # noqa: E402,F403
