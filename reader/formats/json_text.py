"""Reading JSON from an imported file, with nesting too deep for Python's reader reported as
invalid JSON (``json.loads`` recurses once per level, so ``[[[[...`` a hundred thousand deep
would raise RecursionError, which no importer expects)."""

from __future__ import annotations

import json
from typing import Any


def loads(text: str, **kwargs: Any) -> Any:
    """``json.loads``; too deep a document raises JSONDecodeError like any invalid one."""
    try:
        return json.loads(text, **kwargs)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None
