"""Celery app (cookiecutter pattern): settings under the CELERY_ namespace, tasks autodiscovered."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "npt.settings.local")

app = Celery("npt")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
