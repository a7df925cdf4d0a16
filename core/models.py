"""Cross-cutting records: the Job for long-running work and the audit event for workflow moves."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.utils import timezone


class Job(models.Model):
    """One run of long work (import, scoring, export), polled by the UI and updated by the task."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    class Origin(models.TextChoices):
        WEB = "web", "Web"
        COMMAND = "command", "Command line"
        FOLLOW_UP = "follow_up", "Follow-up"
        SCHEDULE = "schedule", "Nightly schedule"

    kind = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    origin = models.CharField(
        max_length=16, choices=Origin.choices, default=Origin.WEB, help_text="Where the job was started."
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        help_text="The job whose success queued this one.",
    )
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent complete, 0-100.")
    message = models.TextField(blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Written every few seconds by the process running the job, on its own connection (core.jobs), so a job
    # whose process died (SIGKILL, power loss, OOM) is found and failed instead of staying "running".
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="core_job_status_heartbeat")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    def start(self) -> bool:
        """Claim the queued job for this process; False if another process claimed it first (a redelivery)."""
        now = timezone.now()
        claimed = Job.objects.filter(pk=self.pk, status=self.Status.QUEUED).update(
            status=self.Status.RUNNING, started_at=now, heartbeat_at=now
        )
        if claimed:
            self.status, self.started_at, self.heartbeat_at = self.Status.RUNNING, now, now
        return bool(claimed)

    def report_progress(self, percent: float, message: str = "") -> None:
        """Publish live progress through the cache.

        The work usually runs inside its own transaction (an import is atomic per file), so a row update
        would stay invisible to the polling page until the end; the cache is read by ``with_live_progress``.
        """
        self.progress = max(0, min(100, int(percent)))
        if message:
            self.message = message
        cache.set(self._progress_key, {"progress": self.progress, "message": self.message}, timeout=24 * 3600)

    def with_live_progress(self) -> Job:
        """Return the job with the progress its running task last published (no-op once finished)."""
        if self.status == self.Status.RUNNING:
            live = cache.get(self._progress_key)
            if live:
                self.progress, self.message = live["progress"], live["message"]
        return self

    @property
    def _progress_key(self) -> str:
        return f"npt:job:{self.pk}:progress"

    def succeed(self, result: dict[str, Any], message: str = "") -> None:
        self.status = self.Status.SUCCEEDED
        self.progress = 100
        self.result = result
        self.message = message or self.message
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "progress", "result", "message", "finished_at"])

    def fail(self, message: str, result: dict[str, Any] | None = None) -> None:
        self.status = self.Status.FAILED
        self.message = message
        self.result = result or {}
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "message", "result", "finished_at"])

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}


class AuditEvent(models.Model):
    """An explicit record of a workflow move (approve, return, sign off, import), written by services."""

    class Verb(models.TextChoices):
        """Every workflow move that is audited; a new one is added here (``app.noun_verb``)."""

        PROFILE_STARTED = "profile.started", "Profile started"
        # portal (issue 12)
        PARTNER_EXPORTED = "partners.exported", "Partner export downloaded"
        PROFILE_REVIEW_SIGNED_OFF = "profile.review_signed_off", "Profile review signed off"
        NEIGHBOURHOOD_LSOAS_SET = "neighbourhood.lsoas_set", "Neighbourhood LSOAs set"
        NEIGHBOURHOOD_MEMBERSHIP_DERIVED = "neighbourhood.membership_derived", "Neighbourhood LSOAs derived"
        # deployment
        DEPLOYMENT_METHOD_VERSIONED = "deployment.method_versioned", "Scoring method version created"
        DEPLOYMENT_METHOD_AGREED = "deployment.method_agreed", "Scoring method agreed"
        # queries (issue 16)
        QUERY_RECEIVED = "query.received", "Query received"
        QUERY_ACKNOWLEDGED = "query.acknowledged", "Query acknowledged"
        QUERY_REPLIED = "query.replied", "Query replied to"
        QUERY_REASSIGNED = "query.reassigned", "Query reassigned"
        QUERY_REFERRED = "query.referred", "Query referred to a partner contact"
        QUERY_CONCERN_RAISED = "query.concern_raised", "Query turned into a community concern"
        QUERY_LINKED = "query.linked", "Query linked to a priority or plan"
        QUERY_CLOSED = "query.closed", "Query closed"
        QUERY_ESCALATED = "query.escalated", "Query escalated to the sergeant"
        QUERY_REVIEW_REQUESTED = "query.review_requested", "Sender asked for a review"
        QUERY_ERASED = "query.erased", "Query contact details erased"
        NAMED_OFFICER_SET = "query.named_officer_set", "Named officer set"
        NAMED_OFFICER_ADDED = "query.named_officer_added", "Named officer added"
        NAMED_OFFICER_CHANGED = "query.named_officer_changed", "Named officer changed"
        NAMED_OFFICER_REMOVED = "query.named_officer_removed", "Named officer removed"
        NAMED_OFFICER_MOVED = "query.named_officer_moved", "Named officers reordered"
        # priorities (and engagement events), issue 9
        EVENT_RECORDED = "engagement.event_recorded", "Engagement event recorded"
        CONCERN_PROMOTED = "engagement.concern_promoted", "Concern promoted to a candidate priority"
        PRIORITY_PROPOSED = "priority.proposed", "Priority proposed"
        PRIORITY_ACTIVATED = "priority.activated", "Priority activated"
        PRIORITY_REVIEWED = "priority.reviewed", "Priority reviewed"
        PRIORITY_UPDATE_POSTED = "priority.update_posted", "Priority update posted"
        PRIORITY_CLOSED = "priority.closed", "Priority closed"
        # problem-solving plans (issue 10)
        PLAN_CREATED = "plan.created", "Problem-solving plan started"
        PLAN_SUBMITTED = "plan.submitted", "Plan submitted for review"
        PLAN_APPROVED = "plan.approved", "Plan approved"
        PLAN_RETURNED = "plan.returned", "Plan returned with comments"
        PLAN_STARTED = "plan.started", "Plan in progress"
        PLAN_REVIEWED = "plan.reviewed", "Plan periodic review recorded"
        PLAN_ASSESSMENT_SUBMITTED = "plan.assessment_submitted", "Plan assessment submitted"
        PLAN_CLOSED = "plan.closed", "Plan closed"
        PLAN_EVIDENCE_SET = "plan.evidence_set", "Plan area and crime categories set"
        PLAN_ACTION_ADDED = "plan.action_added", "Plan action added"
        PLAN_ACTION_UPDATED = "plan.action_updated", "Plan action changed"
        PLAN_ACTIVITY_LOGGED = "plan.activity_logged", "Plan activity or meeting recorded"
        # impact evaluation, issue 13
        IMPACT_STUDY_CREATED = "impact.study_created", "Impact study created"
        IMPACT_STUDY_EVALUATED = "impact.study_evaluated", "Impact study evaluated"
        # performance framework (issue 15)
        ASSESSMENT_DRAFTED = "performance.assessment_drafted", "Self-assessment drafted"
        ASSESSMENT_UPDATED = "performance.assessment_updated", "Self-assessment updated"
        ASSESSMENT_SIGNED_OFF = "performance.assessment_signed_off", "Self-assessment signed off"
        THRESHOLD_SET = "performance.threshold_set", "Performance threshold set"
        # eng (issue 9, second half): KIN rounds
        KIN_ROUND_RECORDED = "engagement.kin_round_recorded", "KIN contact round recorded"
        # eng (issue 9, third part): settings, the tactical KIN, survey runs
        PRIORITY_SETTINGS_CHANGED = "priority.settings_changed", "Priority settings changed"
        KIN_LINKED = "engagement.kin_linked", "Tactical KIN linked to a priority"
        KIN_DISBANDED = "engagement.kin_disbanded", "Tactical KIN disbanded"
        SURVEY_RUN_RECORDED = "engagement.survey_run_recorded", "Survey run recorded"
        SURVEY_VOTES_RECORDED = "priority.survey_votes_recorded", "Survey votes for candidate priorities recorded"
        ENGAGEMENT_PLANNED = "engagement.planned", "Engagement planned (not an event)"
        ENGAGEMENT_DONE = "engagement.planned_done", "Planned engagement marked done"
        # hardening (issue 14): sign-in lockouts, unlocks and every refused request
        SIGNIN_LOCKED_OUT = "accounts.signin_locked_out", "Sign-in locked out after repeated wrong passwords"
        SIGNIN_UNLOCKED = "accounts.signin_unlocked", "Sign-in unlocked by an administrator"
        ACCESS_DENIED = "core.access_denied", "Access denied (403)"
        # audit (issue 9 plan, guide 1484–1489): the audit of existing participation mechanisms
        MECHANISM_RECORDED = "engagement.mechanism_recorded", "Participation mechanism recorded"
        MECHANISM_CHANGED = "engagement.mechanism_changed", "Participation mechanism or its assessment changed"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # No database choices: each app adds its verbs to ``Verb`` without a core migration (parallel apps would
    # otherwise collide on core's migration numbers). ``audit_record`` refuses anything but a member.
    verb = models.CharField(max_length=64)
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def get_verb_display(self) -> str:
        """The verb's label (the field has no database choices; see ``verb``)."""
        try:
            return str(self.Verb(self.verb).label)
        except ValueError:
            return self.verb

    def __str__(self) -> str:
        return f"{self.verb} by {self.actor_id} at {self.at:%Y-%m-%d %H:%M}"
