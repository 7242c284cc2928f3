"""The reader's themes (light, dark, sepia) and the typography settings applied to them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    label: str
    background: str
    text: str
    muted: str
    accent: str
    rule: str
    highlight: str
    quote_bar: str


THEMES: dict[str, Theme] = {
    "light": Theme(
        name="light",
        label="Light",
        background="#fdfcf9",
        text="#1d1d1b",
        muted="#6b6a66",
        accent="#1f5fa8",
        rule="#e4e1da",
        highlight="#fff3a8",
        quote_bar="#d8d3c8",
    ),
    "sepia": Theme(
        name="sepia",
        label="Sepia",
        background="#f5ecd9",
        text="#3a2e21",
        muted="#7a6a55",
        accent="#8a4b1c",
        rule="#e2d5bb",
        highlight="#f1d98b",
        quote_bar="#d6c4a0",
    ),
    "dark": Theme(
        name="dark",
        label="Dark",
        background="#1c1d20",
        text="#dcdad5",
        muted="#9a9892",
        accent="#8cb8ec",
        rule="#34363b",
        highlight="#5c5124",
        quote_bar="#474a50",
    ),
}
DEFAULT_THEME = "light"


@dataclass(frozen=True, slots=True)
class Typography:
    """What the user chose for reading: the font family and size in points."""

    serif_family: str = "Georgia, 'DejaVu Serif', 'Noto Serif', serif"
    sans_family: str = "'Inter', 'Noto Sans', 'DejaVu Sans', sans-serif"
    font_family: str | None = None
    font_size: float = 13.0
    line_height: int = 160


def theme(name: str | None) -> Theme:
    return THEMES.get(name or DEFAULT_THEME, THEMES[DEFAULT_THEME])


@cache
def _template() -> str:
    return (resources.files("reader.render") / "themes" / "reader.css").read_text("utf-8")


def stylesheet(t: Theme, typo: Typography) -> str:
    """The reader's CSS for a theme and typography (QTextBrowser reads a subset of CSS 2)."""
    family = typo.font_family or typo.serif_family
    values = {
        "background": t.background,
        "text": t.text,
        "muted": t.muted,
        "accent": t.accent,
        "rule": t.rule,
        "highlight": t.highlight,
        "quote_bar": t.quote_bar,
        "family": family,
        "sans": typo.sans_family,
        "size": f"{typo.font_size:g}pt",
        "title_size": f"{typo.font_size * 1.85:.1f}pt",
        "subtitle_size": f"{typo.font_size * 1.2:.1f}pt",
        "small_size": f"{typo.font_size * 0.8:.1f}pt",
        "line_height": f"{typo.line_height}%",
    }
    css = _template()
    for key, value in values.items():
        css = css.replace("{" + key + "}", value)
    return css
