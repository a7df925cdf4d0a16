"""HTML from police.uk shown as formatted text, never as tags and never as live markup (issue 6 item 8).

Uses the real police.uk neighbourhood detail in shared/data/police (Leicestershire NC04, whose description is two
<p> paragraphs with &nbsp;), and a copy of it with script, event-handler and javascript: payloads added.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from core.templatetags.npt import police_html
from geography.importers.police import import_police_neighbourhoods
from geography.models import Neighbourhood

PAYLOADS = (
    "<script>window.__xss = 1</script>"
    '<img src=x onerror="window.__xss = 2">'
    '<p onclick="window.__xss = 3" style="position:fixed">Contact the '
    '<a href="javascript:window.__xss=4">team</a> or <a href="https://www.leics.police.uk/" target="_blank">'
    "the force</a>.</p>"
    '<iframe src="https://example.org/"></iframe><style>body{display:none}</style>'
)
LEFTOVERS = ("<script", "__xss", "onerror", "onclick", "javascript:", "<iframe", "<style", "<img", "style=", "target=")


@pytest.fixture
def nc04(shared_data: Path) -> dict[str, Any]:
    return json.loads((shared_data / "police" / "police_leicestershire_NC04.json").read_text())


@pytest.mark.shared_data
def test_it_keeps_police_uk_paragraphs_as_paragraphs(nc04: dict[str, Any]) -> None:
    html = police_html(nc04["description"])
    assert html.count('<p class="govuk-body">') == 2
    assert html.startswith('<p class="govuk-body">The Castle neighbourhood&nbsp;is&nbsp;a diverse')
    assert "The Highcross and Haymarket shopping centres" in html
    assert "&lt;" not in html


@pytest.mark.shared_data
def test_it_strips_scripts_handlers_and_javascript_links(nc04: dict[str, Any]) -> None:
    html = police_html(nc04["description"] + PAYLOADS)
    for leftover in LEFTOVERS:
        assert leftover not in html, leftover
    # What is left is formatting: the paragraph and its safe link, in GOV.UK style.
    assert (
        '<p class="govuk-body">Contact the <a class="govuk-link" rel="noopener noreferrer">team</a> or '
        '<a href="https://www.leics.police.uk/" class="govuk-link" rel="noopener noreferrer">the force</a>.</p>'
    ) in html


def test_it_gives_plain_text_paragraphs_and_escapes_its_angle_brackets() -> None:
    html = police_html("Ward meetings monthly.\nAll welcome.\n\nCrime < last year & falling")
    assert html == (
        '<p class="govuk-body">Ward meetings monthly.<br>All welcome.</p>\n\n'
        '<p class="govuk-body">Crime &lt; last year &amp; falling</p>'
    )


def test_it_shows_nothing_for_no_text() -> None:
    assert police_html("") == police_html(None) == police_html("  \n ") == ""


@pytest.mark.django_db
@pytest.mark.shared_data
def test_the_neighbourhood_page_shows_the_imported_description_as_formatted_text(
    client: Any, cast: Any, shared_data: Path, nc04: dict[str, Any], tmp_path: Path
) -> None:
    # The real importer, so the page shows exactly what an import stores; the copy carries the payloads.
    hostile = dict(nc04, description=nc04["description"] + PAYLOADS)
    copy = tmp_path / "police_leicestershire_NC04.json"
    copy.write_text(json.dumps(hostile))
    import_police_neighbourhoods([copy], force_slug="leicestershire", force_name="Leicestershire Police")
    neighbourhood = Neighbourhood.objects.get(force__slug="leicestershire", code="NC04")
    assert neighbourhood.description == hostile["description"]  # stored as sent; cleaned when shown

    cast.ada.is_staff = True
    cast.ada.save()
    client.force_login(cast.ada)
    page = client.get(reverse("geography:neighbourhood-detail", args=[neighbourhood.pk])).content.decode()
    description = page.split('<div class="npt-police-text">', 1)[1].split("</div>", 1)[0]
    assert description.startswith('<p class="govuk-body">The Castle neighbourhood')
    assert "&lt;p&gt;" not in page
    for leftover in LEFTOVERS:
        assert leftover not in description, leftover
