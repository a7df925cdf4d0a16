"""Who may open what: a role x view matrix, and a walk of every profiles URL as the partner."""

import pytest
from django.urls import URLPattern, reverse

from profiles import urls as profile_urls
from profiles.tests.conftest import POLICE_SECRETS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "where", "detail", "edit"),
    [
        ("olivia", "ashfield", 200, 200),  # her own neighbourhood
        ("olivia", "brookside", 200, 403),  # police read force-wide, write only their own
        ("olivia", "elsewhere", 404, 404),  # another force
        ("sam", "brookside", 200, 200),  # the sergeant's team
        ("sam", "cottam", 200, 403),  # not his team
        ("ana", "brookside", 200, 200),  # the analyst's team
        ("ian", "ashfield", 200, 403),  # inspectors read
        ("pat", "ashfield", 200, 403),  # the partner's area
        ("pat", "brookside", 404, 404),  # outside the partner's area
        ("ada", "elsewhere", 200, 200),  # administrators
        ("nobody", "ashfield", 404, 404),
    ],
)
def test_it_scopes_reading_and_editing_by_role(cast, client, who, where, detail, edit):
    client.force_login(getattr(cast, who))
    neighbourhood = getattr(cast, where)
    assert client.get(reverse("profiles:detail", args=[neighbourhood.pk])).status_code == detail
    assert client.get(reverse("profiles:edit", args=[neighbourhood.pk, "context"])).status_code == edit


def test_it_sends_anonymous_visitors_to_sign_in(cast, client):
    for url in [reverse("profiles:index"), reverse("profiles:detail", args=[cast.ashfield.pk])]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def _urls(cast, seeded):
    """Every profiles URL, filled with every category and list, pointing at police-only content."""
    items = {"points": seeded.police_point.pk, "contacts": seeded.contact.pk}
    from profiles.categories import CATEGORIES

    for pattern in profile_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        params = set(pattern.pattern.converters)
        for neighbourhood in (cast.ashfield, cast.brookside, cast.elsewhere):
            if "category" not in params:
                yield reverse(f"profiles:{pattern.name}", kwargs={"pk": neighbourhood.pk} if "pk" in params else {})
                continue
            for category in CATEGORIES:
                kinds = category.items if "kind" in params else [None]
                for kind in kinds:
                    kwargs = {"pk": neighbourhood.pk, "category": category.slug}
                    if kind is not None:
                        kwargs["kind"] = kind.slug
                    if "item_pk" in params and kind is not None:
                        kwargs["item_pk"] = items.get(kind.slug, seeded.police_point.pk)
                    yield reverse(f"profiles:{pattern.name}", kwargs=kwargs)


def test_it_never_shows_the_partner_police_only_content_at_any_url(seeded, cast, client):
    client.force_login(cast.pat)
    walked = 0
    for url in _urls(cast, seeded):
        for query in ("", "?tier=police", "?at_day=1&at_month=1&at_year=2030", "?from=now&to=now"):
            response = client.get(url + query)
            walked += 1
            assert response.status_code in {200, 403, 404}, url
            body = response.content.decode()
            for secret in POLICE_SECRETS:
                assert secret not in body, f"{secret} leaked at {url}{query}"
        assert client.post(url, {"version": "1", "comment": "x", "name": "x"}).status_code in {403, 404, 405}, url
    assert walked > 100
