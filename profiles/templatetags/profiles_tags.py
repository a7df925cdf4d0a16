"""Small display helpers for profile pages: tiers and completeness as GOV.UK tags, missing values as words."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.tiers import Tier

register = template.Library()

_TIER_COLOURS = {Tier.PUBLIC: "govuk-tag--green", Tier.PARTNER: "govuk-tag--blue", Tier.POLICE: "govuk-tag--red"}
_LEVEL_COLOURS = {"complete": "govuk-tag--green", "partial": "govuk-tag--yellow", "empty": "govuk-tag--grey"}


@register.simple_tag
def tier_tag(tier: int | None) -> SafeString | str:
    if tier is None:
        return ""
    value = Tier(tier)
    return format_html('<strong class="govuk-tag {}">{}</strong>', _TIER_COLOURS[value], value.label)


@register.simple_tag
def level_tag(level: Any) -> SafeString | str:
    if level is None:
        return ""
    return format_html('<strong class="govuk-tag {}">{}</strong>', _LEVEL_COLOURS[str(level)], level.label)


@register.filter
def or_missing(value: Any, text: str = "Not available") -> Any:
    """Missing is shown as missing, never as zero (architecture, "Data truth")."""
    return text if value is None or value == "" else value


@register.filter
def share(value: float | None) -> str:
    """0-1 as a percentage with one decimal place, or "Not available"."""
    return "Not available" if value is None else f"{value * 100:.1f}%"


@register.filter
def number(value: float | None, places: int = 1) -> str:
    return "Not available" if value is None else f"{value:,.{places}f}"


@register.filter
def get(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def figure(row: Any, domain: str) -> Any:
    return row.figure(domain)
