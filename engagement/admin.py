"""Admin for engagement's register (the contacts, groups and survey results the profile shows; issue 9)."""

from __future__ import annotations

from django.contrib import admin

from core.admin_mixins import HistoryAdmin
from engagement.models import REGISTER_MODELS

for model in REGISTER_MODELS:
    admin.site.register(
        model,
        type(
            f"{model.__name__}Admin",
            (HistoryAdmin,),
            {"list_display": ["__str__", "profile", "tier", "version", "updated_at"], "raw_id_fields": ["profile"]},
        ),
    )
