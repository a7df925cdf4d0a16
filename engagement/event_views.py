"""Engagement event pages (issue 9): list and month calendar, detail with the concerns raised, create/edit, iCal.

Every query starts from ``EngagementEvent.objects.visible_to(user)`` and is cut by ``max_tier(user)``: outside
scope (or above the reader's tier) is a 404, so existence does not leak; inside it, writing needs ``has_perm``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.tiers import max_tier
from core.locking import EditConflict
from engagement.event_forms import ConcernForm, EventForm, EventListForm
from engagement.event_rules import ADD_CONCERN, ADD_EVENT, CHANGE_EVENT, VIEW_EVENT
from engagement.event_services import concern_record, event_update
from engagement.event_services import event_create as create_event
from engagement.ical import calendar as ical_calendar
from engagement.models import EngagementEvent
from geography.models import Neighbourhood

VIEW_CONCERN = "engagement.view_concern"
PROMOTE = "priorities.add_priority"  # promoting a concern proposes a priority (the priorities app's permission)
LIST_LIMIT = 200


def _events(request: HttpRequest) -> QuerySet[EngagementEvent]:
    return EngagementEvent.objects.visible_to(request.user).at_most(max_tier(request.user))


def _event(request: HttpRequest, pk: int) -> EngagementEvent:
    event = get_object_or_404(_events(request).select_related("neighbourhood__force", "organiser"), pk=pk)
    if not request.user.has_perm(VIEW_EVENT, event.neighbourhood):
        raise PermissionDenied
    return event


def _editable_neighbourhood(request: HttpRequest, pk: int, perm: str) -> Neighbourhood:
    neighbourhood = get_object_or_404(Neighbourhood.objects.visible_to(request.user).select_related("force"), pk=pk)
    if not request.user.has_perm(perm, neighbourhood):
        raise PermissionDenied
    return neighbourhood


def _local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(ZoneInfo(settings.TIME_ZONE))


def _month_grid(events: list[EngagementEvent], month: dt.date) -> list[list[dict[str, Any]]]:
    by_day: dict[dt.date, list[EngagementEvent]] = defaultdict(list)
    for event in events:
        by_day[_local(event.starts_at).date()].append(event)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    return [
        [{"day": day, "in_month": day.month == month.month, "events": by_day.get(day, [])} for day in week]
        for week in weeks
    ]


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(VIEW_EVENT):
        raise PermissionDenied
    form = EventListForm(request.GET)
    if not form.is_valid():
        return render(request, "engagement/events/list.html", {"form": form, "events": [], "bad": True}, status=400)
    events = _events(request).select_related("neighbourhood")
    neighbourhood = None
    if form.cleaned_data["neighbourhood"]:
        neighbourhood = get_object_or_404(
            Neighbourhood.objects.visible_to(request.user), pk=form.cleaned_data["neighbourhood"]
        )
        events = events.filter(neighbourhood=neighbourhood)
    month = form.cleaned_data["month"] or timezone.localdate().replace(day=1)
    view = form.cleaned_data["view"] or "list"
    context: dict[str, Any] = {"form": form, "neighbourhood": neighbourhood, "view": view, "month": month}
    if view == "calendar":
        after = (month + dt.timedelta(days=32)).replace(day=1)
        zone = ZoneInfo(settings.TIME_ZONE)
        in_month = list(
            events.filter(
                starts_at__gte=dt.datetime.combine(month, dt.time(), tzinfo=zone),
                starts_at__lt=dt.datetime.combine(after, dt.time(), tzinfo=zone),
            ).order_by("starts_at")
        )
        context.update(
            weeks=_month_grid(in_month, month),
            events=in_month,
            previous_month=(month - dt.timedelta(days=1)).replace(day=1),
            next_month=after,
        )
    else:
        now = timezone.now()
        context.update(
            upcoming=list(events.filter(starts_at__gte=now).order_by("starts_at")[:LIST_LIMIT]),
            past=list(events.filter(starts_at__lt=now).order_by("-starts_at")[:LIST_LIMIT]),
        )
    context["addable"] = (
        [
            n
            for n in Neighbourhood.objects.editable_by(request.user).order_by("name")[:50]
            if request.user.has_perm(ADD_EVENT, n)
        ]
        if request.user.has_perm(ADD_EVENT)
        else []
    )
    return render(request, "engagement/events/list.html", context)


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    return _detail(request, event, ConcernForm())


def _detail(request: HttpRequest, event: EngagementEvent, concern_form: ConcernForm, status: int = 200) -> HttpResponse:
    user = request.user
    may_see_concerns = user.has_perm(VIEW_CONCERN)
    concerns = list(event.concerns.prefetch_related("priorities")) if may_see_concerns else []
    context = {
        "event": event,
        "partners": list(event.partner_organisations.order_by("name")),
        # Groups above the reader's tier are not named (some are police-only: guide 2783–2810).
        "audience": list(event.audience_groups.at_most(max_tier(user)).order_by("name")),
        "reached": list(event.groups_reached.at_most(max_tier(user)).order_by("name")),
        "concerns": concerns,
        "may_see_concerns": may_see_concerns,
        "may_add_concern": user.has_perm(ADD_CONCERN, event.neighbourhood),
        "may_edit": user.has_perm(CHANGE_EVENT, event.neighbourhood),
        "may_promote": user.has_perm(PROMOTE, event.neighbourhood),
        "concern_form": concern_form,
        "starts": _local(event.starts_at),
        "ends": _local(event.ends_at) if event.ends_at else None,
    }
    return render(request, "engagement/events/detail.html", context, status=status)


@login_required
@require_POST
def concern_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    if not request.user.has_perm(ADD_CONCERN, event.neighbourhood):
        raise PermissionDenied
    form = ConcernForm(request.POST)
    if not form.is_valid():
        return _detail(request, event, form, status=400)
    concern_record(neighbourhood=event.neighbourhood, event=event, values=form.values(), actor=request.user)
    messages.success(request, "Issue recorded.")
    return redirect(reverse("events:detail", args=[event.pk]) + "#concerns")


@login_required
def event_create(request: HttpRequest, neighbourhood_pk: int) -> HttpResponse:
    neighbourhood = _editable_neighbourhood(request, neighbourhood_pk, ADD_EVENT)
    form = EventForm(request.POST or None, neighbourhood=neighbourhood, initial={"organiser": request.user.pk})
    if request.method == "POST" and form.is_valid():
        event = create_event(
            neighbourhood=neighbourhood,
            values=form.values(),
            partners=form.cleaned_data["partner_organisations"],
            audience=form.cleaned_data["audience_groups"],
            reached=form.cleaned_data["groups_reached"],
            actor=request.user,
        )
        messages.success(request, "Event saved.")
        return redirect("events:detail", event.pk)
    return render(
        request,
        "engagement/events/form.html",
        {"form": form, "neighbourhood": neighbourhood, "adding": True},
        status=400 if form.is_bound else 200,
    )


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    if not request.user.has_perm(CHANGE_EVENT, event.neighbourhood):
        raise PermissionDenied
    form = EventForm(request.POST or None, instance=event, neighbourhood=event.neighbourhood)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            event_update(
                event=event,
                values=form.values(),
                partners=form.cleaned_data["partner_organisations"],
                audience=form.cleaned_data["audience_groups"],
                reached=form.cleaned_data["groups_reached"],
                loaded_version=form.cleaned_data["version"] or 0,
                actor=request.user,
            )
        except EditConflict as exc:
            conflict = exc
            data = form.data.copy()  # type: ignore[attr-defined]
            data["version"] = str(exc.current_version or 0)
            form.data = data
        else:
            messages.success(request, "Event saved.")
            return redirect("events:detail", event.pk)
    return render(
        request,
        "engagement/events/form.html",
        {"form": form, "neighbourhood": event.neighbourhood, "event": event, "conflict": conflict},
        status=409 if conflict else (400 if form.is_bound else 200),
    )


@login_required
def event_ical(request: HttpRequest) -> HttpResponse:
    """The events the reader may see, as an iCalendar feed (optionally one neighbourhood's)."""
    if not request.user.has_perm(VIEW_EVENT):
        raise PermissionDenied
    form = EventListForm(request.GET)
    if not form.is_valid():
        raise Http404("Bad query")
    events = _events(request).order_by("starts_at")
    name = "Engagement events"
    if form.cleaned_data["neighbourhood"]:
        neighbourhood = get_object_or_404(
            Neighbourhood.objects.visible_to(request.user), pk=form.cleaned_data["neighbourhood"]
        )
        events = events.filter(neighbourhood=neighbourhood)
        name = f"Engagement events: {neighbourhood.name}"
    body = ical_calendar(events[:2000], name=name, host=request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="engagement-events.ics"'
    return response
