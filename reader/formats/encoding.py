"""Turning the bytes of a text file into text: encoding detection, binary refusal, line endings."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from reader.domain.errors import ImportFormatError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab, newline, form feed and carriage return: text files have none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a zip archive",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"SQLite format 3": "an SQLite database",
    b"\x7fELF": "a program",
}


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark shows NULs in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def detect_encoding(data: bytes) -> str:
    """The encoding of ``data``: its BOM, else UTF-8 if it decodes, else the best guess."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A file cut in the middle of a multi-byte character is still UTF-8.
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
    else:
        return "utf-8"
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        return str(best.encoding)
    # Western text that is not UTF-8 is almost always Windows-1252 (a superset of Latin-1's
    # printable range); it decodes every byte but five, which Latin-1 then takes.
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"
    return "cp1252"


def _decode(data: bytes) -> str:
    """``data`` decoded as ``detect_encoding`` says, decoding valid UTF-8 once, not twice
    (once to recognise it, once to read it)."""
    if not data.startswith(tuple(bom for bom, _name in _BOMS)) and not _utf16_without_bom(data):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return data.decode(detect_encoding(data), errors="replace")


def decode_text(data: bytes, *, what: str = "text", keep_controls: bool = False) -> str:
    """Text of ``data`` with line endings normalised to ``\\n``.

    Stray control characters are dropped unless ``keep_controls`` (a lossless format keeps
    exactly what it was given). Raises ImportFormatError for empty input and for binary data
    (with what it looks like).
    """
    if not data or not data.strip():
        raise ImportFormatError("the file is empty")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise ImportFormatError(f"this is {kind}, not {what}")
    text = _decode(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    # Most text holds no control character at all: one look says so, and then there is
    # nothing to count and nothing to take out.
    controls = _CONTROL.search(text) is not None
    sample = text[:8192]
    if controls and sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise ImportFormatError(f"binary data, not {what}")
    if keep_controls:
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if controls:
        text = _CONTROL.sub("", text)
    if not text.strip():
        raise ImportFormatError("the file is empty")
    return text
