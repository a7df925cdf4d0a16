"""Plan jobs: remind sergeants of periodic reviews that have fallen due (nightly, and ``manage.py
notify_plan_reviews``). Issue 10 "Notifications ... when a review falls due".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from core.imports import Progress
from core.jobs import Link
from core.models import Job
from core.tasks import job_task
from problem_solving.models import Plan
from problem_solving.tasks import send_review_due


def dashboard_links(job: Job) -> list[Link]:
    return [("Problem-solving dashboard", reverse("problem_solving:dashboard"))]


@dataclass(frozen=True)
class ReviewsDue:
    """Remind the sergeant of every plan whose review is due today or overdue (no parameters)."""


def reviews_to_remind() -> list[Plan]:
    today = timezone.localdate()
    return list(
        Plan.objects.filter(status__in=Plan.UNDER_WAY, next_review_on__lte=today)
        .filter(Q(review_reminded_for__isnull=True) | ~Q(review_reminded_for=F("next_review_on")))
        .select_related("neighbourhood")
        .order_by("next_review_on", "pk")
    )


@job_task(
    "problem_solving.reviews_due",
    label="Remind sergeants of plan reviews due",
    params=ReviewsDue,
    links=dashboard_links,
    nightly=True,
    web_start=True,
)
def run_reviews_due(params: ReviewsDue, *, progress: Progress) -> dict[str, int]:
    plans = reviews_to_remind()
    mails = 0
    for i, plan in enumerate(plans, start=1):
        with transaction.atomic():
            # Mark first: a rerun after a crash mid-mail does not send the same reminder twice.
            Plan.objects.filter(pk=plan.pk).update(review_reminded_for=plan.next_review_on)
            mails += send_review_due(plan)
        progress(i, len(plans))
    return {"plans": len(plans), "mails": mails}
