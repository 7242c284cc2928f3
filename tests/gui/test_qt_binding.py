"""The Qt binding must not run down None's reference count: PySide6 6.12.0 did with every void
method on Python 3.11, and the app aborted after enough painting ("deallocating None")."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QColor, QFont, QImage, QPainter


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_methods_keep_none_alive() -> None:
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        before = sys.getrefcount(None)
        for _ in range(200):
            painter.save()
            painter.setFont(QFont())
            painter.fillRect(0, 0, 2, 2, QColor(1, 2, 3))
            painter.restore()
        assert sys.getrefcount(None) >= before - 20
    finally:
        painter.end()
