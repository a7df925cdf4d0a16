"""iCalendar (RFC 5545) export of engagement events, written by hand: the format is small and a generator
library would hide the escaping and folding the tests check with a strict parser (the ``icalendar`` package).

Only what the reader may see goes out: callers pass events already cut by scope and tier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from engagement.models import EngagementEvent

PRODID = "-//NPT//Neighbourhood engagement events//EN"


def escape_text(value: str) -> str:
    """TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    limit = 75
    for char in line:
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = " " + char
            limit = 75  # continuation lines start with the space, which counts
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(event: EngagementEvent, *, host: str, stamp: dt.datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:engagement-event-{event.pk}@{host}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(event.starts_at)}",
    ]
    if event.ends_at is not None:
        lines.append(f"DTEND:{_utc(event.ends_at)}")
    lines.append(f"SUMMARY:{escape_text(event.title)}")
    lines.append(f"CATEGORIES:{escape_text(event.get_kind_display())}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.address:
        lines.append(f"LOCATION:{escape_text(event.address)}")
    if event.location is not None:
        lines.append(f"GEO:{event.location.y:.6f};{event.location.x:.6f}")
    lines.append(f"SEQUENCE:{max(event.version - 1, 0)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[EngagementEvent], *, name: str, host: str) -> str:
    stamp = timezone.now()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for event in events:
        lines += event_lines(event, host=host, stamp=stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
