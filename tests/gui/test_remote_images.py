"""Remote images: placeholders until the user clicks one and agrees; then just that image is
fetched (from a local test server), within a size cap and a timeout; or it opens in the
browser. Nothing else is ever requested."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument
from pytestqt.qtbot import QtBot

from reader.domain.article import Article
from reader.domain.times import utc_now
from reader.gui import image_loader
from reader.gui.dialogs.prompts import ImageChoice
from reader.gui.widgets import reader_view
from reader.gui.widgets.reader_view import ReaderView


def _png(width: int = 40, height: int = 30) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


@dataclass
class Server:
    base: str
    requests: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server(base="")
    pages = {
        "/seal.png": (_png(), "image/png"),
        "/other.png": (_png(10, 10), "image/png"),
        "/big.png": (b"\x89PNG" + b"\0" * 300_000, "image/png"),
        "/text.png": (b"<html>not an image</html>", "text/html"),
        "/many-pixels.png": (_png(), "image/png"),
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            if self.path == "/slow.png":
                state.release.wait(10)
                return
            body, kind = pages.get(self.path, (b"", "text/plain"))
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        httpd.shutdown()
        httpd.server_close()


def _article(body: str) -> Article:
    now = utc_now()
    return Article(id="img-test", title="Seals", body=body, added_at=now, updated_at=now)


@pytest.fixture
def view(qtbot: QtBot) -> ReaderView:
    widget = ReaderView()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    return widget


def _answer(monkeypatch: pytest.MonkeyPatch, choice: ImageChoice) -> list[str]:
    asked: list[str] = []

    def ask(_parent: object, url: str) -> ImageChoice:
        asked.append(url)
        return choice

    monkeypatch.setattr(reader_view, "ask_remote_image", ask)
    return asked


def _has_image(view: ReaderView, url: str) -> bool:
    res = view.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(url))
    return isinstance(res, QImage) and not res.isNull()


def test_a_clicked_placeholder_loads_just_that_image(
    view: ReaderView, server: Server, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    seal, other = f"{server.base}/seal.png", f"{server.base}/other.png"
    view.show_article(_article(f"Pups.\n\n![a seal]({seal})\n\n![another]({other})\n"))
    assert "[image: a seal]" in view.toPlainText()
    assert server.requests == []  # shown, and nothing fetched
    asked = _answer(monkeypatch, ImageChoice.LOAD)
    with qtbot.waitSignal(view.image_loaded, timeout=10_000) as loaded:
        view.anchorClicked.emit(QUrl(seal))
    assert loaded.args == [seal]
    assert asked == [seal]
    assert server.requests == ["/seal.png"]
    assert _has_image(view, seal)
    assert "[image: a seal]" not in view.toPlainText()
    assert "[image: another]" in view.toPlainText()  # the other one is still a placeholder


def test_declining_fetches_nothing_and_browser_opens_it(
    view: ReaderView, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    seal = f"{server.base}/seal.png"
    view.show_article(_article(f"![a seal]({seal})"))
    _answer(monkeypatch, ImageChoice.CANCEL)
    view.anchorClicked.emit(QUrl(seal))
    opened: list[str] = []
    monkeypatch.setattr(
        reader_view.QDesktopServices, "openUrl", lambda url: opened.append(url.toString())
    )
    _answer(monkeypatch, ImageChoice.BROWSER)
    view.anchorClicked.emit(QUrl(seal))
    assert opened == [seal]
    assert server.requests == []


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/big.png", "limit"),
        ("/text.png", "not an image"),
        ("/many-pixels.png", "too large"),
        ("/slow.png", "too long"),
        ("/missing.png", "did not load"),
    ],
)
def test_images_over_the_limits_are_refused_with_a_reason(
    view: ReaderView,
    server: Server,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    reason: str,
) -> None:
    url = f"{server.base}{path}"
    # Small limits, so small files cross them: 200 KB, 1000 pixels (the seal is 40 x 30).
    monkeypatch.setattr(image_loader, "MAX_PIXELS", 1000)
    view.image_loader.max_bytes = 200_000
    view.image_loader.timeout_ms = 300
    view.show_article(_article(f"![x]({url})"))
    _answer(monkeypatch, ImageChoice.LOAD)
    with qtbot.waitSignal(view.image_failed, timeout=10_000) as failed:
        view.anchorClicked.emit(QUrl(url))
    assert failed.args[0] == url
    assert reason in failed.args[1]
    assert not _has_image(view, url)
    assert "[image: x]" in view.toPlainText()


def test_only_web_images_can_be_loaded(view: ReaderView, qtbot: QtBot) -> None:
    with qtbot.waitSignal(view.image_loader.failed, timeout=1_000) as failed:
        view.image_loader.fetch("file:///etc/hostname")
    assert "only web images" in failed.args[1]
