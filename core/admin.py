from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from core.admin_mixins import SafeInputAdmin
from core.models import AuditEvent, Job


@admin.register(Job)
class JobAdmin(SafeInputAdmin):
    list_display = ["kind", "status", "progress", "created_by", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    # Set by the job's task as it runs; shown, not typed (a date-and-time pair of boxes also has no labels).
    readonly_fields = ["created_at", "started_at", "finished_at"]


@admin.register(AuditEvent)
class AuditEventAdmin(SafeInputAdmin):
    """Audit events are evidence: written only by services (core.audit), never added, changed or deleted here."""

    list_display = ["verb", "actor", "target_type", "target_id", "at"]
    list_filter = ["verb"]
    list_select_related = ["actor", "target_type"]
    search_fields = ["verb", "target_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
