"""Admin: for administrators to inspect profiles and their history. Officers edit through the app's forms,
which keep optimistic locking; the admin is not the place for day-to-day editing.
"""

from django.contrib import admin

from core.admin_mixins import HistoryAdmin, SafeInputAdmin
from profiles.models import ITEM_MODELS, SECTION_MODELS, NeighbourhoodProfile, ProfileReview, ProfileSnapshot


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


for model in (*SECTION_MODELS, *ITEM_MODELS):
    admin.site.register(
        model,
        type(
            f"{model.__name__}Admin",
            (HistoryAdmin,),
            {"list_display": ["__str__", "profile", "tier", "version", "updated_at"], "raw_id_fields": ["profile"]},
        ),
    )
