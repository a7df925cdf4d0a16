from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import PartnerOrganisation, Team, User
from core.admin_mixins import HistoryAdmin


@admin.register(User)
class UserAdmin(BaseUserAdmin, HistoryAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Policing", {"fields": ("force", "organisation", "job_title", "neighbourhoods")}),
    )  # type: ignore[misc]
    filter_horizontal = ("groups", "user_permissions", "neighbourhoods")


@admin.register(Team)
class TeamAdmin(HistoryAdmin):
    list_display = ["name", "force", "leader"]
    filter_horizontal = ("members", "neighbourhoods")


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(HistoryAdmin):
    list_display = ["name", "kind", "force", "agreement_starts", "agreement_ends"]
    filter_horizontal = ("neighbourhoods",)
