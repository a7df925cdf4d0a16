"""Issue 9: PrioritySettings has a form. Team leads (has_perm change_prioritysettings) edit it; the rest read it;
errors are GOV.UK summaries naming the field; every change keeps history; a stale form is a conflict."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.models import AuditEvent
from priorities import services
from priorities.models import PrioritySettings
from priorities.tests.factories import ActivePriorityFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def _url(cast):
    return reverse("priorities:settings", args=[cast.ashfield.pk])


def test_a_sergeant_changes_the_settings_and_the_warning_follows_them(cast, client):
    client.force_login(cast.sam)
    response = client.post(_url(cast), {"version": "0", "max_current": "2", "review_months": "1"})
    assert response.status_code == 302
    saved = PrioritySettings.objects.get(neighbourhood=cast.ashfield)
    assert (saved.max_current, saved.review_months, saved.version) == (2, 1, 1)
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.PRIORITY_SETTINGS_CHANGED, actor=cast.sam).count() == 1

    ActivePriorityFactory.create_batch(2, neighbourhood=cast.ashfield)
    third = PriorityFactory(neighbourhood=cast.ashfield)
    activation = services.priority_activate(
        priority=third, echr_checked=True, echr_note="Proportionate", loaded_version=third.version, actor=cast.sam
    )
    assert "3 current priorities, more than the 2" in activation.warning

    client.post(_url(cast), {"version": "1", "max_current": "4", "review_months": "3"})
    page = client.get(_url(cast)).content.decode()
    assert page.count("Settings changed") == 1
    assert page.count("Settings created") == 1
    assert PrioritySettings.history.filter(neighbourhood_id=cast.ashfield.pk).count() == 2


def test_an_officer_reads_the_settings_but_cannot_change_them(cast, client):
    client.force_login(cast.olivia)
    page = client.get(_url(cast))
    assert page.status_code == 200
    assert "Save the settings" not in page.content.decode()
    assert "3 (the default)" in page.content.decode()
    response = client.post(_url(cast), {"version": "0", "max_current": "9", "review_months": "3"})
    assert response.status_code == 403
    assert not PrioritySettings.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"max_current": "0", "review_months": "3"}, "Current priorities before a warning must be 1 or more"),
        ({"max_current": "3", "review_months": "13"}, "Months between reviews must be 12 or less"),
        ({"max_current": "three", "review_months": "3"}, "Current priorities before a warning must be a number"),
        ({"max_current": "3", "review_months": ""}, "Enter months between reviews"),
    ],
)
def test_bad_values_are_govuk_errors_naming_the_field(cast, client, values, message):
    client.force_login(cast.sam)
    response = client.post(_url(cast), {"version": "0", **values})
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert message in body
    assert not PrioritySettings.objects.exists()


def test_a_stale_form_is_a_conflict_not_an_overwrite(cast, client):
    client.force_login(cast.sam)
    client.post(_url(cast), {"version": "0", "max_current": "4", "review_months": "3"})
    response = client.post(_url(cast), {"version": "0", "max_current": "5", "review_months": "2"})
    assert response.status_code == 409
    assert "Somebody else changed these settings" in response.content.decode()
    assert PrioritySettings.objects.get().max_current == 4


def test_outside_scope_is_404(cast, client):
    client.force_login(cast.sam)
    assert client.get(reverse("priorities:settings", args=[cast.elsewhere.pk])).status_code == 404
