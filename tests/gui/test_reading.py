"""Reading: settings remembered, right-to-left articles laid out right to left, the system's
colour scheme followed, links opened only when clicked, nothing remote ever loaded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextDocument
from pytestqt.qtbot import QtBot

from reader import settings as S
from reader.domain.article import ArticleDraft
from reader.gui.main_window import MainWindow
from reader.gui.widgets import reader_view
from reader.library import Library

from .conftest import MakeWindow


def test_reading_settings_apply_and_are_remembered(
    make_window: MakeWindow, qtbot: QtBot, library: Library
) -> None:
    article_id = library.add(ArticleDraft(title="T", body="Some text " * 50)).added[0]
    window = make_window()
    window.select_article(article_id)
    dialog = window.show_reader_settings()
    dialog.size_box.setValue(17)
    dialog.width_box.setValue(52)
    dialog.font_box.setCurrentIndex(2)  # the first real font after the separator
    family = dialog.chosen_family()
    assert family and "[" not in family
    next(b for b in dialog.themes.buttons() if b.property("theme") == "dark").click()
    assert window.reader.font_size() == 17
    assert window.reader.theme_name() == "dark"
    assert f"font-family:'{family}'" in window.reader.toHtml().replace('"', "'")
    narrow = window.reader.document().rootFrame().frameFormat().leftMargin()
    dialog.width_box.setValue(120)
    assert window.reader.document().rootFrame().frameFormat().leftMargin() < narrow
    dialog.close()
    window.close()
    again = make_window()
    assert again.settings.get(S.FONT_SIZE) == 17
    assert again.settings.get(S.LINE_WIDTH) == 120
    assert again.settings.get(S.FONT_FAMILY) == family
    assert again.reader.theme_name() == "dark"
    assert again.reader.font_size() == 17


def test_a_right_to_left_article_is_laid_out_right_to_left(
    window: MainWindow, library: Library
) -> None:
    article_id = library.add(
        ArticleDraft(title="כלבי ים בנמל", body="כלבי הים חזרו לנמל השנה.", language="he")
    ).added[0]
    other = library.add(ArticleDraft(title="Seals", body="Seals came back.", language="en"))
    window.refresh_all()
    window.select_article(article_id)
    doc = window.reader.document()
    block = doc.find("כלבי הים חזרו").block()
    assert block.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert block.textDirection() == Qt.LayoutDirection.RightToLeft
    window.select_article(other.added[0])
    block = window.reader.document().find("Seals came back").block()
    assert block.textDirection() == Qt.LayoutDirection.LeftToRight


def test_the_system_theme_follows_the_palette(window: MainWindow, qtbot: QtBot) -> None:
    window.set_theme("system")
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    before = app.palette()
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    try:
        app.setPalette(dark)
        # The offscreen platform has no colour scheme of its own: the palette decides.
        assert QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Unknown
        assert reader_view.system_theme_name() == "dark"
        window.set_theme("system")
        assert window.reader.theme_name() == "dark"
        # The list's secondary text takes the palette's colour for it.
        from reader.gui.models.article_list import _muted

        assert _muted() == dark.color(QPalette.ColorRole.PlaceholderText)
    finally:
        app.setPalette(before)
    window.set_theme("sepia")
    assert window.reader.theme_name() == "sepia"


def test_links_open_only_when_clicked_and_nothing_remote_loads(
    window: MainWindow, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        reader_view.QDesktopServices, "openUrl", lambda url: opened.append(url.toString())
    )
    article_id = library.add(
        ArticleDraft(
            title="Links",
            body="See [the trust](https://example.org/trust).\n\n"
            "![A seal](https://example.org/seal.jpg)",
        )
    ).added[0]
    window.refresh_all()
    window.select_article(article_id)
    assert opened == []
    assert "[image: A seal]" in window.reader.toPlainText()
    resource = window.reader.loadResource(
        QTextDocument.ResourceType.ImageResource.value, QUrl("https://example.org/seal.jpg")
    )
    assert resource is None
    window.reader.anchorClicked.emit(QUrl("https://example.org/trust"))
    assert opened == ["https://example.org/trust"]
    window.reader.anchorClicked.emit(QUrl("folio-highlight:abc"))
    window.reader.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert opened == ["https://example.org/trust"]
