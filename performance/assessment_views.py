"""Self-assessment pages: list, start, edit (version-checked), read with history and indicators, sign off,
compare two periods (issue 15; the guide's template, 22325–23362).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Team, User
from core.csv_export import csv_writer
from core.locking import EditConflict
from geography.models import Neighbourhood
from performance import services
from performance.checklist import QUESTIONS, by_theme
from performance.compute import Period, compute
from performance.forms import AssessmentForm, AssessmentStartForm, SignOffForm
from performance.models import SelfAssessment
from performance.permissions import ADD_ASSESSMENT, CHANGE_ASSESSMENT, SIGN_OFF, VIEW_ASSESSMENT


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _visible(request: HttpRequest, pk: int) -> SelfAssessment:
    if not request.user.has_perm(VIEW_ASSESSMENT):
        raise PermissionDenied
    assessment = get_object_or_404(
        SelfAssessment.objects.visible_to(request.user).select_related("team", "drafted_by", "signed_off_by"), pk=pk
    )
    return assessment


@login_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(VIEW_ASSESSMENT):
        raise PermissionDenied
    rows = SelfAssessment.objects.visible_to(request.user).select_related("team", "drafted_by", "signed_off_by")
    return render(
        request,
        "performance/assessment_list.html",
        {"rows": rows[:200], "may_start": request.user.has_perm(ADD_ASSESSMENT)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_start(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(ADD_ASSESSMENT):
        raise PermissionDenied
    teams = Team.objects.filter(neighbourhoods__in=Neighbourhood.objects.editable_by(request.user)).distinct()
    form = AssessmentStartForm(request.POST if request.method == "POST" else None, teams=teams.order_by("name"))
    if request.method == "POST" and form.is_valid():
        assessment = services.assessment_create(
            team=form.cleaned_data["team"],
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
            actor=_actor(request),
        )
        messages.success(request, "Draft self-assessment started.")
        return redirect("performance:assessment-edit", assessment.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "performance/assessment_start.html", {"form": form}, status=status)


def _indicators(request: HttpRequest, assessment: SelfAssessment) -> dict[str, Any]:
    """The team's figures for the assessment's period, shown beside the questions (they inform, never set)."""
    ids = list(
        Neighbourhood.objects.visible_to(request.user).filter(teams=assessment.team_id).values_list("pk", flat=True)
    )
    results = compute(ids, Period(assessment.period_start, assessment.period_end))
    return {v.measure.key: v for v in results.values(ids)}


def _themes(assessment: SelfAssessment, indicators: dict[str, Any], form: AssessmentForm | None = None) -> list[Any]:
    answers = {a.question: a for a in assessment.answers.all()}
    numbers = {q.key: n for n, q in enumerate(QUESTIONS, start=1)}
    themes = []
    for theme, questions in by_theme():
        rows = []
        for q in questions:
            fields = [form[f"{q.key}-{part}"] for part in ("rating", "commentary", "evidence")] if form else []
            beside = [indicators[key] for key in q.measures if key in indicators]
            rows.append({"n": numbers[q.key], "q": q, "answer": answers.get(q.key), "fields": fields, "beside": beside})
        themes.append((theme, rows))
    return themes


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _visible(request, pk)
    history = assessment.history.select_related("history_user").order_by("-history_date")[:50]
    others = SelfAssessment.objects.visible_to(request.user).filter(team=assessment.team).exclude(pk=assessment.pk)
    context = {
        "assessment": assessment,
        "themes": _themes(assessment, _indicators(request, assessment)),
        "history": history,
        "others": others,
        "may_edit": request.user.has_perm(CHANGE_ASSESSMENT, assessment),
        "may_sign_off": request.user.has_perm(SIGN_OFF, assessment),
        "sign_off_form": SignOffForm(initial={"version": assessment.version}),
    }
    return render(request, "performance/assessment_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _visible(request, pk)
    if not request.user.has_perm(CHANGE_ASSESSMENT, assessment):
        raise PermissionDenied
    initial: dict[str, Any] = {"version": assessment.version}
    for answer in assessment.answers.all():
        for part in ("rating", "commentary", "evidence"):
            initial[f"{answer.question}-{part}"] = getattr(answer, part)
    form = AssessmentForm(request.POST if request.method == "POST" else None, initial=initial, questions=QUESTIONS)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.assessment_update(
                    assessment=assessment,
                    answers=form.answers(),
                    actor=_actor(request),
                    loaded_version=form.cleaned_data["version"],
                )
            except EditConflict as exc:
                form.add_error(None, exc.describe())
                status = 409
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 400
            else:
                messages.success(request, "Self-assessment saved.")
                return redirect("performance:assessment-detail", assessment.pk)
        else:
            status = 400
    context = {
        "assessment": assessment,
        "form": form,
        "themes": _themes(assessment, _indicators(request, assessment), form),
    }
    return render(request, "performance/assessment_edit.html", context, status=status)


@login_required
@require_POST
def assessment_sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _visible(request, pk)
    if not request.user.has_perm(SIGN_OFF, assessment):
        raise PermissionDenied
    form = SignOffForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The sign-off could not be read; try again.")
        return redirect("performance:assessment-detail", assessment.pk)
    try:
        services.assessment_sign_off(
            assessment=assessment,
            actor=_actor(request),
            note=form.cleaned_data["note"],
            loaded_version=form.cleaned_data["version"],
        )
    except EditConflict as exc:
        messages.error(request, exc.describe())
    else:
        messages.success(request, "Self-assessment signed off.")
    return redirect("performance:assessment-detail", assessment.pk)


@login_required
def assessment_compare(request: HttpRequest, pk: int, other: int) -> HttpResponse:
    left, right = _visible(request, pk), _visible(request, other)
    answers = {side.pk: {a.question: a for a in side.answers.all()} for side in (left, right)}
    rows = [(n, q, answers[left.pk].get(q.key), answers[right.pk].get(q.key)) for n, q in enumerate(QUESTIONS, start=1)]
    return render(request, "performance/assessment_compare.html", {"left": left, "right": right, "rows": rows})


@login_required
def assessment_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The assessment on paper (print CSS; the browser's "Save as PDF" makes the PDF): every question's rating in
    words, commentary and evidence, the figures beside it, and who drafted and signed it off. A draft says so.
    """
    assessment = _visible(request, pk)
    context = {"assessment": assessment, "themes": _themes(assessment, _indicators(request, assessment))}
    return render(request, "performance/assessment_print.html", context)


@login_required
def assessment_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """One row a question: rating, commentary, evidence links, and the assessment's status and sign-off."""
    assessment = _visible(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="self-assessment-{assessment.pk}.csv"'
    writer = csv_writer(response)  # formula-safe cells (core/csv_export.py)
    writer.writerow(["team", "period_start", "period_end", "status", "signed_off_by", "signed_off_at", "number",
                     "theme", "question", "rating", "commentary", "evidence"])  # fmt: skip
    answers = {a.question: a for a in assessment.answers.all()}
    signer = assessment.signed_off_by
    for n, q in enumerate(QUESTIONS, start=1):
        answer = answers.get(q.key)
        writer.writerow(
            [
                assessment.team.name,
                assessment.period_start.isoformat(),
                assessment.period_end.isoformat(),
                assessment.get_status_display(),
                (signer.get_full_name() or signer.username) if signer else "",
                assessment.signed_off_at.isoformat() if assessment.signed_off_at else "",
                n,
                q.theme.label,
                q.text,
                answer.get_rating_display() if answer and answer.rating else "Not rated",
                answer.commentary if answer else "",
                " ".join(answer.evidence_links()) if answer else "",
            ]
        )
    return response
