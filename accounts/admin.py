from typing import Any

from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import PartnerOrganisation, Team, User
from accounts.signin import unlock_sign_in
from core.admin_mixins import HistoryAdmin, SafeInputAdmin


def _acting(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) else None


@admin.register(User)
class UserAdmin(BaseUserAdmin, HistoryAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Policing", {"fields": ("force", "organisation", "job_title", "neighbourhoods")}),
    )  # type: ignore[misc]
    filter_horizontal = ("groups", "user_permissions", "neighbourhoods")
    actions = ["unlock_sign_in"]

    @admin.action(description="Unlock sign-in (clear wrong-password lockouts)", permissions=["change"])
    def unlock_sign_in(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        unlocked = [
            user.username for user in queryset if unlock_sign_in(username=user.username, actor=_acting(request))
        ]
        if unlocked:
            messages.success(request, f"Sign-in unlocked for {', '.join(unlocked)}.")
        else:
            messages.info(request, "None of them was locked out.")


@admin.register(AccessAttempt)
class LockoutAdmin(SafeInputAdmin):
    """Wrong-password streaks recorded by django-axes (issue 14). Deleting one unlocks that username.

    Read-only otherwise: the rows are written by the sign-in check, never typed. Each unlock is audited.
    """

    list_display = ["username", "ip_address", "failures_since_start", "attempt_time", "path_info"]
    search_fields = ["username", "ip_address"]
    readonly_fields = ["username", "ip_address", "user_agent", "path_info", "failures_since_start", "attempt_time"]
    exclude = ["get_data", "post_data", "http_accept"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: AccessAttempt) -> None:
        unlock_sign_in(username=obj.username or "", actor=_acting(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        for username in set(queryset.values_list("username", flat=True)):
            unlock_sign_in(username=username or "", actor=_acting(request))


@admin.register(Team)
class TeamAdmin(HistoryAdmin):
    list_display = ["name", "force", "leader"]
    filter_horizontal = ("members", "neighbourhoods")


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(HistoryAdmin):
    list_display = ["name", "kind", "force", "agreement_starts", "agreement_ends"]
    filter_horizontal = ("neighbourhoods",)
