"""Work put off until a widget has painted runs just after its paint; without a paint (the
widget covered) after a short wait; at once while the widget is not shown. And the app lets
the GUI thread have Python's interpreter lock soon when a background thread holds it."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from reader.gui import after_paint, app
from reader.gui.after_paint import AfterPaint
from reader.gui.app import make_application


def test_work_waits_for_the_paint_and_runs_once(qtbot: QtBot) -> None:
    label = QLabel("first rows")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    hook = AfterPaint(label)
    ran: list[str] = []
    hook.call(lambda: ran.append("rest"))
    assert ran == []  # not before the paint
    label.repaint()
    qtbot.waitUntil(lambda: ran == ["rest"], timeout=2_000)
    label.repaint()
    qtbot.wait(50)
    assert ran == ["rest"]


def test_without_a_paint_work_runs_after_the_fallback_wait(qtbot: QtBot) -> None:
    label = QLabel("covered")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    qtbot.wait(50)  # its first paint is over
    hook = AfterPaint(label)
    ran: list[str] = []
    hook.call(lambda: ran.append("rest"))
    qtbot.wait(after_paint.FALLBACK_MS // 4)
    assert ran == []
    qtbot.waitUntil(lambda: ran == ["rest"], timeout=2_000)


def test_a_hidden_widget_does_not_hold_work_back(qtbot: QtBot) -> None:
    label = QLabel("hidden")
    qtbot.addWidget(label)
    ran: list[str] = []
    AfterPaint(label).call(lambda: ran.append("rest"))
    assert ran == ["rest"]


def test_the_app_hands_the_interpreter_lock_over_quickly() -> None:
    # The window's paints call into Python for every cell: a background thread running Python
    # gives the lock up within half a millisecond instead of Python's default five.
    sys.setswitchinterval(0.005)
    make_application()
    assert sys.getswitchinterval() == pytest.approx(app.GIL_SWITCH_INTERVAL)
    assert app.GIL_SWITCH_INTERVAL <= 0.001
