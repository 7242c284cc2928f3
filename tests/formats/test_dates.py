"""Dates as people write them, read into ``published_at``'s stored shapes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.formats.dates import find_date, parse_date

_STORED = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d{6})?Z)?$")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sept. 12 2019", "2019-09-12"),
        ("Sept 12, 2019", "2019-09-12"),
        ("September 12th, 2019", "2019-09-12"),
        ("12 September 2019", "2019-09-12"),
        ("the 12th of September, 2019", "2019-09-12"),
        ("12th of September, 2019", "2019-09-12"),
        ("Thursday, September 12, 2019", "2019-09-12"),
        ("Saturday, October 26, 2013 at 3:06 pm", "2013-10-26"),
        ("Published: Sept. 12, 2019", "2019-09-12"),
        ("Updated 3:45 PM ET, Thu September 12, 2019", "2019-09-12"),
        ("2019-09-12", "2019-09-12"),
        ("2019-09-12T10:00:00Z", "2019-09-12T10:00:00Z"),
        ("2019-09-12T12:00:00+02:00", "2019-09-12T10:00:00Z"),
        ("Thu, 12 Sep 2019 10:00:00 GMT", "2019-09-12T10:00:00Z"),
        ("September 12, 2019 11:30 pm EST", "2019-09-13T04:30:00Z"),
        ("12.09.2019", "2019-09-12"),
        ("25/12/2019", "2019-12-25"),
        ("12/25/2019", "2019-12-25"),
        ("2019年9月12日", "2019-09-12"),
        ("Sat, 01/27/2018 - 14:05", "2018-01-27"),
        ("2019년 9월 12일", "2019-09-12"),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "2019",
        "12",
        "13th meeting",
        "the 13th",
        "10:30",
        "at 10:30 pm",
        "May 2019",
        "September",
        "Sept. 12",
        "Sept. 12 2019 was the day it happened",
        "31/02/2019",
        "February 30, 2019",
        "Jan 1, 1066",
        "yesterday",
        "2 hours ago",
        "Storm hits 01/27/2018",
    ],
)
def test_parse_date_refuses_what_is_not_a_whole_day(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Putin and Netanyahu say their 'goodbyes' in Sochi, Sept. 12 2019.",
            "2019-09-12",
        ),
        ("Vatican City, Jan 24, 2018 / 04:26 am (CNA/EWTN News).- In his message", "2018-01-24"),
        ("This article was posted: Saturday, October 26, 2013 at 3:06 pm", "2013-10-26"),
        ("新华社北京2019年11月17日电 记者17日获悉", "2019-11-17"),
        ("filed 2021-03-04T08:00:00Z from the bureau", "2021-03-04T08:00:00Z"),
        ("First on March 3 2021, then on 4 April 2021.", "2021-03-03"),
    ],
)
def test_find_date(text: str, expected: str) -> None:
    assert find_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "This was the 13th meeting between the two men in recent years.",
        "The meeting started at 10:30 and ended in 2019 terms.",
        "We may 12 times try, 2019 ways.",
        "Room 12, floor 3, building 2019.",
        "",
    ],
)
def test_find_date_ignores_numbers_that_are_not_dates(text: str) -> None:
    assert find_date(text) is None


@given(st.text(max_size=80))
def test_never_raises_and_gives_a_stored_shape(text: str) -> None:
    for value in (parse_date(text), find_date(text)):
        assert value is None or _STORED.match(value)
