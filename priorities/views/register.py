"""The priorities register (issue 9): every priority with a stable id, its status and dated updates, filterable by
force, neighbourhood, status, category and date changed, exported as CSV. The team board is the sergeant's view.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.csv_export import csv_writer
from geography.models import Neighbourhood
from priorities.forms import RegisterFilterForm
from priorities.rules import ADD, TEAM_BOARD, VIEW
from priorities.selectors import board_rows, latest_update, with_latest
from priorities.views._common import readable_priorities

PAGE_SIZE = 50
CSV_LIMIT = 10000


def _filtered(request: HttpRequest) -> tuple[RegisterFilterForm, Any]:
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    form = RegisterFilterForm(request.GET)
    queryset = readable_priorities(request)
    if form.is_valid():
        queryset = form.filter(queryset)
    else:
        queryset = queryset.none()
    return form, with_latest(queryset.order_by("-created_at", "-pk"))


@login_required
def register(request: HttpRequest) -> HttpResponse:
    form, queryset = _filtered(request)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(p, latest_update(p)) for p in page.object_list]
    addable: list[Neighbourhood] = []
    if request.user.has_perm(ADD):
        addable = [
            n
            for n in Neighbourhood.objects.editable_by(request.user).order_by("name")[:50]
            if request.user.has_perm(ADD, n)
        ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "priorities/register.html",
        {
            "form": form,
            "rows": rows,
            "page": page,
            "query": query.urlencode(),
            "addable": addable,
            "may_see_board": request.user.has_perm(TEAM_BOARD),
        },
        status=200 if form.is_valid() else 400,
    )


@login_required
def register_csv(request: HttpRequest) -> HttpResponse:
    form, queryset = _filtered(request)
    if not form.is_valid():
        return HttpResponse("Bad filter: " + "; ".join(form.errors), status=400, content_type="text/plain")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="priorities-register.csv"'
    writer = csv_writer(response)  # formula-safe cells (core/csv_export.py)
    writer.writerow(
        [
            "id",
            "force",
            "neighbourhood_code",
            "neighbourhood",
            "title",
            "status",
            "category",
            "location",
            "time_pattern",
            "method",
            "proposed_by",
            "date_agreed",
            "activated_on",
            "closed_on",
            "close_justification",
            "decided_by",
            "raisers_satisfied",
            "latest_action",
            "latest_action_date",
            "tier",
        ]
    )
    for p in queryset[:CSV_LIMIT]:
        update = latest_update(p)
        writer.writerow(
            [
                p.pk,
                p.neighbourhood.force.slug,
                p.neighbourhood.code,
                p.neighbourhood.name,
                p.title,
                p.status,
                p.category,
                p.location_text,
                p.time_pattern,
                p.method,
                p.proposed_by,
                p.set_on or "",
                p.activated_on or "",
                p.closed_on or "",
                p.close_justification,
                p.decided_by,
                p.raisers_satisfied,
                update.action if update else "",
                update.on if update else "",
                p.get_tier_display(),
            ]
        )
    return response


@login_required
def team_board(request: HttpRequest) -> HttpResponse:
    """The team's proposed and active priorities with review-due and overdue flags (issue 9 "Roles")."""
    if not request.user.has_perm(TEAM_BOARD):
        raise PermissionDenied
    neighbourhoods = Neighbourhood.objects.editable_by(request.user)
    rows = board_rows(
        readable_priorities(request).filter(neighbourhood__in=neighbourhoods).order_by("neighbourhood__name", "-pk")
    )
    return render(
        request,
        "priorities/board.html",
        {
            "rows": rows,
            "overdue": sum(1 for r in rows if r.overdue),
            "without_plan": sum(1 for r in rows if r.priority.status == "active" and not r.has_plan),
        },
    )
