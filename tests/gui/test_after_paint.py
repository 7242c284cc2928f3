"""Work put off until a widget has painted runs just after its paint; without a paint (the
widget covered) after a short wait; at once while the widget is not shown."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from reader.gui import after_paint
from reader.gui.after_paint import AfterPaint


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
