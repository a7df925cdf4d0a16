"""{% table_region %} (issue 6 item 9): a table inside a focusable, named region that scrolls on its own."""

from __future__ import annotations

import pytest
from django.template import TemplateSyntaxError, engines


def _render(source: str, **context: object) -> str:
    return engines["django"].from_string("{% load npt %}" + source).render(context)


def test_it_wraps_the_table_in_a_focusable_named_region() -> None:
    html = _render('{% table_region "LSOAs in "|add:name %}<table></table>{% endtable_region %}', name="Ashfield")
    assert html == (
        '<div class="npt-table-region" role="region" tabindex="0" aria-label="LSOAs in Ashfield"><table></table></div>'
    )


def test_it_escapes_the_label() -> None:
    html = _render("{% table_region name %}<table></table>{% endtable_region %}", name='"><img src=x onerror=alert(1)>')
    assert 'aria-label="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"' in html
    assert "<img" not in html


def test_it_needs_one_label() -> None:
    with pytest.raises(TemplateSyntaxError, match="one argument"):
        _render("{% table_region %}<table></table>{% endtable_region %}")
