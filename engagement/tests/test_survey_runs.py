"""Issue 9: survey runs with questions, aggregate counts, sample size and dates; the two headline questions; the
results are the profile's category 7 rows (not copies); a ranking survey's votes feed how a priority was set."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from core.tiers import Tier
from engagement.models import CONFIDENCE_QUESTION, HEADLINE_QUESTION, SurveyResult, SurveyRun
from priorities.models import Priority, SurveyVote
from priorities.tests.factories import ActivePriorityFactory, PriorityFactory
from profiles.selectors import profile_for
from profiles.services import profile_ensure

pytestmark = pytest.mark.django_db

RUN = {
    "title": "Ashfield residents survey 2026",
    "purpose": "both",
    "source": "local",
    "starts_on_day": "1",
    "starts_on_month": "3",
    "starts_on_year": "2026",
    "ends_on_day": "31",
    "ends_on_month": "3",
    "ends_on_year": "2026",
    "responses": "240",
    "tier": "0",
}


def _record_run(client, cast, **changes):
    return client.post(reverse("engagement:surveys", args=[cast.ashfield.pk]), {**RUN, **changes})


def test_a_run_with_both_headline_questions_feeds_category_7_as_the_same_rows(cast, client):
    profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    client.force_login(cast.olivia)
    assert _record_run(client, cast).status_code == 302
    run = SurveyRun.objects.get()
    assert (run.responses, run.ends_on) == (240, dt.date(2026, 3, 31))
    question_url = reverse("engagement:survey-question", args=[run.pk])
    assert client.post(question_url, {"headline": "dealing", "agreed": "131", "answered": "232"}).status_code == 302
    assert client.post(question_url, {"headline": "confidence", "agreed": "170", "answered": "238"}).status_code == 302

    dealing = SurveyResult.objects.get(question=HEADLINE_QUESTION)
    confidence = SurveyResult.objects.get(question=CONFIDENCE_QUESTION)
    assert (dealing.value, dealing.sample_size, dealing.is_headline) == (Decimal("56.5"), 232, True)
    assert (confidence.value, confidence.answered, confidence.run) == (Decimal("71.4"), 238, run)
    view = profile_for(Tier.PUBLIC, cast.ashfield).category("satisfaction")
    assert {s.pk for s in view.items["surveys"]} == {dealing.pk, confidence.pk}

    page = client.get(reverse("engagement:survey", args=[run.pk])).content.decode()
    for shown in ("131", "232", "56.5", "170", "238", "71.4", "240"):
        assert shown in page


def test_counts_are_checked_against_the_base_with_govuk_errors(cast, client):
    profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    client.force_login(cast.olivia)
    _record_run(client, cast)
    url = reverse("engagement:survey-question", args=[SurveyRun.objects.get().pk])
    too_many = client.post(url, {"headline": "dealing", "agreed": "50", "answered": "300"})
    assert too_many.status_code == 400
    assert "How many answered must be no more than the 240 who responded" in too_many.content.decode()
    agreed_over = client.post(url, {"headline": "dealing", "agreed": "60", "answered": "50"})
    assert "How many agreed must be no more than how many answered" in agreed_over.content.decode()
    other = client.post(url, {"headline": "", "agreed": "5", "answered": "10"})
    assert "Enter the other question, or choose a headline question" in other.content.decode()
    assert not SurveyResult.objects.exists()


def test_a_run_without_a_response_count_shows_it_as_missing(cast, client):
    client.force_login(cast.olivia)
    _record_run(client, cast, responses="")
    run = SurveyRun.objects.get()
    assert run.responses is None
    page = client.get(reverse("engagement:survey", args=[run.pk])).content.decode()
    assert "Not recorded" in page
    listing = client.get(reverse("engagement:surveys", args=[cast.ashfield.pk])).content.decode()
    assert "Not recorded" in listing
    assert ">0<" not in listing


def test_fieldwork_must_end_after_it_starts(cast, client):
    client.force_login(cast.olivia)
    response = _record_run(client, cast, ends_on_day="28", ends_on_month="2")
    assert response.status_code == 400
    assert "Fieldwork ended must be on or after the day it started" in response.content.decode()


def test_ranking_votes_feed_how_each_candidate_was_set(cast, client):
    client.force_login(cast.olivia)
    _record_run(client, cast)
    run = SurveyRun.objects.get()
    first = PriorityFactory(neighbourhood=cast.ashfield, title="Speeding on Mill Lane at school times")
    second = PriorityFactory(neighbourhood=cast.ashfield, title="Dog fouling in Ashfield park every morning")
    active = ActivePriorityFactory(neighbourhood=cast.ashfield)
    url = reverse("priorities:votes", args=[run.pk])
    form = client.get(url).content.decode()
    assert first.title in form
    assert active.title not in form

    response = client.post(url, {f"p{first.pk}": "150", f"p{second.pk}": "62"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.method, first.set_on, first.votes_for, first.votes_cast) == (
        Priority.Method.SURVEY,
        dt.date(2026, 3, 31),
        150,
        240,
    )
    assert list(SurveyVote.objects.filter(run=run).values_list("priority_id", flat=True)) == [first.pk, second.pk]
    page = client.get(reverse("engagement:survey", args=[run.pk])).content.decode()
    assert page.index(first.title) < page.index(second.title)
    assert "212 votes in all from 240 responses" in page

    over = client.post(url, {f"p{first.pk}": "241"})
    assert over.status_code == 400
    assert "must be no more than the 240 responses" in over.content.decode()
    first.refresh_from_db()
    assert first.votes_for == 150


def test_partners_read_partner_tier_runs_but_record_nothing(cast, client):
    client.force_login(cast.olivia)
    _record_run(client, cast, tier="1")
    _record_run(client, cast, tier="2", title="Police-only survey")
    client.force_login(cast.pat)
    listing = client.get(reverse("engagement:surveys", args=[cast.ashfield.pk])).content.decode()
    assert RUN["title"] in listing
    assert "Police-only survey" not in listing
    police_only = SurveyRun.objects.get(title="Police-only survey")
    assert client.get(reverse("engagement:survey", args=[police_only.pk])).status_code == 404
    assert _record_run(client, cast).status_code == 403
    assert client.get(reverse("priorities:votes", args=[SurveyRun.objects.get(tier=1).pk])).status_code == 403
