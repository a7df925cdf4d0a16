"""Writes to survey runs and their questions (issue 9): typed, one transaction, history, audit.

A question's result is a ``SurveyResult`` row (the profile's category 7 reads the same row): its percentage is
computed here from the aggregate counts (agreed / answered), so the figure and its base can never disagree.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core.audit import audit_record
from core.models import AuditEvent
from engagement.event_services import Actor, _user
from engagement.models import CONFIDENCE_QUESTION, HEADLINE_QUESTION, SurveyResult, SurveyRun
from geography.models import Neighbourhood

RUN_FIELDS = ("title", "purpose", "source", "starts_on", "ends_on", "responses", "tier")
# The two headline questions the guide names (issue 9), and the measure each feeds in category 7.
HEADLINES = {
    "dealing": (HEADLINE_QUESTION, SurveyResult.Measure.CONFIDENCE),
    "confidence": (CONFIDENCE_QUESTION, SurveyResult.Measure.CONFIDENCE),
}


@transaction.atomic
def survey_run_record(*, neighbourhood: Neighbourhood, values: dict[str, Any], actor: Actor) -> SurveyRun:
    unknown = set(values) - set(RUN_FIELDS)
    if unknown:
        raise TypeError(f"not a survey run field: {sorted(unknown)}")
    run = SurveyRun(neighbourhood=neighbourhood, created_by=_user(actor), **values)
    run.full_clean()
    run.save()
    audit_record(actor=actor, verb=AuditEvent.Verb.SURVEY_RUN_RECORDED, target=run, data={"purpose": run.purpose})
    return run


def percentage(agreed: int, answered: int) -> Decimal:
    return (Decimal(agreed) * 100 / Decimal(answered)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@transaction.atomic
def survey_question_record(
    *,
    run: SurveyRun,
    headline: str,
    question: str,
    measure: str,
    agreed: int,
    answered: int,
    actor: Actor,
) -> SurveyResult:
    """One question of RUN with its counts; HEADLINE ("dealing", "confidence" or "") picks a headline question."""
    profile = getattr(run.neighbourhood, "profile", None)
    if profile is None:
        raise ValidationError("Start the neighbourhood's profile first: survey results are part of it.")
    errors = {}
    if answered < 1:
        errors["answered"] = "How many answered the question must be 1 or more."
    elif agreed > answered:
        errors["agreed"] = "How many agreed must be no more than how many answered."
    if run.responses is not None and answered > run.responses:
        errors["answered"] = f"How many answered must be no more than the {run.responses} who responded."
    if headline and headline not in HEADLINES:
        errors["headline"] = "Choose a headline question from the list."
    if errors:
        raise ValidationError(errors)
    text, headline_measure = HEADLINES.get(headline, (question.strip(), measure))
    result = SurveyResult(
        profile=profile,
        run=run,
        tier=run.tier,
        measure=headline_measure,
        # The first headline question is the profile's own headline (category 7's trend follows it).
        is_headline=headline == "dealing",
        question=text,
        surveyed_on=run.ends_on,
        sample_size=answered,
        value=percentage(agreed, answered),
        source=run.source,
        source_detail=run.title[:200],
        agreed=agreed,
        answered=answered,
        updated_by=_user(actor),
    )
    result.full_clean()
    result._history_user = _user(actor)  # type: ignore[attr-defined]
    result.save()
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.SURVEY_RUN_RECORDED,
        target=run,
        data={"result": result.pk, "agreed": agreed, "answered": answered},
    )
    return result
