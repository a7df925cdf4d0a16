"""Admin: for administrators to inspect profiles and their history. Officers edit through the app's forms,
which keep optimistic locking; the admin is not the place for day-to-day editing.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from core.admin_mixins import HistoryAdmin, SafeInputAdmin
from profiles.models import ITEM_MODELS, NeighbourhoodProfile, ProfileReview, ProfileSection, ProfileSnapshot


@admin.register(NeighbourhoodProfile)
class NeighbourhoodProfileAdmin(HistoryAdmin):
    list_display = ["neighbourhood", "created_at", "last_reviewed_at"]
    list_select_related = ["neighbourhood"]
    search_fields = ["neighbourhood__name", "neighbourhood__code"]
    raw_id_fields = ["neighbourhood", "created_by"]


@admin.register(ProfileReview)
class ProfileReviewAdmin(SafeInputAdmin):
    list_display = ["profile", "reviewed_at", "reviewed_by"]
    raw_id_fields = ["profile", "reviewed_by", "baseline"]


@admin.register(ProfileSnapshot)
class ProfileSnapshotAdmin(SafeInputAdmin):
    list_display = ["profile", "kind", "taken_at", "taken_by"]
    list_filter = ["kind"]
    raw_id_fields = ["profile", "taken_by"]


@admin.register(ProfileSection)
class ProfileSectionAdmin(HistoryAdmin):
    list_display = ["__str__", "profile", "category", "tier", "version", "updated_at"]
    list_filter = ["category"]
    raw_id_fields = ["profile"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # profile_ensure creates a profile's eight sections, one per category

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        """Only the section's own category's fields (the others must stay empty: a check constraint says so)."""
        own = obj.display_fields() if obj is not None else ()
        return ["profile", *own, "notes", "tier", "restricted_tier"]


for model in ITEM_MODELS:
    admin.site.register(
        model,
        type(
            f"{model.__name__}Admin",
            (HistoryAdmin,),
            {"list_display": ["__str__", "profile", "tier", "version", "updated_at"], "raw_id_fields": ["profile"]},
        ),
    )
