"""Loading one remote image the user asked for, and nothing else.

The reader never fetches anything by itself: remote images are placeholders. When the user
clicks one and agrees, this fetches just that image through Qt's network stack, with limits:
only http and https (redirects may not go to another scheme), at most ``MAX_BYTES`` (checked
against the announced length and while receiving), ``TIMEOUT_MS`` for the whole transfer, and
images of at most ``MAX_PIXELS`` (read from the header before anything is decoded, so a small
file cannot unpack into a huge picture).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QUrl, Signal
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest

#: The largest image file fetched.
MAX_BYTES = 8 * 1024 * 1024
#: The whole transfer, in milliseconds.
TIMEOUT_MS = 15_000
#: The most pixels an image may have (8000 x 6000).
MAX_PIXELS = 48_000_000
MAX_REDIRECTS = 3


class ImageLoader(QObject):
    """Fetches images on request; ``loaded(url, image)`` or ``failed(url, reason)``."""

    loaded = Signal(str, QImage)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.max_bytes = MAX_BYTES
        self.timeout_ms = TIMEOUT_MS
        self._manager = QNetworkAccessManager(self)
        self._manager.setRedirectPolicy(QNetworkRequest.RedirectPolicy.NoLessSafeRedirectPolicy)
        self._replies: dict[QNetworkReply, str] = {}

    def fetch(self, url: str) -> None:
        qurl = QUrl(url)
        if qurl.scheme() not in ("http", "https") or not qurl.host():
            self.failed.emit(url, "only web images (http or https) can be loaded")
            return
        request = QNetworkRequest(qurl)
        request.setTransferTimeout(self.timeout_ms)
        request.setMaximumRedirectsAllowed(MAX_REDIRECTS)
        request.setAttribute(QNetworkRequest.Attribute.CookieSaveControlAttribute, False)
        request.setRawHeader(b"Accept", b"image/*")
        reply = self._manager.get(request)
        self._replies[reply] = url
        reply.metaDataChanged.connect(lambda r=reply: self._on_reply_meta_data_changed(r))
        reply.downloadProgress.connect(
            lambda received, _total, r=reply: self._on_reply_download_progress(r, received)
        )
        reply.finished.connect(lambda r=reply: self._on_reply_finished(r))

    def _fail(self, reply: QNetworkReply, reason: str) -> None:
        url = self._replies.pop(reply, None)
        reply.abort()
        reply.deleteLater()
        if url is not None:
            self.failed.emit(url, reason)

    def _on_reply_meta_data_changed(self, reply: QNetworkReply) -> None:
        length = reply.header(QNetworkRequest.KnownHeaders.ContentLengthHeader)
        if isinstance(length, int) and length > self.max_bytes:
            self._fail(reply, f"the image is {length / 1048576:.1f} MB; the limit is "
                       f"{self.max_bytes / 1048576:.0f} MB")  # fmt: skip

    def _on_reply_download_progress(self, reply: QNetworkReply, received: int) -> None:
        if received > self.max_bytes and reply in self._replies:
            self._fail(reply, f"the image is over the {self.max_bytes / 1048576:.0f} MB limit")

    def _on_reply_finished(self, reply: QNetworkReply) -> None:
        url = self._replies.pop(reply, None)
        if url is None:
            return  # already failed and reported
        reply.deleteLater()
        if reply.error() != QNetworkReply.NetworkError.NoError:
            if reply.error() in (
                QNetworkReply.NetworkError.OperationCanceledError,
                QNetworkReply.NetworkError.TimeoutError,
            ):
                reason = f"it took too long (over {self.timeout_ms / 1000:g} s)"
            else:
                reason = reply.errorString()
            self.failed.emit(url, f"the image did not load: {reason}")
            return
        data = reply.readAll()
        if data.size() > self.max_bytes:
            self.failed.emit(url, "the image is over the size limit")
            return
        image, problem = decode(data)
        if image is None:
            self.failed.emit(url, problem)
        else:
            self.loaded.emit(url, image)


def decode(data: QByteArray) -> tuple[QImage | None, str]:
    """The image in ``data``, or None and why not; its size is checked before decoding."""
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if not size.isValid():
        return None, "that address is not an image"
    if size.width() * size.height() > MAX_PIXELS:
        return None, f"the image is too large ({size.width()} x {size.height()} pixels)"
    image = reader.read()
    if image.isNull():
        return None, f"the image could not be read ({reader.errorString()})"
    return image, ""
