from django.contrib import admin

from core.admin_mixins import SafeInputAdmin
from core.models import AuditEvent, Job


@admin.register(Job)
class JobAdmin(SafeInputAdmin):
    list_display = ["kind", "status", "progress", "created_by", "created_at", "finished_at"]
    list_filter = ["kind", "status"]


@admin.register(AuditEvent)
class AuditEventAdmin(SafeInputAdmin):
    list_display = ["verb", "actor", "target_type", "target_id", "at"]
    list_filter = ["verb"]
