from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import PartnerOrganisation, Team, User


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Policing", {"fields": ("force", "organisation", "job_title", "neighbourhoods")}),
    )  # type: ignore[misc]
    filter_horizontal = ("groups", "user_permissions", "neighbourhoods")


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = ["name", "force", "leader"]
    filter_horizontal = ("members", "neighbourhoods")


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "force", "agreement_starts", "agreement_ends"]
    filter_horizontal = ("neighbourhoods",)
