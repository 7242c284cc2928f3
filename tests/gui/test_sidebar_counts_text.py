"""Counts in the sidebar and the status bar are written with their thousands grouped."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from reader.gui.models.sidebar import SidebarModel, count_text
from reader.library import Counts


def test_counts_are_grouped_in_the_users_locale() -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        assert count_text(7) == "7"
        assert count_text(100000) == "100,000"
        model = SidebarModel()
        model.set_counts(Counts(all=100000, unread=2500, starred=0, archive=0, trash=1))
        model.set_tags([("climate", 14265)])
        texts = {model.item(0).child(i, 1).text() for i in range(model.item(0).rowCount())}
        assert {"100,000", "2,500", "1", ""} == texts
        assert model.item(1).child(0, 1).text() == "14,265"
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
        assert count_text(100000) == "100.000"
        QLocale.setDefault(QLocale.c())
        assert count_text(100000) == "100,000"
    finally:
        QLocale.setDefault(QLocale.system())
