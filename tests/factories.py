"""Articles for tests, built with every required field and anything a test wants to change."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from reader.domain.article import Article

WHEN = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def make_article(**changes: Any) -> Article:
    """A stored-looking article; keyword arguments replace its fields."""
    values: dict[str, Any] = {
        "id": "0b6f1c1e-5f7a-4a57-9a53-2d0f9c1a7b10",
        "title": "Netanyahu thanks Putin",
        "body": "Israel’s Prime Minister thanked Russia’s President.\n\nSecond paragraph.",
        "added_at": WHEN,
        "updated_at": WHEN,
    }
    values.update(changes)
    return Article(**values)
