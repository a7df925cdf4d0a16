"""Votes from a ranking survey feed "how it was set" (issue 9: "vote counts per candidate feed how it was set").

Recording a run's votes replaces its earlier count for each candidate and writes, on every candidate still
proposed, the run's result into how it was set: decided by survey, agreed on the day fieldwork ended, its votes
and the run's responses as votes cast (missing stays missing when the run's responses are not known).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core.audit import audit_record
from core.locking import save_versioned
from core.models import AuditEvent
from priorities.models import Priority, SurveyVote
from priorities.services import Actor, _user


@transaction.atomic
def survey_votes_record(*, run: Any, counts: dict[int, int], actor: Actor) -> list[SurveyVote]:
    """COUNTS maps candidate priority ids (proposed, in the run's neighbourhood) to their votes."""
    if not counts:
        raise ValidationError("Enter the votes for at least one candidate.")
    candidates = {
        p.pk: p
        for p in Priority.objects.select_for_update().filter(
            pk__in=counts, neighbourhood_id=run.neighbourhood_id, status=Priority.Status.PROPOSED
        )
    }
    if set(candidates) != set(counts):
        raise ValidationError("Votes are recorded only for proposed priorities of the survey's neighbourhood.")
    errors = [
        f"Votes for “{candidates[pk].title}” must be no more than the {run.responses} responses."
        for pk, votes in counts.items()
        if run.responses is not None and votes > run.responses
    ]
    if errors:
        raise ValidationError(errors)
    saved = []
    for pk, votes in sorted(counts.items()):
        vote, _ = SurveyVote.objects.update_or_create(
            run=run, priority_id=pk, defaults={"votes": votes, "created_by": _user(actor)}
        )
        saved.append(vote)
        priority = candidates[pk]
        priority.method = Priority.Method.SURVEY
        priority.set_on = run.ends_on
        priority.votes_for = votes
        priority.votes_cast = run.responses
        priority.full_clean()
        priority._change_reason = f"Votes from survey {run.pk}"  # type: ignore[attr-defined]
        save_versioned(
            priority, loaded_version=priority.version, update_fields=["method", "set_on", "votes_for", "votes_cast"]
        )
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.SURVEY_VOTES_RECORDED,
        target=run,
        data={"votes": {str(pk): votes for pk, votes in sorted(counts.items())}},
    )
    return saved
