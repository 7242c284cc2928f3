"""Timestamps and the two shapes of published_at."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from reader.domain.times import iso_utc, normalize_published, parse_iso, published_date


def test_iso_utc_uses_z_and_keeps_microseconds() -> None:
    assert iso_utc(datetime(2026, 11, 24, 10, 0, tzinfo=UTC)) == "2026-11-24T10:00:00Z"
    assert iso_utc(datetime(2026, 11, 24, 10, 0, 0, 5, tzinfo=UTC)) == "2026-11-24T10:00:00.000005Z"
    plus_two = timezone(timedelta(hours=2))
    assert iso_utc(datetime(2026, 11, 24, 12, 0, tzinfo=plus_two)) == "2026-11-24T10:00:00Z"


def test_parse_iso_round_trips() -> None:
    value = datetime(2019, 9, 12, 18, 30, tzinfo=UTC)
    assert parse_iso(iso_utc(value)) == value
    assert parse_iso("2019-09-12T20:30:00+02:00") == value
    assert parse_iso("not a time") is None


def test_normalize_published_keeps_dates_as_dates() -> None:
    assert normalize_published("2019-09-12") == "2019-09-12"
    assert normalize_published(date(2019, 9, 12)) == "2019-09-12"
    assert normalize_published("2019-09-12T20:30:00+02:00") == "2019-09-12T18:30:00Z"
    assert normalize_published("2019-02-30") is None
    assert normalize_published("Sept. 12 2019") is None
    assert normalize_published("") is None


def test_published_date() -> None:
    assert published_date("2019-09-12T18:30:00Z") == date(2019, 9, 12)
    assert published_date(None) is None
