"""Guessing the language of an article's text (ISO 639-1 codes such as ``en``, ``he``)."""

from __future__ import annotations

import re
import threading
from typing import Any

_MIN_LETTERS = 20
_model: Any = None
_lock = threading.Lock()
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def _identifier() -> Any:
    """The language identifier, loaded once (it takes a moment, so only when first needed)."""
    global _model
    with _lock:
        if _model is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return _model


def detect_language(text: str, *, min_confidence: float = 0.5) -> str | None:
    """The language ``text`` is written in, or None when there is too little text to tell."""
    sample = (text or "")[:20_000]
    if len(_LETTER.findall(sample[:2000])) < _MIN_LETTERS:
        return None
    lang, confidence = _identifier().classify(sample)
    if float(confidence) < min_confidence:
        return None
    return str(lang)
