"""The partner portal: read-only pages and CSV exports for partner organisations (issue 12).

Every view is GET only (a partner can write nothing here: POST is 405) and asks ``has_perm`` for the capability
only the Partner role carries. Scope and tier come from ``partners.selectors``; a neighbourhood outside the
organisation's areas is a 404, so its existence does not leak. Every export is logged (who, what, when).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.audit import audit_record
from core.csv_export import csv_writer
from core.models import AuditEvent
from core.tiers import Tier
from geography.models import Neighbourhood
from partners import selectors

PORTAL = "accounts.view_partner_areas"


def _partner(request: HttpRequest) -> None:
    user = request.user
    if not user.has_perm(PORTAL) or getattr(user, "organisation_id", None) is None:
        raise PermissionDenied


def _neighbourhood(request: HttpRequest, pk: int) -> Neighbourhood:
    hood = selectors.partner_neighbourhoods(request.user).filter(pk=pk).first()
    if hood is None:
        raise Http404
    return hood


def _agreement(request: HttpRequest) -> dict[str, object]:
    organisation = request.user.organisation  # type: ignore[union-attr]
    return {
        "organisation": organisation,
        "tier": selectors.partner_tier(request.user),
        "partner_tier": Tier.PARTNER,
        "agreement_in_force": organisation.agreement_in_force(),  # type: ignore[union-attr]
    }


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    _partner(request)
    rows = selectors.summaries(request.user)
    bands = selectors.bands(request.user, [r.neighbourhood for r in rows])
    return render(
        request,
        "partners/index.html",
        {**_agreement(request), "rows": [(r, bands.get(r.neighbourhood.pk)) for r in rows]},
    )


@login_required
@require_GET
def neighbourhood(request: HttpRequest, pk: int) -> HttpResponse:
    _partner(request)
    hood = _neighbourhood(request, pk)
    return render(request, "partners/neighbourhood.html", _page(request, hood))


def _page(request: HttpRequest, hood: Neighbourhood) -> dict[str, object]:
    """What the neighbourhood page and its print view show: the same reads, so print never shows more."""
    rows = selectors.feedback(request.user, hood)
    lsoa_crime = selectors.lsoa_crime(hood)
    # The map draws the same LSOA vintage as its table twin (the geography API's own ?vintage= filter).
    map_url = f"{reverse('api-geography:neighbourhood-lsoas', args=[hood.pk])}?vintage={lsoa_crime.vintage}"
    return {
        **_agreement(request),
        "neighbourhood": hood,
        "band": selectors.bands(request.user, [hood]).get(hood.pk),
        "current": [r for r in rows if not r.priority.is_closed],
        "previous": [r for r in rows if r.priority.is_closed],
        "events": list(selectors.events(request.user, hood)),
        "crime": selectors.crime_figures(hood),
        "lsoa_crime": lsoa_crime,
        "lsoa_map_url": map_url,
        "plans": selectors.plan_summaries(request.user, hood),
    }


@login_required
@require_GET
def print_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Every table of the neighbourhood page on one printable page (no map, no navigation), logged like a CSV
    export: printing is taking the information out of NPT (issue 12 "Exports").
    """
    _partner(request)
    hood = _neighbourhood(request, pk)
    context = _page(request, hood)
    _log_export(request, hood, "print", rows=len(context["current"]) + len(context["previous"]))  # type: ignore[arg-type]
    return render(request, "partners/print.html", {**context, "printed_at": timezone.localtime()})


def _cell(value: object) -> str:
    """Neutralise spreadsheet formulas (CSV injection): a leading = + - @ tab or CR is quoted."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def _log_export(request: HttpRequest, hood: Neighbourhood, what: str, *, rows: int) -> None:
    audit_record(
        actor=request.user,  # type: ignore[arg-type]
        verb=AuditEvent.Verb.PARTNER_EXPORTED,
        target=hood,
        data={"export": what, "rows": rows, "tier": int(selectors.partner_tier(request.user))},
    )


def _csv(
    request: HttpRequest, hood: Neighbourhood, what: str, header: list[str], rows: list[list[object]]
) -> HttpResponse:
    _log_export(request, hood, what, rows=len(rows))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{hood.force.slug}-{hood.code}-{what}-{stamp}.csv"'
    writer = csv_writer(response)  # formula-safe cells (core/csv_export.py)
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return response


@login_required
@require_GET
def priorities_csv(request: HttpRequest, pk: int) -> HttpResponse:
    _partner(request)
    hood = _neighbourhood(request, pk)
    rows: list[list[object]] = [
        [
            r.priority.title,
            r.priority.get_status_display(),
            r.priority.set_on or r.priority.activated_on,
            r.latest_update.action if r.latest_update else "",
            r.latest_update.on if r.latest_update else "",
            r.priority.get_tier_display(),
        ]
        for r in selectors.feedback(request.user, hood)
    ]
    header = ["Priority", "Status", "Agreed", "Latest action (we did)", "Action date", "Who can see this"]
    return _csv(request, hood, "priorities", header, rows)


@login_required
@require_GET
def events_csv(request: HttpRequest, pk: int) -> HttpResponse:
    _partner(request)
    hood = _neighbourhood(request, pk)
    rows: list[list[object]] = [
        [e.title, e.get_kind_display(), timezone.localtime(e.starts_at).isoformat(), e.address, e.get_tier_display()]
        for e in selectors.events(request.user, hood)
    ]
    return _csv(request, hood, "events", ["Event", "Type", "Starts", "Address", "Who can see this"], rows)


@login_required
@require_GET
def crime_csv(request: HttpRequest, pk: int) -> HttpResponse:
    _partner(request)
    hood = _neighbourhood(request, pk)
    figures = selectors.crime_figures(hood)
    rows: list[list[object]] = [
        [f"{m.month:%Y-%m}", "" if m.count is None else m.count, "no data" if m.count is None else figures.source]
        for m in figures.months
    ]
    return _csv(request, hood, "crime", ["Month", "Crimes and ASB", "Source"], rows)


@login_required
@require_GET
def lsoa_crime_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The map's table twin: crime and ASB per LSOA over the window ("" where the window has no data)."""
    _partner(request)
    hood = _neighbourhood(request, pk)
    table = selectors.lsoa_crime(hood)
    rows: list[list[object]] = [
        [r.code, r.name, "" if r.count is None else r.count, "no data" if r.count is None else table.figures.source]
        for r in table.rows
    ]
    return _csv(request, hood, "lsoa-crime", ["LSOA code", "LSOA name", "Crimes and ASB", "Source"], rows)
