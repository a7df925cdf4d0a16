"""Small display helpers for NPT templates."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def humanise(key: object) -> str:
    """``rows_read`` -> ``Rows read``: a machine key shown as a label."""
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]
