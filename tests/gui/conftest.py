"""GUI fixtures: the real MainWindow over a real library file, with a synchronous runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.gui import main_window
from reader.gui.dialogs.prompts import UnsavedChoice
from reader.gui.main_window import MainWindow
from reader.gui.tasks import SyncRunner
from reader.library import Library
from reader.settings import Settings

MakeWindow = Callable[..., MainWindow]


@pytest.fixture(autouse=True)
def no_modal_prompts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Questions the window would ask in a modal loop get an answer instead (a test that
    cares replaces it). Closing a window with unsaved edits at the end of a test discards."""
    asked: list[str] = []

    def ask_unsaved(_parent: object, title: str) -> UnsavedChoice:
        asked.append(title)
        return UnsavedChoice.DISCARD

    def confirm(_parent: object, _title: str, text: str, _action: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(main_window, "ask_unsaved", ask_unsaved)
    monkeypatch.setattr(main_window, "confirm", confirm)
    return asked


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "config" / "folio.ini")


@pytest.fixture
def make_window(qtbot: QtBot, library: Library, settings: Settings) -> MakeWindow:
    windows: list[MainWindow] = []

    def make(
        lib: Library | None = None, runner: object | None = None, *, resize: bool = True
    ) -> MainWindow:
        window = MainWindow(lib or library, settings, runner=runner or SyncRunner())  # type: ignore[arg-type]
        qtbot.addWidget(window)
        if resize:
            window.resize(1400, 860)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    return make


@pytest.fixture
def window(make_window: MakeWindow) -> MainWindow:
    return make_window()
