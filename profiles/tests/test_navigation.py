"""Issue 6, item 13: finding your way around profiles, and signing out."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from profiles.categories import BY_KEY, BY_SLUG, CATEGORIES
from profiles.models import CategoryKey

pytestmark = pytest.mark.django_db


def test_the_neighbourhood_page_and_its_profile_link_to_each_other(cast, client):
    client.force_login(cast.olivia)
    profile_url = reverse("profiles:detail", args=[cast.ashfield.pk])
    neighbourhood_url = reverse("geography:neighbourhood-detail", args=[cast.ashfield.pk])
    assert f'href="{profile_url}"' in client.get(neighbourhood_url).content.decode()
    assert f'href="{neighbourhood_url}"' in client.get(profile_url).content.decode()


def _crumbs(page: str) -> list[str]:
    nav = page.split('class="govuk-breadcrumbs"', 1)
    assert len(nav) == 2, "no breadcrumbs"
    return re.findall(r'class="govuk-breadcrumbs__link" href="([^"]+)"', nav[1].split("</nav>", 1)[0])


@pytest.mark.parametrize(
    ("name", "args", "extra"),
    [
        ("profiles:edit", ["context"], []),
        ("profiles:item-add", ["overview", "languages"], ["profiles:edit"]),
        ("profiles:history", [], []),
        ("profiles:compare", [], ["profiles:history"]),
        ("profiles:review", [], []),
    ],
)
def test_nested_pages_have_breadcrumbs_back_to_the_profile(ashfield_profile, cast, client, name, args, extra):
    client.force_login(cast.sam)
    crumbs = _crumbs(client.get(reverse(name, args=[cast.ashfield.pk, *args])).content.decode())
    expected = [reverse("home"), reverse("profiles:index"), reverse("profiles:detail", args=[cast.ashfield.pk])]
    if extra == ["profiles:edit"]:
        expected.append(reverse("profiles:edit", args=[cast.ashfield.pk, args[0]]))
    elif extra:
        expected.append(reverse(extra[0], args=[cast.ashfield.pk]))
    assert crumbs == expected


def test_save_and_go_to_the_next_category(ashfield_profile, cast, client):
    client.force_login(cast.olivia)
    form = {"tier": "0", "restricted_tier": "2", "then": "next"}
    # The guide's order (guide 2300–2339), written out: "next" must follow it, whatever the registry's order.
    order = ["context", "demographic", "housing", "physical", "human", "priorities", "satisfaction", "overview"]
    for slug, following_slug in zip(order, order[1:], strict=False):
        category, following = BY_SLUG[slug], BY_SLUG[following_slug]
        section = ashfield_profile.section(category.key)
        url = reverse("profiles:edit", args=[cast.ashfield.pk, category.slug])
        assert "Save and go to the next category" in client.get(url).content.decode()
        response = client.post(url, {**form, "version": str(section.version)})
        assert response.status_code == 302
        assert response["Location"] == reverse("profiles:edit", args=[cast.ashfield.pk, following.slug])
    last = BY_KEY[CategoryKey.OVERVIEW]
    section = ashfield_profile.section(last.key)
    url = reverse("profiles:edit", args=[cast.ashfield.pk, last.slug])
    response = client.post(url, {**form, "version": str(section.version)})
    assert response["Location"] == reverse("profiles:detail", args=[cast.ashfield.pk])
    # Plain "Save" stays on the category.
    section.refresh_from_db()
    response = client.post(url, {"tier": "0", "restricted_tier": "2", "version": str(section.version)})
    assert response["Location"] == url


def test_no_guide_line_references_on_screen(ashfield_profile, cast, client):
    client.force_login(cast.olivia)
    urls = [reverse("profiles:detail", args=[cast.ashfield.pk])]
    for category in CATEGORIES:
        urls.append(reverse("profiles:edit", args=[cast.ashfield.pk, category.slug]))
        urls += [reverse("profiles:item-add", args=[cast.ashfield.pk, category.slug, k.slug]) for k in category.items]
    for url in urls:
        page = client.get(url).content.decode()
        assert not re.search(r"guide \d", page), url
    page = client.get(reverse("profiles:edit", args=[cast.ashfield.pk, "context"])).content.decode()
    assert BY_KEY[CategoryKey.CONTEXT].summary in page


def test_signing_out_says_so(cast, client):
    client.force_login(cast.olivia)
    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "You have signed out." in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
