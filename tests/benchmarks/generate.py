"""Realistic articles for benchmarks, the same every time for the same seed.

Bodies of 500 to 900 words drawn from a Zipf-distributed vocabulary (a few words very common,
most rare, as in real prose), in paragraphs; titles, authors, sites, publication dates and tags;
and a known phrase planted in a known number of articles, so searches have a checkable answer.
Written as Markdown files with YAML front matter, the way users bring notes in.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

#: The phrase planted in one article in PHRASE_EVERY.
PHRASE = "tidal turbine consortium"
PHRASE_EVERY = 50
#: A word common enough to match a large share of the library.
COMMON_WORD = "harbour"

_SYLLABLES = (
    "ka", "lo", "mi", "ren", "tas", "vel", "dor", "sin", "ma", "pe", "ru", "on", "al", "ek",
    "tri", "sto", "nar", "bel", "gu", "fen", "li", "mor", "cas", "ti", "vo", "da", "ser", "qu",
)  # fmt: skip
_FIRST = ("Ana", "Ben", "Chloé", "Dmitri", "Esi", "Farah", "Goran", "Hana", "Ivo", "Jun", "Kofi",
          "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tala")  # fmt: skip
_LAST = ("Abara", "Berg", "Castillo", "Dunn", "Eriksen", "Fofana", "Gallo", "Haddad", "Ito",
         "Julian", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov")  # fmt: skip
_SITES = ("Harbour Gazette", "The Coastal Review", "Northern Ledger", "Daily Meridian",
          "Field Notes", "The Lantern", "Quay Street Journal", "Tidewater Post")  # fmt: skip
_TAGS = ("energy", "politics", "science", "climate", "culture", "economy", "health", "sport",
         "technology", "travel", "history", "food", "education", "transport")  # fmt: skip


@dataclass(frozen=True, slots=True)
class GeneratedArticle:
    title: str
    author: str
    site: str
    published: date
    tags: tuple[str, ...]
    body: str
    has_phrase: bool

    def markdown(self) -> str:
        tags = ", ".join(self.tags)
        return (
            f'---\ntitle: "{self.title}"\nauthor: {self.author}\nsite: {self.site}\n'
            f"date: {self.published.isoformat()}\nlang: en\ntags: [{tags}]\n---\n\n{self.body}\n"
        )


class ArticleGenerator:
    """Articles from a seeded random generator over a fixed Zipf vocabulary."""

    def __init__(self, seed: int = 20261124, vocabulary: int = 12_000) -> None:
        self._rng = random.Random(seed)
        words: list[str] = []
        seen: set[str] = {COMMON_WORD}
        while len(words) < vocabulary - 1:
            word = "".join(self._rng.choices(_SYLLABLES, k=self._rng.choice((1, 2, 2, 3, 3, 4))))
            if word not in seen and len(word) > 1:
                seen.add(word)
                words.append(word)
        # The common word ranks high, so a search for it matches most of the library.
        words.insert(8, COMMON_WORD)
        self._words = words
        self._cumulative = list(accumulate(1.0 / (rank + 1) for rank in range(len(words))))

    def _sentence(self) -> str:
        n = self._rng.randint(8, 22)
        chosen = self._rng.choices(self._words, cum_weights=self._cumulative, k=n)
        return " ".join(chosen).capitalize() + self._rng.choice(".....?!")

    def article(self, index: int) -> GeneratedArticle:
        rng = self._rng
        target = rng.randint(500, 900)
        paragraphs: list[str] = []
        count = 0
        while count < target:
            sentences = [self._sentence() for _ in range(rng.randint(3, 6))]
            paragraph = " ".join(sentences)
            paragraphs.append(paragraph)
            count += paragraph.count(" ") + 1
        has_phrase = index % PHRASE_EVERY == 0
        if has_phrase:
            where = rng.randrange(len(paragraphs))
            paragraphs[where] += f" The {PHRASE} met again on Tuesday."
        title_words = rng.choices(self._words[20:3000], k=rng.randint(4, 9))
        title = " ".join(title_words).capitalize() + f" ({index})"
        return GeneratedArticle(
            title=title,
            author=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
            site=rng.choice(_SITES),
            published=date(2015, 1, 1) + timedelta(days=rng.randrange(3650)),
            tags=tuple(sorted(set(rng.sample(_TAGS, rng.randint(1, 3))))),
            body="\n\n".join(paragraphs),
            has_phrase=has_phrase,
        )

    def articles(self, n: int) -> Iterator[GeneratedArticle]:
        for index in range(n):
            yield self.article(index)


def read_generated(text: str) -> GeneratedArticle:
    """An article back from the Markdown ``GeneratedArticle.markdown`` wrote (the raw ceiling
    reads the files instead of generating every article a second time)."""
    _, head, body = text.split("---\n", 2)
    meta = dict(line.split(": ", 1) for line in head.strip().splitlines())
    body = body.strip("\n")
    return GeneratedArticle(
        title=meta["title"].strip('"'),
        author=meta["author"],
        site=meta["site"],
        published=date.fromisoformat(meta["date"]),
        tags=tuple(t.strip() for t in meta["tags"].strip("[]").split(",") if t.strip()),
        body=body,
        has_phrase=PHRASE in body,
    )


def generated_files(folder: Path) -> list[Path]:
    """The files ``write_markdown`` wrote, in the order it wrote them."""
    return sorted(folder.glob("*/article-*.md"))


def expected_phrase_matches(n: int) -> int:
    """How many of the first ``n`` generated articles hold PHRASE."""
    return (n + PHRASE_EVERY - 1) // PHRASE_EVERY


def write_markdown(n: int, folder: Path, *, seed: int = 20261124) -> int:
    """Write ``n`` articles as Markdown files into ``folder`` (in subfolders of 1,000); return
    how many hold the planted phrase. A folder that already holds them (same ``n`` and seed,
    as its ``.generated.json`` says) is kept as it is; a folder holding anything else is left
    alone and refused (ValueError), never emptied."""
    stamp = folder / ".generated.json"
    wanted = json.dumps({"articles": n, "seed": seed})
    if stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return expected_phrase_matches(n)
    if folder.exists() and any(folder.iterdir()):
        held = stamp.read_text(encoding="utf-8") if stamp.exists() else "other files"
        raise ValueError(
            f"{folder} already holds {held}, not {wanted}: give an empty or new folder"
        )
    folder.mkdir(parents=True, exist_ok=True)
    planted = 0
    for index, article in enumerate(ArticleGenerator(seed).articles(n)):
        sub = folder / f"{index // 1000:03d}"
        if index % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"article-{index:06d}.md").write_text(article.markdown(), encoding="utf-8")
        planted += article.has_phrase
    # A dot file: importing the folder passes it by.
    stamp.write_text(wanted, encoding="utf-8")
    return planted
