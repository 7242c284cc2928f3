"""Decoding a text file's bytes: stray control characters dropped, binary data refused."""

from __future__ import annotations

import pytest

from reader.domain.errors import ImportFormatError
from reader.formats.encoding import decode_text


def test_text_without_controls_comes_back_with_its_line_endings_normalised() -> None:
    assert decode_text("Café\r\nnaïve\rend\n".encode()) == "Café\nnaïve\nend\n"


def test_a_few_stray_controls_are_dropped_or_kept_as_asked() -> None:
    text = "a\x00b\x07c\td\x0ce\x7f " + "words " * 100
    assert decode_text(text.encode()) == "abc\td\x0ce " + "words " * 100
    assert decode_text(text.encode(), keep_controls=True) == text


def test_text_full_of_controls_is_binary_data() -> None:
    with pytest.raises(ImportFormatError, match="binary data, not Markdown"):
        decode_text(b"note " + b"\x01\x02\x03" * 40, what="Markdown")
