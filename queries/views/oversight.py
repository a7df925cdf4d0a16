"""The sergeant's and inspector's oversight panel for the 72-hour standard (issue 16 "Escalation and recourse",
"Measures"): the measures by team and neighbourhood over a period, what is overdue now, the escalations and
review requests still open, and the neighbourhoods with no published named officer.

The figures are ``queries.selectors.measures_by_group``'s, the same as the measures page and the API.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.tiers import Tier
from queries.forms import PeriodForm
from queries.models import Query
from queries.permissions import VIEW_MEASURES, VIEW_OVERSIGHT
from queries.selectors import measure_groups, measures_by_group, neighbourhoods_without_named_officer, oversight_area

LIST_LIMIT = 100


@login_required
@require_GET
def oversight(request: HttpRequest) -> HttpResponse:
    if not (request.user.has_perm(VIEW_OVERSIGHT) and request.user.has_perm(VIEW_MEASURES)):
        raise PermissionDenied
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    now = timezone.now()
    area = oversight_area(request.user)
    groups = measure_groups(area, only_with_queries=False)
    open_queries = (
        Query.objects.visible_to(request.user)
        .filter(neighbourhood__in=area)
        .select_related("neighbourhood", "assigned_to", "escalated_to")
    )
    context = {
        "form": form,
        "start": start,
        "end": end,
        "now": now,
        "team_rows": measures_by_group(groups.teams, start, end, now=now),
        "rows": measures_by_group(groups.neighbourhoods, start, end, now=now),
        "overdue": list(open_queries.overdue(now).order_by("due_at")[:LIST_LIMIT]),
        "escalated": list(
            open_queries.open()
            .filter(Q(escalated_at__isnull=False) | Q(review_requested_at__isnull=False))
            .order_by("due_at")[:LIST_LIMIT]
        ),
        "without_officer": list(neighbourhoods_without_named_officer(area)),
        "areas": list(
            area.annotate(published=Count("named_officers", filter=Q(named_officers__tier=Tier.PUBLIC))).order_by(
                "name"
            )
        ),
        "limit": LIST_LIMIT,
    }
    return render(request, "queries/oversight.html", context, status=400 if form.is_bound and form.errors else 200)
