"""Downloading an article's page for "Fetch content": bounded in time, size and redirects.

Only ``http`` and ``https`` are fetched, redirects included. A page larger than the size cap,
slower than the deadline, redirected too often or in a loop, answered with an HTTP error, or
of a type that is not a page (an image, a PDF) gives a ``FetchError`` whose message says which,
in one line. No compression is asked for, so nothing can expand on the way in.
"""

from __future__ import annotations

import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.client import HTTPException, HTTPMessage
from typing import IO, Any
from urllib.parse import urlsplit

from reader import __version__
from reader.domain.errors import FolioError

USER_AGENT = f"Mozilla/5.0 (compatible; Folio/{__version__}; article reader)"
#: Content types Folio reads, and the importer that reads each.
IMPORTERS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/xml": "html",
    "text/xml": "html",
    "text/plain": "plaintext",
}
_CHUNK = 64 * 1024
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


class FetchError(FolioError):
    """A page that could not be downloaded, with the reason in a sentence."""


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How long, how large and how far a download may go."""

    #: Seconds to wait for the connection or for any one read.
    timeout: float = 15.0
    #: Seconds the whole download may take.
    deadline: float = 45.0
    #: The largest page read (pages are rarely over 2 MB; this leaves room).
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5


@dataclass(frozen=True, slots=True)
class Page:
    """A downloaded page: the address it was finally read from, its bytes and type."""

    url: str
    data: bytes
    content_type: str
    charset: str | None = None

    @property
    def importer(self) -> str:
        return IMPORTERS.get(self.content_type, "html")

    def saved(self) -> bytes:
        """The page as a browser saves it: HTML marked with the address it came from (the
        ``saved from url`` comment), so the page importer resolves links against it."""
        if self.importer != "html" or self.data.startswith(_WIDE_BOMS):
            return self.data
        if b"saved from url=" in self.data[:4096]:
            return self.data
        bom = b"\xef\xbb\xbf" if self.data.startswith(b"\xef\xbb\xbf") else b""
        url = self.url.encode("ascii", errors="ignore")
        mark = b"<!-- saved from url=(%04d)%s -->\n" % (len(url), url)
        return bom + mark + self.data[len(bom) :]


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects only to http(s), at most ``max_redirections`` of them (set per download)."""

    # The same address twice is a loop.
    max_repeats = 1

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.casefold() not in ("http", "https"):
            raise FetchError(f"the page redirects to a link Folio does not follow ({newurl})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _never() -> bool:
    return False


def _check_url(url: str) -> None:
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise FetchError(f"not a valid link ({exc})") from exc
    if parts.scheme.casefold() not in ("http", "https") or not parts.hostname:
        raise FetchError("only web links (http or https) can be fetched")


def _describe(exc: BaseException, limits: FetchLimits) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        if "not allowed" in str(exc.reason):
            return f"the page redirects to a link Folio does not follow ({exc.filename})"
        if exc.code in (301, 302, 303, 307, 308):
            return f"too many redirects (more than {limits.max_redirects}, or a loop)"
        return f"the server answered {exc.code} {exc.reason}".rstrip()
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return f"no answer within {limits.timeout:g} seconds"
        if isinstance(reason, ssl.SSLError):
            return f"the secure connection failed ({reason.reason or reason})"
        if isinstance(reason, ConnectionRefusedError):
            return "the server refused the connection"
        if isinstance(reason, socket.gaierror):
            return "the site's name could not be found (no network, or a mistyped link)"
        return f"could not connect ({reason})"
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return f"no answer within {limits.timeout:g} seconds"
    if isinstance(exc, (HTTPException, ConnectionError)):
        return f"the connection failed ({type(exc).__name__}: {exc})"
    return f"the download failed ({type(exc).__name__}: {exc})"


def download(
    url: str,
    *,
    limits: FetchLimits | None = None,
    cancelled: Callable[[], bool] = _never,
) -> Page:
    """The page at ``url``; FetchError (with the reason) when it cannot be had."""
    limits = limits or FetchLimits()
    _check_url(url)
    handler = type("_Limited", (_Redirects,), {"max_redirections": limits.max_redirects})
    opener = urllib.request.build_opener(handler())
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1",
            "Accept-Encoding": "identity",
        },
    )
    started = time.monotonic()
    try:
        response: Any = opener.open(request, timeout=limits.timeout)
    except FetchError:
        raise
    except (urllib.error.URLError, HTTPException, OSError, ValueError) as exc:
        if isinstance(exc, urllib.error.HTTPError):
            exc.close()  # it holds the connection of the error page
        raise FetchError(_describe(exc, limits)) from exc
    with response:
        content_type = (response.headers.get_content_type() or "").casefold()
        if content_type not in IMPORTERS:
            raise FetchError(f"the link is not a web page (it is {content_type or 'unknown'})")
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limits.max_bytes:
            raise FetchError(_too_large(limits, int(declared)))
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                if cancelled():
                    raise FetchError("cancelled")
                if time.monotonic() - started > limits.deadline:
                    raise FetchError(f"the page took longer than {limits.deadline:g} seconds")
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > limits.max_bytes:
                    raise FetchError(_too_large(limits))
                chunks.append(chunk)
        except FetchError:
            raise
        except (HTTPException, OSError, ValueError) as exc:
            raise FetchError(_describe(exc, limits)) from exc
        final = str(response.geturl() or url)
        charset = response.headers.get_content_charset()
    data = b"".join(chunks)
    if not data.strip():
        raise FetchError("the server sent an empty page")
    return Page(url=final, data=data, content_type=content_type, charset=charset)


def _too_large(limits: FetchLimits, size: int | None = None) -> str:
    cap = limits.max_bytes / 1048576
    if size is not None:
        return f"the page is {size / 1048576:.1f} MB; Folio fetches pages of up to {cap:g} MB"
    return f"the page is larger than {cap:g} MB; Folio fetches pages of up to {cap:g} MB"
