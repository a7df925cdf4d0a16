"""Survey runs (issue 9): a neighbourhood's runs, one run with its questions' counts and its candidate votes.

Every figure shows its count and its response base; a count not recorded is shown as not recorded, never 0.
Scope first (``visible_to``, then the reader's tier), then ``has_perm``; GET never writes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.tiers import max_tier
from engagement.event_rules import ADD_SURVEY, VIEW_SURVEY
from engagement.models import SurveyRun
from engagement.survey_forms import QuestionForm, SurveyRunForm
from engagement.survey_services import survey_question_record, survey_run_record
from engagement.views import _neighbourhood

VOTE = "priorities.change_priority"  # recording votes changes how the candidates were set


def _run(request: HttpRequest, pk: int) -> SurveyRun:
    run = get_object_or_404(
        SurveyRun.objects.visible_to(request.user).at_most(max_tier(request.user)).select_related("neighbourhood"),
        pk=pk,
    )
    if not request.user.has_perm(VIEW_SURVEY, run.neighbourhood):
        raise PermissionDenied
    return run


@login_required
def run_list(request: HttpRequest, neighbourhood_pk: int) -> HttpResponse:
    neighbourhood = _neighbourhood(request, neighbourhood_pk, VIEW_SURVEY)
    may_add = request.user.has_perm(ADD_SURVEY, neighbourhood)
    form = SurveyRunForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_add:
            raise PermissionDenied
        if form.is_valid():
            run = survey_run_record(neighbourhood=neighbourhood, values=form.values(), actor=request.user)
            messages.success(request, "Survey run recorded. Add its questions.")
            return redirect("engagement:survey", run.pk)
    runs = SurveyRun.objects.filter(neighbourhood=neighbourhood).at_most(max_tier(request.user))
    context = {"neighbourhood": neighbourhood, "runs": list(runs[:100]), "form": form if may_add else None}
    return render(request, "engagement/surveys/list.html", context, status=400 if form.is_bound else 200)


def _detail(request: HttpRequest, run: SurveyRun, form: QuestionForm, status: int = 200) -> HttpResponse:
    tier = max_tier(request.user)
    results = list(run.results.at_most(tier).order_by("-is_headline", "pk"))  # type: ignore[attr-defined]
    # priorities.SurveyVote rows through the reverse accessor (no import between the apps); above-tier candidates
    # are not named.
    votes = list(
        run.candidate_votes.filter(priority__tier__lte=tier).select_related("priority")  # type: ignore[attr-defined]
    )
    total = sum(v.votes for v in votes)
    context: dict[str, Any] = {
        "run": run,
        "neighbourhood": run.neighbourhood,
        "results": results,
        "votes": votes,
        "votes_total": total,
        "has_profile": hasattr(run.neighbourhood, "profile"),
        "form": form if request.user.has_perm(ADD_SURVEY, run.neighbourhood) else None,
        "may_vote": run.purpose != SurveyRun.Purpose.CONFIDENCE and request.user.has_perm(VOTE, run.neighbourhood),
    }
    return render(request, "engagement/surveys/detail.html", context, status=status)


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _run(request, pk), QuestionForm())


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    if not request.user.has_perm(ADD_SURVEY, run.neighbourhood):
        raise PermissionDenied
    form = QuestionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            survey_question_record(
                run=run,
                headline=data["headline"],
                question=data["question"],
                measure=data["measure"],
                agreed=data["agreed"],
                answered=data["answered"],
                actor=request.user,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, "Question recorded. The profile shows it in satisfaction and confidence.")
            return redirect("engagement:survey", run.pk)
    return _detail(request, run, form, status=400)
