"""The audit trail for administrators, per record and per user (issue 14). Read-only: nothing here writes.

Audit events are written only by services (core.audit); this page and the admin (core/admin.py) show them and
offer no way to add, change or delete one.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import User
from core.models import AuditEvent

VIEW_AUDIT = "core.view_auditevent"
PAGE_SIZE = 50


class AuditFilterForm(forms.Form):
    actor = forms.ModelChoiceField(queryset=User.objects.order_by("username"), required=False, label="By user")
    record_type = forms.ModelChoiceField(
        queryset=ContentType.objects.order_by("app_label", "model"), required=False, label="Record type"
    )
    record_id = forms.CharField(max_length=64, required=False, label="Record id")
    verb = forms.ChoiceField(choices=[("", "Any action"), *AuditEvent.Verb.choices], required=False, label="Action")

    def clean_record_id(self) -> str:
        value: str = self.cleaned_data["record_id"].strip()
        if "\x00" in value:
            raise forms.ValidationError("Enter a record id without control characters.")
        return value

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("record_id") and not cleaned.get("record_type"):
            self.add_error("record_type", "Choose the record type to look up a record id.")
        return cleaned


@login_required
@require_GET
def audit_trail(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(VIEW_AUDIT):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.select_related("actor", "target_type").order_by("-at", "-pk")
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["actor"]:
            events = events.filter(actor=data["actor"])
        if data["record_type"]:
            events = events.filter(target_type=data["record_type"])
        if data["record_id"]:
            events = events.filter(target_id=data["record_id"])
        if data["verb"]:
            events = events.filter(verb=data["verb"])
    elif form.is_bound:
        events = events.none()
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/audit_trail.html",
        {"form": form, "page": page, "query": query.urlencode()},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
