"""A local web server for the tests of "Fetch content": pages, and every way a fetch can fail.

It listens on 127.0.0.1 on a free port, in a thread, and serves fixed routes: articles (HTML and
plain text), a redirect, a redirect loop, a redirect to a file, a slow answer, huge pages (with
and without a length), a 404, a PDF and an empty page.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour seals return to the estuary | Coast Watch</title>
<meta property="og:title" content="Harbour seals return to the estuary and stay for the spring">
<meta property="og:site_name" content="Coast Watch">
<meta name="author" content="Ines Moreau">
<meta property="article:published_time" content="2024-05-06T10:53:20Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Harbour seals return to the estuary and stay for the spring</h1>
<p class="byline">By Ines Moreau</p>
<p>The survey team counted 412 seals on the sandbanks at low tide on Monday, up from 380 in
the same week last year, the highest count since the survey began in 1998.</p>
<p>Most were harbour seals, with a few grey seals resting at the edge of the channel. The
volunteers who help with the count started before dawn and finished as the tide turned.</p>
<p>The trust asks walkers to keep dogs on leads near the water and to stay at least fifty
metres from any seal hauled out on the sand, especially while the pups are young.</p>
</article>
<footer>Share this article</footer>
</body></html>
"""

ARTICLE_TEXT = """Tidal turbines: the second winter

The turbines in the sound kept turning through the storms of January, and the operator says
they produced more power than in their first winter, when two of them were stopped for weeks.

Engineers changed the blade coatings over the summer, and the new ones have held up well in
the rough water at the mouth of the sound.
"""


class _Handler(BaseHTTPRequestHandler):
    server_version = "FolioTest/1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests read the results, not a log."""

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.hits.append(path)  # type: ignore[attr-defined]
        # The client may give up (a size cap or a timeout): expected, not an error.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route(path)

    def _route(self, path: str) -> None:
        if path.startswith("/article"):
            self._send(200, ARTICLE_HTML.encode(), "text/html; charset=utf-8")
        elif path == "/text":
            self._send(200, ARTICLE_TEXT.encode(), "text/plain; charset=utf-8")
        elif path == "/redirect":
            self._redirect("/article/seals")
        elif path == "/loop":
            self._redirect("/loop")
        elif path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1])
            self._redirect(f"/chain/{n + 1}" if n < 20 else "/article/seals")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/slow":
            time.sleep(self.server.slow_seconds)  # type: ignore[attr-defined]
            self._send(200, ARTICLE_HTML.encode(), "text/html")
        elif path == "/huge":
            self._send(200, b"<p>" + b"seal " * 200_000 + b"</p>", "text/html")
        elif path == "/huge-unlabelled":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"<p>" + b"seal " * 4000 + b"</p>\n")
        elif path == "/pdf":
            self._send(200, b"%PDF-1.7\n...", "application/pdf")
        elif path == "/empty":
            self._send(200, b"", "text/html")
        else:
            self._send(404, b"<h1>Not found</h1>", "text/html")


class PageServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: list[str] = []
        self.slow_seconds = 2.0

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hung up is not the test's failure."""

    def url(self, path: str) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}{path}"


@contextmanager
def serving() -> Iterator[PageServer]:
    server = PageServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
