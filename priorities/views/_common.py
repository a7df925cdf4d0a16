"""Lookups every priority view starts from: scope first (``visible_to``, then the reader's tier), then the rule."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from accounts.tiers import max_tier
from priorities.models import Priority
from priorities.rules import CHANGE, VIEW


def readable_priorities(request: HttpRequest) -> QuerySet[Priority]:
    return Priority.objects.visible_to(request.user).at_most(max_tier(request.user))


def readable(request: HttpRequest, pk: int) -> Priority:
    """The priority if the reader may see it: 404 outside scope or above their tier, so existence does not leak."""
    priority = get_object_or_404(readable_priorities(request).select_related("neighbourhood__force"), pk=pk)
    if not request.user.has_perm(VIEW, priority.neighbourhood):
        raise PermissionDenied
    return priority


def editable(request: HttpRequest, pk: int) -> Priority:
    priority = readable(request, pk)
    if not request.user.has_perm(CHANGE, priority.neighbourhood):
        raise PermissionDenied
    return priority
