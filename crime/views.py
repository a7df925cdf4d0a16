"""The Data coverage page: which police.uk force-months are loaded, with their counts and gaps (issue 8 §2).

Analysts look here before they trust a figure: a month that is absent, or far below the force's usual volume,
is a gap, and every crime figure over a window that includes it says so (crime.queries.crime_counts).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from crime.coverage import SMALL_SHARE, coverage, month_span
from geography.api.permissions import VIEW_NEIGHBOURHOOD


@require_safe
@login_required
def coverage_page(request: HttpRequest) -> HttpResponse:
    # Crime is public police.uk data read through neighbourhoods: the same permission as the neighbourhood pages.
    if not request.user.has_perm(VIEW_NEIGHBOURHOOD):
        raise PermissionDenied
    table = coverage()
    forces = sorted(table)
    rows = []
    if table:
        first = min(cells[0].month for cells in table.values())
        last = max(cells[-1].month for cells in table.values())
        by_force = {force: {cell.month: cell for cell in cells} for force, cells in table.items()}
        for month in reversed(month_span(first, last)):
            rows.append((month, [by_force[force].get(month) for force in forces]))
    gaps = sum(1 for cells in table.values() for cell in cells if cell.gap)
    return render(
        request,
        "crime/coverage.html",
        {"forces": forces, "rows": rows, "gaps": gaps, "small_share": round(SMALL_SHARE * 100)},
    )
