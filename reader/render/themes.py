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

#: Highlight colours by theme: soft on paper, deep enough on dark to keep the text readable.
HIGHLIGHT_SHADES: dict[str, dict[str, str]] = {
    "light": {
        "yellow": "#fff0a0",
        "green": "#cdeec0",
        "blue": "#c9e1fa",
        "pink": "#f9cfe0",
        "purple": "#e2d3f5",
    },
    "sepia": {
        "yellow": "#f3dc84",
        "green": "#cfdcaa",
        "blue": "#c4d3dc",
        "pink": "#ebc3c0",
        "purple": "#d9c7d9",
    },
    "dark": {
        "yellow": "#5e5221",
        "green": "#2f4a2c",
        "blue": "#24405e",
        "pink": "#5a2c42",
        "purple": "#45345e",
    },
}


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
    family = typo.serif_family
    if typo.font_family:
        # The user's font first, quoted (names have spaces), then the reading serif.
        chosen = typo.font_family.replace("'", "").replace('"', "")
        family = f"'{chosen}', {typo.serif_family}"
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
    return css + highlight_rules(t)


def highlight_shade(theme_name: str, color: str) -> str:
    """The background of a highlight of ``color`` in a theme."""
    shades = HIGHLIGHT_SHADES.get(theme_name, HIGHLIGHT_SHADES[DEFAULT_THEME])
    return shades.get(color, shades["yellow"])


def highlight_rules(t: Theme) -> str:
    """CSS for highlight pieces: a background per colour; a note adds an underline."""
    rules = []
    for color in HIGHLIGHT_SHADES["light"]:
        shade = highlight_shade(t.name, color)
        # Inside a link (span) the link keeps its colour; elsewhere (a) the text colour stays.
        for suffix, line in (("", "none"), ("-note", "underline")):
            rules.append(
                f"a.hl-{color}{suffix} {{ background-color: {shade}; color: {t.text}; "
                f"text-decoration: {line}; }}"
            )
            rules.append(f"span.hl-{color}{suffix} {{ background-color: {shade}; }}")
    return "\n" + "\n".join(rules) + "\n"
