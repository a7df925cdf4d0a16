"""Small display helpers for NPT templates."""

from __future__ import annotations

import re

import nh3
from django import template
from django.template.base import FilterExpression
from django.utils.html import format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def humanise(key: object) -> str:
    """``rows_read`` -> ``Rows read``: a machine key shown as a label."""
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


# police.uk free text (neighbourhood descriptions, welcome messages, priorities, events) is HTML written in each
# force's website editor. Shown escaped it reads as "<p>The Castle..."; shown raw it is a stored-XSS sink. So it
# goes through an allow-list sanitiser (nh3, the Rust ammonia library): formatting and links survive, everything
# else (script, style, iframes, event handlers, javascript: URLs, classes and styles) is removed.
_STRUCTURE = {"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "a"}
_GOVUK_CLASSES = {
    "p": {"class": "govuk-body"},
    "ul": {"class": "govuk-list govuk-list--bullet"},
    "ol": {"class": "govuk-list govuk-list--number"},
    "a": {"class": "govuk-link"},
}
_CLEANER = nh3.Cleaner(
    tags=_STRUCTURE,
    clean_content_tags={"script", "style", "template", "noscript", "iframe", "object", "embed"},
    attributes={"a": {"href"}},
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    set_tag_attribute_values=_GOVUK_CLASSES,
    strip_comments=True,
)
_BLOCK = re.compile(r"<(p|ul|ol)\b")


@register.filter
def police_html(value: object) -> SafeString:
    """HTML from police.uk as formatted text: sanitised on an allow-list, styled with GOV.UK classes.

    Plain text (no paragraphs or lists) gets paragraphs and line breaks from its blank lines and newlines.
    Render-time, so imported data is kept exactly as police.uk sent it.
    """
    text = "" if value is None else str(value).strip()
    if not text:
        return mark_safe("")
    cleaned = _CLEANER.clean(text)
    if not _BLOCK.search(cleaned):
        # linebreaks() only wraps what nh3 already made safe; cleaning again keeps the result well-formed.
        cleaned = _CLEANER.clean(linebreaks(cleaned, autoescape=False))
    return mark_safe(cleaned)  # safe: only what the allow-list kept


class _TableRegionNode(template.Node):
    def __init__(self, nodelist: template.NodeList, label: FilterExpression):
        self.nodelist = nodelist
        self.label = label

    def render(self, context: template.Context) -> SafeString:
        return format_html(
            '<div class="npt-table-region" role="region" tabindex="0" aria-label="{}">{}</div>',
            self.label.resolve(context),
            self.nodelist.render(context),
        )


@register.tag
def table_region(parser: template.base.Parser, token: template.base.Token) -> _TableRegionNode:
    """``{% table_region "Label" %}<table>…</table>{% endtable_region %}``: a wide table scrolls on its own.

    At 390 px a table wider than the screen would make the whole page scroll sideways (WCAG 1.4.10 reflow).
    The region scrolls instead; it can take keyboard focus so it can be scrolled without a mouse, and its
    label (usually the table's caption) tells screen-reader users what it holds. static/npt/npt.js wraps
    any table a template left unwrapped the same way.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument, the region's label")
    nodelist = parser.parse(("endtable_region",))
    parser.delete_first_token()
    return _TableRegionNode(nodelist, parser.compile_filter(bits[1]))
