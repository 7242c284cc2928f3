"""Dates as people write them: "Sept. 12 2019", "Saturday, October 26, 2013 at 3:06 pm".

Every importer meets dates in free text (bylines, captions, "Published:" lines, front matter).
``parse_date`` reads a string that is meant to be a date; ``find_date`` finds one inside a
sentence. Both return ``published_at`` in its stored shape: ``"2019-09-12"`` when only the day
is known, else a full ISO 8601 time in UTC (see reader.domain.times).

python-dateutil does the reading, but only after a date-shaped candidate has been found: its
fuzzy mode alone turns "the 13th meeting" into the 13th of this month and "10:30" into today.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, tzinfo

from dateutil import parser as _dateutil_parser
from dateutil.tz import tzoffset

from reader.domain.times import normalize_published

_INFO = _dateutil_parser.parserinfo()

# Month and weekday spellings come from dateutil's own tables, longest first so that
# "September" wins over "Sep" in an alternation.
_MONTH_NAMES = sorted({name for names in _INFO.MONTHS for name in names}, key=len, reverse=True)
_WEEKDAY_NAMES = sorted({name for names in _INFO.WEEKDAYS for name in names}, key=len, reverse=True)
_MONTH = r"(?:" + "|".join(_MONTH_NAMES) + r")\.?"
_WEEKDAY = r"(?:" + "|".join(_WEEKDAY_NAMES) + r")\.?,?\s+"
_DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
# An optional time after the date: "at 3:06 pm", "/ 04:26 am", "10:00:00 EST", "18:30 +02:00".
_TIME = (
    r"(?:\s*(?:,|at|/|\||-|–|—|·)?\s*"
    r"(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d)?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?:(?-i:[A-Z]{2,5})\b|[+-](?:0\d|1[0-4]):?[0-5]\d|(?-i:Z)\b))?)?"
)

_CANDIDATES = re.compile(
    r"(?<![\w/.-])(?:"
    # Sept. 12 2019 / Thursday, September 12th, 2019
    rf"(?:{_WEEKDAY})?{_MONTH}\s*{_DAY},?\s+{_YEAR}{_TIME}"
    # 12 September 2019 / Thu, 12 Sep 2019 10:00:00 GMT / 12th of September, 2019
    rf"|(?:{_WEEKDAY})?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}{_TIME}"
    # 2019-09-12, 2019-09-12T10:00:00Z
    r"|\d{4}-[01]\d-[0-3]\d(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?"
    r"(?:Z|[+-][0-2]\d:?[0-5]\d)?)?"
    # 12/09/2019, 12.09.2019
    rf"|[0-3]?\d[/.][01]?\d[/.]{_YEAR}"
    r")(?![\w/-])",
    re.IGNORECASE,
)
_CJK_DATE = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_NUMERIC = re.compile(r"^(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})$")
_NUMERIC_INSIDE = re.compile(r"(?<![\d/.])\d{1,2}([/.])\d{1,2}\1\d{4}(?![\d/.])")
_TIME_OR_WEEKDAY = re.compile(
    rf"\b(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d)?\s*(?:[AaPp]\.?[Mm]\.?)?|{_WEEKDAY}|"
    r"\b(?:at|on|[A-Z]{2,4})\b",
)
_HAS_MONTH = re.compile(rf"(?<![^\W\d_]){_MONTH}(?![^\W\d_])", re.IGNORECASE)
_HAS_YEAR = re.compile(r"(?<!\d)(?:1[89]\d\d|2[01]\d\d)(?!\d)")
# Words a date line may carry besides the date itself.
_LABEL = re.compile(
    r"^(?:(?:originally\s+)?(?:published|posted|updated|last\s+updated|modified|last\s+modified|"
    r"dated?|created|written|released|first\s+published)(?:\s+(?:on|at))?|on)\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
_MIN_YEAR, _MAX_YEAR = 1800, 2199
_FILLERS = frozenset({"at", "on", "of", "and", "the"})

# Zone abbreviations that English-language news uses and that mean one thing; dateutil knows
# only UTC/GMT, and warns about the rest (an error under the test suite's warning filter).
_ZONES: dict[str, int] = {
    "UTC": 0, "GMT": 0, "UT": 0, "Z": 0, "WET": 0,
    "BST": 3600, "CET": 3600, "WEST": 3600, "CEST": 7200, "EET": 7200, "EEST": 10800,
    "MSK": 10800, "JST": 32400, "KST": 32400, "HKT": 28800, "SGT": 28800,
    "AEST": 36000, "AEDT": 39600, "NZST": 43200, "NZDT": 46800,
    "EST": -18000, "EDT": -14400, "CST": -21600, "CDT": -18000,
    "MST": -25200, "MDT": -21600, "PST": -28800, "PDT": -25200,
    "AKST": -32400, "AKDT": -28800, "HST": -36000,
}  # fmt: skip


def _zone(name: str | None, offset: int | None) -> tzinfo | None:
    """dateutil's ``tzinfos`` hook: a known zone, or None (a naive time) for anything else."""
    if offset is not None:
        return UTC if offset == 0 else tzoffset(name, offset)
    if name is None:
        return None
    seconds = _ZONES.get(name.upper().replace(".", ""))
    if seconds is None:
        return None
    return UTC if seconds == 0 else tzoffset(name, seconds)


def _meaningful(token: str) -> bool:
    """Whether a token dateutil skipped says something ("at" and punctuation do not)."""
    word = token.strip(" \t,.;:|/·-–—()[]").casefold()
    return bool(word) and word not in _FILLERS and any(ch.isalnum() for ch in word)


def _shape(value: datetime, *, time_known: bool) -> str | None:
    """``published_at`` from a parsed value: a full UTC time only when the zone is known.

    A wall-clock time without a zone ("3:06 pm") cannot be placed in UTC honestly, so only
    its day is kept.
    """
    if not _MIN_YEAR <= value.year <= _MAX_YEAR:
        return None
    if time_known and value.tzinfo is not None:
        return normalize_published(value)
    return value.date().isoformat()


def _parse_numeric(text: str) -> str | None:
    """12/09/2019 or 12.09.2019: dots are day-first (European), slashes month-first (US),
    unless one of the numbers can only be a day."""
    m = _NUMERIC.match(text)
    if not m:
        return None
    first, sep, second, year_text = int(m[1]), m[2], int(m[3]), m[4]
    year = int(year_text)
    if len(year_text) == 2:
        # The POSIX pivot: 69-99 are the 1900s, 00-68 the 2000s.
        year += 1900 if year >= 69 else 2000
    day_first = sep == "." or first > 12
    if second > 12:
        day_first = False
    day, month = (first, second) if day_first else (second, first)
    try:
        return _shape(datetime(year, month, day), time_known=False)
    except ValueError:
        return None


def _parse_cjk(text: str) -> str | None:
    m = _CJK_DATE.search(text)
    if not m:
        return None
    try:
        return _shape(datetime(int(m[1]), int(m[2]), int(m[3])), time_known=False)
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The date ``text`` states, as ``published_at``; None unless it names a whole day.

    ``text`` is meant to be a date, perhaps with a label ("Published: Sept. 12, 2019") and a
    time. A month and year without a day, a bare number, a time alone, or a date buried in a
    longer sentence (see ``find_date``) give None.
    """
    text = " ".join((text or "").split())
    if not text or len(text) > 120:
        return None
    text = _LABEL.sub("", text).strip(" \t,;|·-–—()[]")
    if not text:
        return None
    if _ISO.match(text):
        return normalize_published(text)
    numeric = _parse_numeric(text)
    if numeric or _NUMERIC.match(text):
        return numeric
    inside = _NUMERIC_INSIDE.search(text)
    if inside and not _meaningful(_TIME_OR_WEEKDAY.sub(" ", text.replace(inside.group(0), " "))):
        # "Sat, 01/27/2018 - 14:05": a numeric date with only its weekday and time around it.
        return _parse_numeric(inside.group(0))
    if _CJK_DATE.search(text):
        return _parse_cjk(text)
    if not _HAS_MONTH.search(text) or not _HAS_YEAR.search(text):
        return None
    # Parse twice with different defaults: a field that differs was not in the text.
    results: list[datetime] = []
    for default in (datetime(2000, 1, 1, 0, 0), datetime(2001, 2, 2, 1, 1)):
        try:
            value, skipped = _dateutil_parser.parse(
                text, default=default, fuzzy_with_tokens=True, tzinfos=_zone
            )
        except (ValueError, OverflowError, TypeError):
            return None
        # Anything dateutil had to skip that holds letters or digits means this was not
        # just a date ("Sept. 12 2019 was the day" is find_date's job).
        if any(_meaningful(token) for token in skipped):
            return None
        results.append(value)
    one, two = results
    if (one.year, one.month, one.day) != (two.year, two.month, two.day):
        return None
    time_known = (one.hour, one.minute) == (two.hour, two.minute)
    return _shape(one, time_known=time_known)


def find_date(text: str) -> str | None:
    """The first whole date written inside ``text`` (a caption, a dateline, a sentence).

    "... say their 'goodbyes' in Sochi, Sept. 12 2019." gives ``"2019-09-12"``; ordinals,
    times and bare years on their own ("the 13th meeting", "at 10:30", "in 2019") give None.
    """
    if not text:
        return None
    text = text[:10_000]
    found: list[tuple[int, str]] = []
    cjk = _CJK_DATE.search(text)
    if cjk:
        value = _parse_cjk(cjk.group(0))
        if value:
            found.append((cjk.start(), value))
    for m in _CANDIDATES.finditer(text):
        candidate = m.group(0)
        month = _HAS_MONTH.search(candidate)
        # "may" and "march" are verbs when written in lower case.
        if month and month.group(0).islower() and month.group(0).rstrip(".") in ("may", "march"):
            continue
        value = parse_date(candidate)
        if value:
            found.append((m.start(), value))
            break
    return min(found)[1] if found else None
