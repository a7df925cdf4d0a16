"""The framework dashboards: force, team and neighbourhood, each with its measures and a drill-down (issue 15).

Every figure is computed once per page for all the neighbourhoods in view (performance.compute), so the number of
queries does not grow with teams or neighbourhoods. GET never writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from accounts.models import Team
from core.csv_export import csv_writer
from geography.models import Force, Neighbourhood
from performance.compute import Results, Value, compute
from performance.forms import PeriodForm
from performance.permissions import VIEW
from performance.registry import GROUPS, MEASURES, guarantee_measures


def _need(request: HttpRequest) -> None:
    if not request.user.has_perm(VIEW):
        raise PermissionDenied


def _period(request: HttpRequest) -> tuple[PeriodForm, Any]:
    form = PeriodForm(request.GET or None)
    return form, form.period()


def _grouped(values: list[Value]) -> list[tuple[str, list[Value]]]:
    by_key = {v.measure.key: v for v in values}
    sections = [("Neighbourhood Policing Guarantee", [by_key[m.key] for m in guarantee_measures()])]
    sections += [(group.label, [v for v in values if v.measure.group == group]) for group in GROUPS]
    return sections


def _render(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    form = context["form"]
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "performance/scope.html", context, status=status)


def _team_rows(teams: Iterable[Team], visible: set[int]) -> list[tuple[Team, list[int]]]:
    rows = []
    for team in teams:
        ids = [n.pk for n in team.neighbourhoods.all() if n.pk in visible]
        if ids:
            rows.append((team, ids))
    return rows


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _need(request)
    form, period = _period(request)
    visible = list(Neighbourhood.objects.visible_to(request.user).select_related("force").order_by("name"))
    ids = {n.pk for n in visible}
    forces: dict[int, tuple[Force, list[int]]] = {}
    for n in visible:
        forces.setdefault(n.force_id, (n.force, []))[1].append(n.pk)
    teams = _team_rows(
        Team.objects.filter(neighbourhoods__in=ids).distinct().order_by("name").prefetch_related("neighbourhoods"),
        ids,
    )
    results = compute(ids, period)
    guarantee = guarantee_measures()
    context = {
        "form": form,
        "period": period,
        "results": results,
        "measures": guarantee,
        "force_rows": [(f, results.values(f_ids, guarantee)) for f, f_ids in forces.values()],
        "team_rows": [(t, results.values(t_ids, guarantee)) for t, t_ids in teams],
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "performance/index.html", context, status=status)


def _force_scope(request: HttpRequest, pk: int) -> tuple[Force, list[Neighbourhood]]:
    visible = list(Neighbourhood.objects.visible_to(request.user).filter(force_id=pk).order_by("name"))
    if not visible:
        raise Http404
    return visible[0].force, visible


def _team_scope(request: HttpRequest, pk: int) -> tuple[Team, list[Neighbourhood]]:
    team = get_object_or_404(Team.objects.select_related("force"), pk=pk)
    visible = list(Neighbourhood.objects.visible_to(request.user).filter(teams=team).order_by("name"))
    if not visible:
        raise Http404
    return team, visible


def _force_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    force, visible = _force_scope(request, pk)
    ids = {n.pk for n in visible}
    form, period = _period(request)
    results = compute(ids, period)
    teams = _team_rows(
        Team.objects.filter(neighbourhoods__in=ids).distinct().order_by("name").prefetch_related("neighbourhoods"),
        ids,
    )
    in_team = {pk for _t, t_ids in teams for pk in t_ids}
    children: list[tuple[str, str, list[int]]] = [("team", t.name, t_ids) for t, t_ids in teams]
    children += [("neighbourhood", n.name, [n.pk]) for n in visible if n.pk not in in_team]
    links = {("team", t.name): t.pk for t, _ in teams} | {("neighbourhood", n.name): n.pk for n in visible}
    return _scope_context(form, results, "force", force.name, force.pk, sorted(ids), children, links)


def _scope_context(
    form: PeriodForm,
    results: Results,
    scope: str,
    name: str,
    pk: int,
    ids: list[int],
    children: list[tuple[str, str, list[int]]],
    links: dict[tuple[str, str], int],
) -> dict[str, Any]:
    values = results.values(ids)
    guarantee = guarantee_measures()
    return {
        "form": form,
        "period": results.period,
        "now": results.now,
        "scope": scope,
        "name": name,
        "pk": pk,
        "values": values,
        "sections": _grouped(values),
        "measures": guarantee,
        "children": [
            (kind, child, links.get((kind, child)), results.values(child_ids, guarantee))
            for kind, child, child_ids in children
        ],
    }


def _team_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    team, visible = _team_scope(request, pk)
    form, period = _period(request)
    results = compute([n.pk for n in visible], period)
    children = [("neighbourhood", n.name, [n.pk]) for n in visible]
    links = {("neighbourhood", n.name): n.pk for n in visible}
    return _scope_context(form, results, "team", team.name, team.pk, [n.pk for n in visible], children, links)


def _neighbourhood_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    neighbourhood = get_object_or_404(Neighbourhood.objects.visible_to(request.user), pk=pk)
    form, period = _period(request)
    results = compute([neighbourhood.pk], period)
    return _scope_context(form, results, "neighbourhood", neighbourhood.name, neighbourhood.pk, [pk], [], {})


@login_required
def force(request: HttpRequest, pk: int) -> HttpResponse:
    _need(request)
    return _render(request, _force_context(request, pk))


@login_required
def team(request: HttpRequest, pk: int) -> HttpResponse:
    _need(request)
    return _render(request, _team_context(request, pk))


@login_required
def neighbourhood(request: HttpRequest, pk: int) -> HttpResponse:
    _need(request)
    return _render(request, _neighbourhood_context(request, pk))


def _cell(text: str) -> str:
    """Neutralise spreadsheet formulas in text (CSV injection): a leading = + - @ is quoted (as priorities do)."""
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


CSV_HEADER = [
    "scope",
    "name",
    "measure",
    "title",
    "group",
    "guarantee",
    "value",
    "numerator",
    "denominator",
    "missing",
    "coverage",
    "source",
    "as_at",
    "period_start",
    "period_end",
]


def _csv(context: dict[str, Any], filename: str) -> HttpResponse:
    """The scope's figures and, below them, each team's or neighbourhood's: the roll-up as a force reports it."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv_writer(response)  # formula-safe cells (core/csv_export.py)
    writer.writerow(CSV_HEADER)
    period = context["period"]
    rows: list[tuple[str, str, list[Value]]] = [(context["scope"], context["name"], context["values"])]
    rows += [(kind, name, values) for kind, name, _pk, values in context["children"]]
    for scope, name, values in rows:
        for v in values:
            writer.writerow(
                [
                    scope,
                    _cell(name),
                    v.measure.key,
                    v.measure.title,
                    v.measure.group.label,
                    "yes" if v.measure.guarantee else "no",
                    "" if v.value is None else round(v.value, 4),
                    "" if v.numerator is None else v.numerator,
                    "" if v.denominator is None else v.denominator,
                    v.missing,
                    _cell(v.coverage),
                    v.measure.selector,
                    timezone.localtime(v.as_at).isoformat() if v.as_at else "",
                    period.start.isoformat(),
                    period.end.isoformat(),
                ]
            )
    return response


@login_required
def force_csv(request: HttpRequest, pk: int) -> HttpResponse:
    _need(request)
    return _csv(_force_context(request, pk), f"performance-force-{pk}.csv")


@login_required
def team_csv(request: HttpRequest, pk: int) -> HttpResponse:
    _need(request)
    return _csv(_team_context(request, pk), f"performance-team-{pk}.csv")


@login_required
def neighbourhood_csv(request: HttpRequest, pk: int) -> HttpResponse:
    _need(request)
    return _csv(_neighbourhood_context(request, pk), f"performance-neighbourhood-{pk}.csv")


@login_required
def definitions(request: HttpRequest) -> HttpResponse:
    _need(request)
    return render(request, "performance/definitions.html", {"measures": MEASURES, "groups": GROUPS})
