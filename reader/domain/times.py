"""Timestamps: UTC inside, ISO 8601 in files, and the two shapes of ``published_at``.

``published_at`` is a date (``2019-09-12``) when only the day is known, else a full time in
UTC (``2019-09-12T18:30:00Z``). Both shapes sort correctly as text.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """``value`` in UTC; a naive value is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def iso_utc(value: datetime) -> str:
    """ISO 8601 in UTC with a ``Z``: ``2026-11-24T10:00:00Z`` (microseconds kept when present)."""
    value = as_utc(value)
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}"
    return text + "Z"


def parse_iso(text: str | None) -> datetime | None:
    """An ISO 8601 time (``Z`` or an offset, or naive = UTC) as an aware UTC datetime."""
    if not text:
        return None
    text = text.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return as_utc(value)


def normalize_published(value: str | date | datetime | None) -> str | None:
    """``published_at`` in one of its two stored shapes, or None when it is not ISO 8601.

    Free-form dates ("Sept. 12 2019") are parsed by the importers before they get here.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    text = value.strip()
    if not text:
        return None
    if _DATE_ONLY.match(text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    parsed = parse_iso(text)
    return iso_utc(parsed) if parsed else None


def published_date(published_at: str | None) -> date | None:
    """The day of a stored ``published_at``."""
    if not published_at:
        return None
    try:
        return date.fromisoformat(published_at[:10])
    except ValueError:
        return None
