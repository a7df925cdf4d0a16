"""Self-assessment: draft, edit with GOV.UK errors and the version check, sign-off rules, history, compare."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from accounts.models import Team
from core.models import AuditEvent
from performance.checklist import QUESTIONS
from performance.models import AssessmentAnswer, SelfAssessment
from performance.services import assessment_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(cast: Any) -> SelfAssessment:
    team = Team.objects.get(name="Ashfield and Brookside NPT")
    return assessment_create(
        team=team, period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 3, 31), actor=cast.sam
    )


def _post(draft: SelfAssessment, **answers: str) -> dict[str, Any]:
    data: dict[str, Any] = {"version": draft.version}
    data.update(answers)
    return data


def test_a_sergeant_starts_a_draft_with_every_question(client: Any, cast: Any) -> None:
    client.force_login(cast.sam)
    team = Team.objects.get(name="Ashfield and Brookside NPT")
    response = client.post(
        reverse("performance:assessment-start"),
        {
            "team": team.pk,
            "period_start_day": "1",
            "period_start_month": "1",
            "period_start_year": "2026",
            "period_end_day": "31",
            "period_end_month": "3",
            "period_end_year": "2026",
        },
    )
    assessment = SelfAssessment.objects.get()
    assert response.status_code == 302
    assert assessment.drafted_by == cast.sam
    assert assessment.answers.count() == len(QUESTIONS)
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.ASSESSMENT_DRAFTED).count() == 1


def test_start_form_errors_name_the_field(client: Any, cast: Any) -> None:
    client.force_login(cast.sam)
    response = client.post(reverse("performance:assessment-start"), {})
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "Select team" in body


def test_edit_saves_ratings_and_evidence_and_keeps_history(client: Any, cast: Any, draft: SelfAssessment) -> None:
    client.force_login(cast.sam)
    key = QUESTIONS[0].key
    url = reverse("performance:assessment-edit", args=[draft.pk])
    data = _post(
        draft, **{f"{key}-rating": "amber", f"{key}-commentary": "Posters up", f"{key}-evidence": "/priorities/\n"}
    )
    assert client.post(url, data).status_code == 302
    answer = AssessmentAnswer.objects.get(assessment=draft, question=key)
    assert (answer.rating, answer.commentary, answer.evidence_links()) == ("amber", "Posters up", ["/priorities/"])
    draft.refresh_from_db()
    assert draft.version == 2
    assert draft.history.count() == 2  # created, then saved
    assert answer.history.count() == 2


def test_bad_evidence_is_a_govuk_error(client: Any, cast: Any, draft: SelfAssessment) -> None:
    client.force_login(cast.sam)
    key = QUESTIONS[1].key
    response = client.post(
        reverse("performance:assessment-edit", args=[draft.pk]),
        _post(draft, **{f"{key}-evidence": "javascript:alert(1)"}),
    )
    assert response.status_code == 400
    assert "Question 2 evidence links must be NPT addresses" in response.content.decode()


def test_a_stale_edit_is_refused_not_overwritten(client: Any, cast: Any, draft: SelfAssessment) -> None:
    client.force_login(cast.sam)
    key = QUESTIONS[0].key
    url = reverse("performance:assessment-edit", args=[draft.pk])
    client.post(url, _post(draft, **{f"{key}-rating": "green"}))
    stale = client.post(url, {"version": 1, f"{key}-rating": "red"})  # loaded before the first save
    assert stale.status_code == 409
    assert "after you opened it" in stale.content.decode()
    assert AssessmentAnswer.objects.get(assessment=draft, question=key).rating == "green"


def test_the_drafter_cannot_sign_off_their_own(client: Any, cast: Any, draft: SelfAssessment) -> None:
    url = reverse("performance:assessment-sign-off", args=[draft.pk])
    client.force_login(cast.sam)  # a sergeant: no sign-off permission at all
    assert client.post(url, {"version": draft.version}).status_code == 403
    own = assessment_create(
        team=draft.team, period_start=dt.date(2025, 10, 1), period_end=dt.date(2025, 12, 31), actor=cast.ian
    )
    client.force_login(cast.ian)
    assert client.post(reverse("performance:assessment-sign-off", args=[own.pk]), {"version": 1}).status_code == 403
    assert client.post(url, {"version": draft.version, "note": "Agreed"}).status_code == 302
    draft.refresh_from_db()
    assert draft.is_signed_off
    assert draft.signed_off_by == cast.ian
    # Signed off: nobody edits it any more.
    client.force_login(cast.sam)
    assert client.get(reverse("performance:assessment-edit", args=[draft.pk])).status_code == 403


def test_detail_shows_indicators_beside_questions_and_compare_works(
    client: Any, cast: Any, draft: SelfAssessment
) -> None:
    earlier = assessment_create(
        team=draft.team, period_start=dt.date(2025, 10, 1), period_end=dt.date(2025, 12, 31), actor=cast.sam
    )
    AssessmentAnswer.objects.filter(assessment=earlier, question=QUESTIONS[0].key).update(rating="red")
    AssessmentAnswer.objects.filter(assessment=draft, question=QUESTIONS[0].key).update(rating="green")
    client.force_login(cast.ian)
    detail = client.get(reverse("performance:assessment-detail", args=[draft.pk])).content.decode()
    assert "to inform the rating" in detail
    assert "Named, contactable officer published" in detail
    page = client.get(reverse("performance:assessment-compare", args=[draft.pk, earlier.pk])).content.decode()
    assert 'data-side="left">Green' in page
    assert 'data-side="right">Red' in page


def test_partners_and_officers_cannot_see_assessments(client: Any, cast: Any, draft: SelfAssessment) -> None:
    for user in (cast.pat, cast.olivia):
        client.force_login(user)
        assert client.get(reverse("performance:assessment-detail", args=[draft.pk])).status_code == 403


def test_print_and_csv_of_a_signed_off_assessment(client: Any, cast: Any, draft: SelfAssessment) -> None:
    import csv
    import io

    from performance.services import assessment_sign_off, assessment_update

    first = QUESTIONS[0]
    assessment_update(
        assessment=draft,
        answers={first.key: {"rating": "amber", "commentary": "=SUM(A1) <b>bold</b>", "evidence": "/priorities/"}},
        actor=cast.sam,
        loaded_version=draft.version,
    )
    draft.refresh_from_db()
    client.force_login(cast.ian)
    page = client.get(reverse("performance:assessment-print", args=[draft.pk])).content.decode()
    assert "Draft: not signed off" in page
    assessment_sign_off(assessment=draft, actor=cast.ian, note="Agreed", loaded_version=draft.version)
    page = client.get(reverse("performance:assessment-print", args=[draft.pk])).content.decode()
    assert "Draft: not signed off" not in page
    assert 'data-status="signed_off"' in page
    assert "Amber: meets the majority" in page  # the rating in words
    assert "&lt;b&gt;bold&lt;/b&gt;" in page  # commentary is text, never HTML
    assert "Not rated" in page
    rows = list(
        csv.DictReader(io.StringIO(client.get(reverse("performance:assessment-csv", args=[draft.pk])).content.decode()))
    )
    assert len(rows) == len(QUESTIONS)
    assert rows[0]["rating"].startswith("Amber")
    assert rows[0]["commentary"].startswith("'=SUM")  # formula neutralised
    assert rows[0]["status"] == "Signed off"
    assert rows[1]["rating"] == "Not rated"
    client.force_login(cast.olivia)
    assert client.get(reverse("performance:assessment-print", args=[draft.pk])).status_code == 403
