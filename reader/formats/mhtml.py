"""MHTML ("web archive, single file", ``.mhtml``/``.mht``): the page inside the MIME message.

Chrome, Edge and Opera save a page with its images as one MIME ``multipart/related`` message.
Only the HTML part matters to Folio (images stay remote links, as in every saved page); its
``Content-Location`` is the address the page was saved from.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import Message

from reader.domain.errors import ImportFormatError

_MHTML_HEAD = re.compile(
    rb"^(?:[\w-]+:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*)*?"
    rb"(?:Content-Type:\s*multipart/related|MIME-Version:\s*1\.0)",
    re.IGNORECASE,
)
_MULTIPART = re.compile(rb"Content-Type:\s*multipart/related", re.IGNORECASE)


def is_mhtml(head: bytes) -> bool:
    """Whether ``head`` starts a MIME message holding a related set of parts (a web archive)."""
    sample = head[:4096]
    return bool(_MHTML_HEAD.match(sample)) and bool(_MULTIPART.search(sample))


def html_of_mhtml(data: bytes) -> tuple[bytes, str | None]:
    """The HTML part's bytes (with its charset declared) and the address it was saved from."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload.strip():
            continue
        charset = part.get_content_charset()
        location = _location(part) or _location(message)
        if charset and b"charset" not in payload[:4096].lower():
            payload = f'<meta charset="{charset}">'.encode("ascii") + payload
        return payload, location
    raise ImportFormatError("this web archive holds no HTML page")


def _location(part: Message) -> str | None:
    value = part.get("Content-Location") or part.get("Snapshot-Content-Location")
    if not value:
        return None
    value = str(value).strip()
    return value if value.startswith(("http://", "https://")) else None
