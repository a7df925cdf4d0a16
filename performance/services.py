"""Writes of self-assessments (draft, update version-checked, sign off) and of thresholds (issue 15).

A sergeant (or inspector) drafts; an inspector who did not draft it signs it off (guide 21613–21618: inspectors and
sergeants are "largely responsible for assessments of the 'quality'"). History is kept by simple-history; each
move is an audit event.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.models import Team, User
from core.audit import audit_record
from core.locking import save_versioned
from core.models import AuditEvent
from geography.models import Force
from performance.checklist import QUESTIONS
from performance.models import AssessmentAnswer, SelfAssessment, Threshold

Verb = AuditEvent.Verb


@transaction.atomic
def assessment_create(*, team: Team, period_start: dt.date, period_end: dt.date, actor: User | None) -> SelfAssessment:
    """A draft with one blank answer per question of the template."""
    if period_end < period_start:
        raise ValidationError("The period must end on or after its start")
    assessment = SelfAssessment.objects.create(
        team=team, period_start=period_start, period_end=period_end, drafted_by=actor
    )
    # With history rows too, so each answer's history starts at the draft.
    bulk_create_with_history(
        [AssessmentAnswer(assessment=assessment, question=q.key) for q in QUESTIONS],
        AssessmentAnswer,
        default_user=actor,
    )
    audit_record(actor=actor, verb=Verb.ASSESSMENT_DRAFTED, target=assessment, data={"team": team.pk})
    return assessment


@transaction.atomic
def assessment_update(
    *, assessment: SelfAssessment, answers: dict[str, dict[str, Any]], actor: User | None, loaded_version: int
) -> SelfAssessment:
    """Save the ratings, commentaries and evidence; refused if someone saved since LOADED_VERSION."""
    if assessment.is_signed_off:
        raise ValidationError("A signed-off assessment cannot be changed")
    assessment.updated_at = timezone.now()
    save_versioned(assessment, loaded_version=loaded_version, update_fields=["updated_at"])
    existing = {a.question: a for a in assessment.answers.all()}
    changed = []
    for key, values in answers.items():
        answer = existing.get(key) or AssessmentAnswer(assessment=assessment, question=key)
        fields = {name: values.get(name, "") or "" for name in ("rating", "commentary", "evidence")}
        if answer.pk is None or any(getattr(answer, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(answer, name, value)
            answer.save()  # one save per changed answer, so its history says who changed what
            changed.append(key)
    audit_record(actor=actor, verb=Verb.ASSESSMENT_UPDATED, target=assessment, data={"changed": changed})
    return assessment


@transaction.atomic
def assessment_sign_off(
    *, assessment: SelfAssessment, actor: User | None, note: str = "", loaded_version: int
) -> SelfAssessment:
    if assessment.is_signed_off:
        raise ValidationError("This assessment is already signed off")
    if actor is None or actor.pk == assessment.drafted_by_id:
        raise PermissionDenied("Nobody signs off their own assessment")
    assessment.status = SelfAssessment.Status.SIGNED_OFF
    assessment.signed_off_by = actor
    assessment.signed_off_at = timezone.now()
    assessment.sign_off_note = note
    save_versioned(
        assessment,
        loaded_version=loaded_version,
        update_fields=["status", "signed_off_by", "signed_off_at", "sign_off_note"],
    )
    audit_record(actor=actor, verb=Verb.ASSESSMENT_SIGNED_OFF, target=assessment)
    return assessment


@transaction.atomic
def threshold_set(
    *,
    force: Force,
    measure: str,
    direction: str,
    green: float,
    amber: float,
    actor: User | None,
    loaded_version: int | None,
) -> Threshold:
    """Set (or first create) FORCE's threshold for MEASURE; refused if someone saved since LOADED_VERSION.

    History keeps every earlier version, so a figure's RAG can be explained against the threshold of its day.
    """
    threshold = Threshold.objects.filter(force=force, measure=measure).first()
    before = None
    if threshold is None:
        threshold = Threshold(force=force, measure=measure, direction=direction, green=green, amber=amber)
    else:
        before = {"direction": threshold.direction, "green": threshold.green, "amber": threshold.amber}
        threshold.direction, threshold.green, threshold.amber = direction, green, amber
    threshold.updated_by = actor
    threshold.updated_at = timezone.now()
    threshold.full_clean()
    if threshold.pk is None:
        threshold.save()
    else:
        save_versioned(
            threshold,
            loaded_version=loaded_version or 0,
            update_fields=["direction", "green", "amber", "updated_by", "updated_at"],
        )
    after = {"direction": direction, "green": green, "amber": amber}
    audit_record(
        actor=actor,
        verb=Verb.THRESHOLD_SET,
        target=threshold,
        data={"force": force.pk, "measure": measure, "before": before, "after": after},
    )
    return threshold
