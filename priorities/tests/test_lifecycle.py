"""The lifecycle's guards and moves: ECHR check before activation, reasons before closing, the >3 warning,
history and audit events for each move (issue 9)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import AuditEvent
from priorities import services
from priorities.models import Priority, PrioritySettings
from priorities.tests.factories import ActivePriorityFactory, ConcernFactory, EventFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def _activate(priority, *, checked=True, note="Proportionate: patrols and warnings only", actor=None):
    return services.priority_activate(
        priority=priority, echr_checked=checked, echr_note=note, loaded_version=priority.version, actor=actor
    )


def test_it_refuses_to_activate_without_the_echr_check(cast):
    priority = PriorityFactory(neighbourhood=cast.ashfield)
    with pytest.raises(ValidationError) as raised:
        _activate(priority, checked=False)
    assert "echr_checked" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        _activate(priority, note="   ")
    assert "echr_note" in raised.value.message_dict
    assert Priority.objects.get(pk=priority.pk).status == Priority.Status.PROPOSED


def test_the_database_refuses_an_active_priority_without_the_check(cast):
    priority = PriorityFactory(neighbourhood=cast.ashfield)
    with pytest.raises(IntegrityError), transaction.atomic():
        Priority.objects.filter(pk=priority.pk).update(status=Priority.Status.ACTIVE, activated_on=dt.date(2026, 1, 1))


def test_it_activates_with_the_check_and_records_history_and_audit(cast):
    priority = PriorityFactory(neighbourhood=cast.ashfield)
    result = _activate(priority, actor=cast.olivia)
    stored = Priority.objects.get(pk=priority.pk)
    assert stored.status == Priority.Status.ACTIVE
    assert stored.echr_note == "Proportionate: patrols and warnings only"
    assert stored.version == 2
    assert result.warning == ""
    assert stored.history.first().history_change_reason == "Activated"
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.PRIORITY_ACTIVATED, target_id=str(priority.pk))
    assert event.actor == cast.olivia


def test_it_warns_but_never_blocks_above_three_current_priorities(cast):
    for _ in range(3):
        ActivePriorityFactory(neighbourhood=cast.ashfield)
    fourth = PriorityFactory(neighbourhood=cast.ashfield)
    result = _activate(fourth)
    assert Priority.objects.get(pk=fourth.pk).status == Priority.Status.ACTIVE
    assert "now has 4 current priorities" in result.warning
    assert AuditEvent.objects.get(verb=AuditEvent.Verb.PRIORITY_ACTIVATED).data["over_limit"] is True


def test_the_warning_threshold_is_set_per_neighbourhood(cast):
    PrioritySettings.objects.create(neighbourhood=cast.ashfield, max_current=5)
    for _ in range(4):
        ActivePriorityFactory(neighbourhood=cast.ashfield)
    ActivePriorityFactory(neighbourhood=cast.brookside)  # another neighbourhood's do not count
    result = _activate(PriorityFactory(neighbourhood=cast.ashfield))
    assert (result.current_count, result.warning) == (5, "")


def _close(priority, **overrides):
    values = {
        "status": Priority.Status.RESOLVED,
        "justification": "No reports for eight weeks",
        "decided_by": Priority.DecidedBy.FORUM,
        "raisers_satisfied": Priority.Satisfied.YES,
        "loaded_version": priority.version,
        "actor": None,
        **overrides,
    }
    return services.priority_close(priority=priority, **values)


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"justification": " "}, "justification"),
        ({"raisers_satisfied": ""}, "raisers_satisfied"),
        ({"decided_by": "somebody"}, "decided_by"),
        ({"status": Priority.Status.SUPERSEDED}, "superseded_by"),
    ],
)
def test_it_refuses_to_close_without_its_reasons(cast, override, field):
    priority = ActivePriorityFactory(neighbourhood=cast.ashfield)
    with pytest.raises(ValidationError) as raised:
        _close(priority, **override)
    assert field in raised.value.message_dict
    assert Priority.objects.get(pk=priority.pk).status == Priority.Status.ACTIVE


def test_the_database_refuses_a_closed_priority_without_reasons(cast):
    priority = ActivePriorityFactory(neighbourhood=cast.ashfield)
    with pytest.raises(IntegrityError), transaction.atomic():
        Priority.objects.filter(pk=priority.pk).update(status=Priority.Status.RESOLVED, closed_on=dt.date(2026, 1, 1))


def test_it_closes_with_reasons_and_keeps_them(cast):
    priority = ActivePriorityFactory(neighbourhood=cast.ashfield)
    _close(priority, raisers_satisfied=Priority.Satisfied.PARTLY, outcome="Fewer bikes; some still seen")
    stored = Priority.objects.get(pk=priority.pk)
    assert (stored.status, stored.raisers_satisfied, stored.decided_by) == ("resolved", "partly", "forum")
    assert stored.closed_on is not None
    assert AuditEvent.objects.get(verb=AuditEvent.Verb.PRIORITY_CLOSED).data == {
        "from": "active",
        "to": "resolved",
        "decided_by": "forum",
        "raisers_satisfied": "partly",
    }
    with pytest.raises(ValidationError):
        _close(stored)  # a closed priority stays closed


def test_it_supersedes_with_a_replacement_in_the_same_neighbourhood(cast):
    old = ActivePriorityFactory(neighbourhood=cast.ashfield)
    elsewhere = ActivePriorityFactory(neighbourhood=cast.brookside)
    with pytest.raises(ValidationError):
        _close(old, status=Priority.Status.SUPERSEDED, superseded_by=elsewhere)
    new = PriorityFactory(neighbourhood=cast.ashfield)
    _close(Priority.objects.get(pk=old.pk), status=Priority.Status.SUPERSEDED, superseded_by=new)
    assert Priority.objects.get(pk=old.pk).superseded_by == new


def test_it_promotes_a_concern_to_a_candidate_priority_linked_to_its_event(cast):
    event = EventFactory(neighbourhood=cast.ashfield)
    concern = ConcernFactory(event=event, location_text="School Lane", time_pattern="School run, 8am to 9am")
    priority = services.priority_promote_concern(concern=concern, actor=cast.olivia)
    stored = Priority.objects.get(pk=priority.pk)
    assert stored.status == Priority.Status.PROPOSED
    assert list(stored.concerns.all()) == [concern]
    assert list(stored.events.all()) == [event]
    assert (stored.location_text, stored.time_pattern, stored.proposed_by) == (
        "School Lane",
        "School run, 8am to 9am",
        "public",
    )
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.CONCERN_PROMOTED, target_id=str(concern.pk)).exists()


def test_it_refuses_links_to_another_neighbourhoods_concerns(cast):
    concern = ConcernFactory(event=EventFactory(neighbourhood=cast.brookside))
    with pytest.raises(ValidationError):
        services.priority_propose(
            neighbourhood=cast.ashfield,
            values={"title": "Parking on School Lane pavements"},
            concerns=[concern],
            actor=None,
        )
    assert not Priority.objects.exists()


def test_it_posts_dated_updates_only_for_agreed_priorities(cast):
    proposed = PriorityFactory(neighbourhood=cast.ashfield)
    with pytest.raises(ValidationError):
        services.priority_post_update(
            priority=proposed, on=timezone.localdate(), action="Patrols", progress="some", actor=None
        )
    active = ActivePriorityFactory(neighbourhood=cast.ashfield)
    with pytest.raises(ValidationError):
        services.priority_post_update(
            priority=active,
            on=timezone.localdate() + dt.timedelta(days=2),
            action="Patrols",
            progress="some",
            actor=None,
        )
    services.priority_post_update(
        priority=active, on=timezone.localdate(), action="No success yet", progress="none", actor=None
    )
    assert list(active.updates.values_list("action", "progress")) == [("No success yet", "none")]
