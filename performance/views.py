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

from accounts.models import Team, User
from core.csv_export import csv_writer
from geography.models import Force, Neighbourhood
from performance.compute import Results, compute
from performance.forms import PeriodForm
from performance.officer import officer_figures
from performance.permissions import VIEW, VIEW_ANY_OFFICER, VIEW_OFFICER
from performance.rag import Figure, Judge
from performance.registry import GROUPS, MEASURES, guarantee_measures


def _need(request: HttpRequest) -> None:
    if not request.user.has_perm(VIEW):
        raise PermissionDenied


def _period(request: HttpRequest) -> tuple[PeriodForm, Any]:
    form = PeriodForm(request.GET or None)
    return form, form.period()


def _grouped(values: list[Figure]) -> list[tuple[str, list[Figure]]]:
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
    judge = Judge(
        force_ids=forces,
        scopes=[("force", pk) for pk in forces] + [("team", t.pk) for t, _ in teams],
        period=period,
    )
    context = {
        "form": form,
        "period": period,
        "results": results,
        "measures": guarantee,
        "force_rows": [
            (f, judge.figures(results.values(f_ids, guarantee), force_id=f.pk, scope=("force", f.pk)))
            for f, f_ids in forces.values()
        ],
        "team_rows": [
            (t, judge.figures(results.values(t_ids, guarantee), force_id=t.force_id, scope=("team", t.pk)))
            for t, t_ids in teams
        ],
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
    return _scope_context(form, results, "force", force.name, force.pk, sorted(ids), children, links, force.pk)


def _scope_context(
    form: PeriodForm,
    results: Results,
    scope: str,
    name: str,
    pk: int,
    ids: list[int],
    children: list[tuple[str, str, list[int]]],
    links: dict[tuple[str, str], int],
    force_id: int,
) -> dict[str, Any]:
    guarantee = guarantee_measures()
    child_scopes = [(kind, links[(kind, child)]) for kind, child, _ids in children if (kind, child) in links]
    judge = Judge(force_ids=[force_id], scopes=[(scope, pk), *child_scopes], period=results.period)
    values = judge.figures(results.values(ids), force_id=force_id, scope=(scope, pk))
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
            (
                kind,
                child,
                links.get((kind, child)),
                judge.figures(
                    results.values(child_ids, guarantee),
                    force_id=force_id,
                    scope=(kind, links[(kind, child)]) if (kind, child) in links else None,
                ),
            )
            for kind, child, child_ids in children
        ],
        "force_id": force_id,
    }


def _team_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    team, visible = _team_scope(request, pk)
    form, period = _period(request)
    results = compute([n.pk for n in visible], period)
    children = [("neighbourhood", n.name, [n.pk]) for n in visible]
    links = {("neighbourhood", n.name): n.pk for n in visible}
    ids = [n.pk for n in visible]
    context = _scope_context(form, results, "team", team.name, team.pk, ids, children, links, team.force_id)
    # The team's sergeant and inspectors see links to each member's figures (one check for the whole team).
    user = request.user
    if user.has_perm(VIEW_OFFICER) and (team.leader_id == user.pk or user.has_perm(VIEW_ANY_OFFICER)):
        context["members"] = list(team.members.filter(is_active=True).order_by("last_name", "first_name"))
    return context


def _neighbourhood_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    neighbourhood = get_object_or_404(Neighbourhood.objects.visible_to(request.user), pk=pk)
    form, period = _period(request)
    results = compute([neighbourhood.pk], period)
    return _scope_context(
        form, results, "neighbourhood", neighbourhood.name, neighbourhood.pk, [pk], [], {}, neighbourhood.force_id
    )


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
    "status",
    "threshold",
    "trend",
]


def _csv(context: dict[str, Any], filename: str) -> HttpResponse:
    """The scope's figures and, below them, each team's or neighbourhood's: the roll-up as a force reports it."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv_writer(response)  # formula-safe cells (core/csv_export.py)
    writer.writerow(CSV_HEADER)
    period = context["period"]
    rows: list[tuple[str, str, list[Figure]]] = [(context["scope"], context["name"], context["values"])]
    rows += [(kind, name, values) for kind, name, _pk, values in context["children"]]
    for scope, name, values in rows:
        for v in values:
            writer.writerow(
                [
                    scope,
                    name,
                    v.measure.key,
                    v.measure.title,
                    v.measure.group.label,
                    "yes" if v.measure.guarantee else "no",
                    "" if v.value is None else round(v.value, 4),
                    "" if v.numerator is None else v.numerator,
                    "" if v.denominator is None else v.denominator,
                    v.missing,
                    v.coverage,
                    v.measure.selector,
                    timezone.localtime(v.as_at).isoformat() if v.as_at else "",
                    period.start.isoformat(),
                    period.end.isoformat(),
                    v.status.label,
                    v.status.detail if v.status.key in {"green", "amber", "red"} else "",
                    v.trend.text,
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


@login_required
def officer(request: HttpRequest, pk: int) -> HttpResponse:
    """One officer's figures (the guide's PDR, 3669–3689): the officer, their sergeant and inspectors only."""
    found = get_object_or_404(User.objects.select_related("force"), pk=pk, is_active=True)
    if not request.user.has_perm(VIEW_OFFICER, found):
        raise PermissionDenied  # 403: an officer's figures are never public, but an officer's existence is not secret
    context = {"officer": found, "figures": officer_figures(viewer=request.user, officer=found)}
    return render(request, "performance/officer.html", context)
