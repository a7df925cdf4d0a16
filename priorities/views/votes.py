"""Recording a ranking survey's votes for the neighbourhood's candidate (proposed) priorities (issue 9).

The run is engagement's ``SurveyRun``, reached through ``SurveyVote.run``'s string FK: no import between the
apps. Scope first (the run's ``visible_to`` and tier), then ``has_perm`` on the neighbourhood; GET never writes.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.tiers import max_tier
from priorities.models import Priority, SurveyVote
from priorities.rules import CHANGE
from priorities.vote_services import survey_votes_record


class VotesForm(forms.Form):
    """One whole-number box per candidate; a blank box means that candidate was not on the ballot."""

    def __init__(self, *args: Any, candidates: list[Priority], current: dict[int, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for priority in candidates:
            label = f"Votes for “{priority.title}”"
            self.fields[f"p{priority.pk}"] = forms.IntegerField(
                label=label,
                required=False,
                min_value=0,
                max_value=10_000_000,
                initial=current.get(priority.pk),
                error_messages={
                    "invalid": f"{label} must be a whole number",
                    "min_value": f"{label} must be 0 or more",
                    "max_value": f"{label} is too large",
                },
            )

    def counts(self) -> dict[int, int]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items() if value is not None}


@login_required
def record(request: HttpRequest, run_pk: int) -> HttpResponse:
    run_model: Any = SurveyVote._meta.get_field("run").related_model
    run = get_object_or_404(
        run_model.objects.visible_to(request.user).at_most(max_tier(request.user)).select_related("neighbourhood"),
        pk=run_pk,
    )
    if not request.user.has_perm(CHANGE, run.neighbourhood):
        raise PermissionDenied
    candidates = list(
        Priority.objects.filter(neighbourhood=run.neighbourhood, status=Priority.Status.PROPOSED).order_by("title")
    )
    current = dict(SurveyVote.objects.filter(run=run).values_list("priority_id", "votes"))
    form = VotesForm(request.POST if request.method == "POST" else None, candidates=candidates, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            survey_votes_record(run=run, counts=form.counts(), actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Votes recorded. Each candidate's “how it was set” now shows them.")
            return redirect(reverse("engagement:survey", args=[run.pk]) + "#votes")
    context = {"run": run, "neighbourhood": run.neighbourhood, "form": form, "candidates": candidates}
    return render(request, "priorities/votes.html", context, status=400 if form.is_bound else 200)
