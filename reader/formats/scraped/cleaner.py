"""The cleaner: from the units of a scraped text to a clean article and its fields.

``reader.formats.importers.plaintext`` describes the steps it takes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from reader.domain.article import ArticleDraft, RelatedLink
from reader.domain.text import clean_tags, first_words
from reader.formats.dates import find_date, parse_date
from reader.formats.language import detect_language
from reader.formats.markdown_escape import escape_markdown
from reader.formats.scraped.lines import (
    ABBREVIATION,
    CJK_CHAR,
    DOMAIN_ONLY,
    EMAIL,
    FULL_STOP_END,
    HTML_REMNANT,
    IMAGE_FILE,
    SENTENCE_BREAK,
    THAI,
    URL,
    Unit,
    capitalised_share,
    has_letter,
    is_cjk,
    is_prose,
    is_sentence,
    line_key,
    opens_story,
    split_units,
    word_total,
)
from reader.formats.scraped.vocabulary import (
    ABOUT_AUTHOR,
    ATTRIBUTION,
    AUTHOR_LINKS,
    BIO_START,
    BIO_WORDS,
    BRACKETED,
    BYLINE,
    BYLINE_TAIL,
    CLAUSE_BREAK,
    COMMENT_COUNT,
    COMMENT_POLICY,
    CONTACT,
    COPYRIGHT,
    CREDIT,
    DATE_LABEL,
    DATELINE,
    FURNITURE,
    FURNITURE_PHRASE,
    HASHTAGS,
    HEADER_LABEL,
    INLINE_CREDIT,
    LEAD_IN,
    NAME_PARTICLES,
    NAME_STOP,
    PHRASE,
    POSTED,
    PREV_NEXT,
    PROMPT,
    SEPARATOR,
    SHARE_NAMES,
    SHARE_WORDS,
    SOURCE,
    STORY_END_WORDS,
    TAGS,
    TEASER,
    TRAILING_WEAK,
)

#: The format name recorded on every draft.
SOURCE_FORMAT = "plaintext"


@dataclass(slots=True)
class _Found:
    """What the importer learned about the article besides its body."""

    title: str | None = None
    subtitle: str | None = None
    summary: str | None = None
    author: str | None = None
    author_rank: int = 99
    author_bio: str | None = None
    site_name: str | None = None
    url: str | None = None
    published: str | None = None
    published_rank: int = 99
    image_credit: str | None = None
    image_caption: str | None = None
    tags: list[str] = field(default_factory=list)
    related: list[RelatedLink] = field(default_factory=list)

    def offer_author(self, name: str | None, rank: int) -> None:
        """Keep the author from the most reliable place (lower rank wins)."""
        if name and rank < self.author_rank:
            self.author, self.author_rank = name, rank

    def offer_date(self, value: str | None, rank: int) -> None:
        if value and rank < self.published_rank:
            self.published, self.published_rank = value, rank


# Kinds of line that may stand between a headline and the story's first paragraph.
_BESIDE_HEADLINE = frozenset(
    {"furniture", "byline", "date", "credit", "caption", "caption-credit", "subtitle", "meta"}
)


# Where a date or an author came from, most reliable first.
(
    _BY_LABEL,
    _BY_HEADER_LINE,
    _BY_BYLINE,
    _BY_DATELINE,
    _BY_POSTED,
    _BY_CAPTION,
    _BY_BIO_SUBJECT,
) = range(7)


class Cleaner:
    """Works out the article in one text; ``draft()`` gives it."""

    def __init__(self, text: str, name: str) -> None:
        self.name = name
        self.units = split_units(text)
        self.found = _Found()
        self.cjk = is_cjk(text[:4000])
        #: Index of the story's first real paragraph (known once the footer is read).
        self.story_start = 0
        self.typical_gap: int | None = None

    # ------------------------------------------------------------------ driving

    def draft(self) -> ArticleDraft:
        units = self.units
        for unit in units:
            self._classify_anywhere(unit)
        self._mark_repeated()
        self._mark_captions()
        self._mark_teasers()
        self._read_footer()
        self.story_start = self._story_start()
        self._read_header(self.story_start)
        body_units = [u for u in units if u.kind == "text"]
        removed = tuple(removed_lines(units))
        if not body_units:
            # Everything looked like furniture: keep the text rather than lose it.
            body_units = list(units)
            removed = ()
        body = "\n\n".join(escape_markdown(u.text) for u in body_units)
        found = self.found
        lead = next((u for u in body_units if is_prose(u)), None)
        if lead is not None:
            found.offer_date(dateline_date(lead.text), _BY_DATELINE)
        title, inferred = self._title(body_units)
        if found.subtitle and same(found.subtitle, title):
            found.subtitle = None
        return ArticleDraft(
            body=body,
            title=title,
            title_inferred=inferred,
            subtitle=found.subtitle,
            author=found.author,
            author_bio=found.author_bio,
            site_name=found.site_name,
            url=found.url,
            published_at=found.published,
            language=detect_language(body),
            summary=found.summary,
            image_credit=found.image_credit,
            image_caption=found.image_caption,
            tags=clean_tags(found.tags),
            related=tuple(found.related),
            removed=removed,
            source_format=SOURCE_FORMAT,
        )

    def _story_start(self) -> int:
        """Index of the story's first real paragraph: what comes before it is the header."""
        texts = [i for i, u in enumerate(self.units) if u.kind == "text"]
        for i in texts:
            if opens_story(self.units[i]):
                return i
        if not texts:
            return len(self.units)
        # No line reads as prose (a list, a poem, a stub): only the first could be a heading.
        return texts[min(1, len(texts) - 1)]

    # ------------------------------------------------------------------ anywhere

    def _classify_anywhere(self, unit: Unit) -> None:
        """Furniture and metadata that are recognisable wherever they stand."""
        self._strip_lead_in(unit)
        text = unit.text
        if unit.words > 60:
            return
        key = line_key(text)
        if SEPARATOR.fullmatch(text) or (unit.words <= 12 and HTML_REMNANT.search(text)):
            unit.kind = "furniture"
            return
        if not any(ch.isalnum() for ch in key):
            return
        if unit.words > 30:
            return
        if self._related(unit) or self._credit(unit) or self._tags(unit):
            return
        if self._date_line(unit) or self._byline(unit, anywhere=True):
            return
        if key in FURNITURE or is_share_row(key) or is_nav_row(text):
            unit.kind = "furniture"
            return
        bracketed = BRACKETED.match(text)
        if bracketed and (
            line_key(bracketed["inner"]) in FURNITURE or PROMPT.match(bracketed["inner"])
        ):
            unit.kind = "furniture"
            return
        if unit.words <= 25 and (
            FURNITURE_PHRASE.search(text)
            or COPYRIGHT.match(text)
            or (unit.words <= 4 and COMMENT_COUNT.search(text))
            or ATTRIBUTION.match(text)
            or AUTHOR_LINKS.match(text)
            or HASHTAGS.fullmatch(text)
            or IMAGE_FILE.fullmatch(text)
            or DOMAIN_ONLY.fullmatch(text)
        ):
            unit.kind = "furniture"
            return
        if unit.words <= 20 and PROMPT.match(text):
            unit.kind = "furniture"
            return
        if self._source(unit) or self._link_line(unit):
            return
        if self._posted(unit):
            return

    def _strip_lead_in(self, unit: Unit) -> None:
        """A slot's label glued to a paragraph: "Continued below... The newspaper said"."""
        m = LEAD_IN.match(unit.text)
        if m and word_total(unit.text[m.end() :]) >= 3:
            unit.lead_in = m.group(0).strip()
            unit.text = unit.text[m.end() :]
            unit.words = word_total(unit.text)

    def _related(self, unit: Unit) -> bool:
        m = PREV_NEXT.match(unit.text)
        if m:
            rest = m["rest"]
            title = rest.strip(" :»›→>-–—|")
            # "Previous articles have shown ...", "Next item on the agenda was ...":
            # sentences, not a label glued to a headline.
            if title[:1].isalpha() and title[:1].islower():
                return False
            rel = "next" if m["rel"].casefold() in ("next", "newer") else "previous"
            unit.kind = "related"
            if title and has_letter(title):
                self.found.related.append(RelatedLink(rel=rel, title=title))
            else:
                unit.kind = f"related-label:{rel}"
            return True
        m = TEASER.match(unit.text)
        if m:
            rest = (m["rest"] or "").strip()
            unit.kind = "furniture" if rest else "teaser-label"
            if rest and word_total(rest) >= 3 and not URL.search(rest):
                self.found.related.append(RelatedLink(rel="related", title=rest))
            return True
        return False

    def _credit(self, unit: Unit) -> bool:
        m = CREDIT.match(unit.text)
        if m:
            credit = (m["credit"] or m["credit2"] or m["credit3"] or m["credit4"] or "").strip()
            if not credit or len(credit) > 150:
                return False
            unit.kind = "credit"
            if self.found.image_credit is None:
                self.found.image_credit = credit
            return True
        m = INLINE_CREDIT.match(unit.text)
        if m and unit.words <= 40:
            unit.kind = "caption-credit"
            if self.found.image_credit is None and self.found.image_caption is None:
                self.found.image_credit = m["credit"].strip()
                self.found.image_caption = m["caption"].strip()
                self.found.offer_date(find_date(m["caption"]), _BY_CAPTION)
            return True
        return False

    def _tags(self, unit: Unit) -> bool:
        segments = [s.strip() for s in re.split(r"\s[|•·]\s|\s[|•·]$", unit.text) if s.strip()]
        labelled = [TAGS.match(s) for s in segments]
        if not labelled or not labelled[0]:
            if HASHTAGS.fullmatch(unit.text):
                self.found.tags.extend(t.strip("#,") for t in unit.text.split())
                unit.kind = "tags"
                return True
            return False
        for m in labelled:
            if m:
                rest = m["rest"].strip().rstrip("|").strip()
                for tag in re.split(r"\s*[,;、，]\s*", rest):
                    tag = tag.strip(" .#")
                    if tag and len(tag.split()) <= 6 and not URL.search(tag):
                        self.found.tags.append(tag)
        unit.kind = "tags"
        return True

    def _date_line(self, unit: Unit) -> bool:
        """A line that states the date: "Published: ...", "This article was posted: ..."."""
        if unit.words > 16:
            return False
        m = DATE_LABEL.match(unit.text)
        if not m:
            return False
        rest = unit.text[m.end() :]
        value = parse_date(rest) or find_date(rest)
        if not value:
            return False
        updated = "updat" in m.group(0).casefold() or "modif" in m.group(0).casefold()
        self.found.offer_date(value, _BY_HEADER_LINE if updated else _BY_LABEL)
        by = re.search(r"\bby\s+(.+)$", rest)
        if by:
            self.found.offer_author(person(by[1].split(",")[0]), _BY_POSTED)
        unit.kind = "date"
        return True

    def _source(self, unit: Unit) -> bool:
        m = SOURCE.match(unit.text)
        if not m or unit.words > 14:
            return False
        link = URL.search(m["rest"])
        if link and self.found.url is None and m["label"].casefold() != "via":
            url = link.group(0).rstrip(".,;)")
            if url.casefold().startswith("www."):
                url = "https://" + url
            if re.search(r"//[^/]+/.", url):
                self.found.url = url
        unit.kind = "furniture"
        return True

    def _link_line(self, unit: Unit) -> bool:
        """A line that is mostly a link: "http://...", "Visit @ http://...", "Email: a@b.c"."""
        if not (URL.search(unit.text) or EMAIL.search(unit.text)):
            return False
        rest = without_links(unit.text)
        if word_total(rest) > 12 or unit.words > 30:
            return False
        if is_sentence(unit.text) and word_total(rest) > 6:
            return False
        unit.kind = "furniture"
        return True

    def _posted(self, unit: Unit) -> bool:
        """A posting line: "Posted on by jdoe", "Posted on June 3, 2016 by Jane Doe"."""
        m = POSTED.match(unit.text)
        # A posting line is a label, not a sentence ("Published by Penguin in 2019.").
        if not m or unit.words > 14 or FULL_STOP_END.search(unit.text):
            return False
        rest = m["rest"]
        by = re.search(r"\bby\s+(.+?)(?:\s+(?:on|at|in)\s+.*)?$", rest)
        date = find_date(rest)
        if not by and not date:
            return False
        self.found.offer_date(date, _BY_LABEL)
        if by:
            self.found.offer_author(person(by[1].split(",")[0]), _BY_POSTED)
        unit.kind = "date"
        return True

    # ------------------------------------------------------------------ repeated and captions

    def _mark_repeated(self) -> None:
        """A short phrase the page repeats three times or more is a slot ("Story Continues",
        "Sponsored Links"), not the story. Single words are left alone: repeated, they are
        more often table cells or code than furniture (which the vocabulary knows)."""
        counts = Counter(u.text for u in self.units if u.kind == "text" and 2 <= u.words <= 4)
        for unit in self.units:
            if (
                unit.kind == "text"
                and counts.get(unit.text, 0) >= 3
                and not is_sentence(unit.text)
                and PHRASE.fullmatch(unit.text)
                # Slots are labels in capitals; a refrain of a song or poem is not.
                and capitalised_share(unit.text) >= 0.3
            ):
                unit.kind = "furniture"

    def _mark_captions(self) -> None:
        """The line right under (or else right over) a photo credit, with no blank line
        between, is the photo's caption.

        When the text puts no blank lines between its paragraphs at all, being next to the
        credit says little, so only a short line is taken then.
        """
        units = self.units
        spaced = sum(1 for u in units if u.gap_after) * 2 >= len(units)
        first_credit = True
        for i, unit in enumerate(units):
            if unit.kind != "credit":
                continue
            below = units[i + 1] if i + 1 < len(units) else None
            above = units[i - 1] if i > 0 else None
            longest = 60 if spaced and first_credit else 30
            caption: Unit | None = None
            if (
                below
                and unit.gap_after == 0
                and below.kind == "text"
                and below.words <= longest
                and (spaced or not opens_story(below))
            ):
                caption = below
            elif (
                above
                and spaced
                and unit.gap_before == 0
                and above.kind == "text"
                and above.words <= 30
                and is_sentence(above.text)
            ):
                caption = above
            if caption is not None:
                caption.kind = "caption"
                if first_credit and self.found.image_caption is None:
                    self.found.image_caption = caption.text
                    self.found.offer_date(find_date(caption.text), _BY_CAPTION)
            first_credit = False

    def _mark_teasers(self) -> None:
        """The headlines listed under a "Read more:" / "Related" / "Next post" label."""
        for index, label in enumerate(self.units):
            if label.kind == "teaser-label":
                rel, limit = "related", 12
            elif label.kind.startswith("related-label:"):
                rel, limit = label.kind.split(":", 1)[1], 1
            else:
                continue
            label.kind = "furniture"
            following = self.units[index + 1 :]
            for n, unit in enumerate(following):
                if limit == 0 or unit.kind != "text" or not is_headline_like(unit):
                    break
                if BYLINE.match(unit.text) or ATTRIBUTION.match(unit.text):
                    break
                after = following[n + 1] if n + 1 < len(following) else None
                # Inside the story a subheading can follow a label too: past the first
                # teaser, a line that leads straight into prose is kept.
                if n and after is not None and after.kind == "text" and is_prose(after):
                    break
                unit.kind = "related"
                self.found.related.append(RelatedLink(rel=rel, title=unit.text))
                limit -= 1

    # ------------------------------------------------------------------ footer

    def _read_footer(self) -> None:
        """After the story's last paragraph: links, contact blocks, comment policies, a bio.

        Reads back from the end until the first line of the story itself. Short lines that
        are not sentences go there when more furniture follows them (a trailing block of
        junk such as a contact address).
        """
        junk_after = False
        bio_seen = False
        units = self.units
        for index in range(len(units) - 1, -1, -1):
            unit = units[index]
            if unit.kind != "text":
                junk_after = junk_after or unit.kind != "caption"
                continue
            before = units[index - 1] if index else None
            # A paragraph that starts in lower case right after a removed line carries on
            # that line (a site's blurb split by the scraper).
            carried_on = (
                before is not None
                and before.kind == "furniture"
                and unit.text[:1].isalpha()
                and unit.text[:1].islower()
            )
            if self._footer_furniture(unit) or carried_on:
                unit.kind = "furniture"
                junk_after = True
                continue
            if self._footer_byline(unit):
                continue
            if junk_after and is_tail_label(unit):
                unit.kind = "furniture"
                continue
            beyond_story = junk_after or (before is not None and ends_story(before))
            if not bio_seen and self._bio(unit, beyond_story):
                bio_seen = True
                junk_after = True
                continue
            break

    def _footer_byline(self, unit: Unit) -> bool:
        """A signature under the story: "-- By Jane Doe Follow @jdoe"."""
        m = BYLINE.match(unit.text.lstrip("-–—~ "))
        if not m or unit.words > 12:
            return False
        rest = re.sub(BYLINE_TAIL, "", m["rest"])
        name = person(re.split(r"\s[|/·•—–-]\s|,\s", rest)[0])
        if not name:
            return False
        self.found.offer_author(name, _BY_POSTED)
        unit.kind = "byline"
        return True

    def _footer_furniture(self, unit: Unit) -> bool:
        text = unit.text
        if unit.words <= 15 and CONTACT.match(text):
            return True
        return unit.words <= 150 and bool(COMMENT_POLICY.search(text))

    def _bio(self, unit: Unit, beyond_story: bool) -> bool:
        """A closing paragraph about the author: "Jane Doe is a reporter who ...".

        A paragraph that opens "<Name> is ..." may close the story itself ("Agnes Fairweather
        is the chair of the council"), so it is taken for a bio only when it is about the
        byline's author, stands apart from the story (after its share buttons or links), or
        is plainly about a writer's career.
        """
        text = unit.text
        about = ABOUT_AUTHOR.match(text)
        m = BIO_START.match(text)
        if not m or unit.words < 8 or unit.words > 200:
            return False
        name = m["name"].strip()
        words = name.split()
        if words[0].casefold() in NAME_STOP or not person(name):
            return False
        hits = len(BIO_WORDS.findall(text))
        author = self.found.author
        matches_author = bool(author) and bool(
            {w.casefold() for w in words} & {w.casefold() for w in (author or "").split()}
        )
        if not (about or matches_author or (beyond_story and hits >= 1) or hits >= 2):
            return False
        unit.kind = "bio"
        if self.found.author_bio is None:
            self.found.author_bio = text
        self.found.offer_author(person(name), _BY_BIO_SUBJECT)
        return True

    # ------------------------------------------------------------------ header

    def _read_header(self, start: int) -> None:
        """Before the story's first paragraph: the headline, a deck, a byline and a date."""
        found = self.found
        header = [u for u in self.units[:start] if u.kind == "text"][:40]
        candidates: list[Unit] = []
        labelled_title: Unit | None = None
        said_something = False
        for unit in header:
            if self._header_label(unit, candidates):
                if unit.kind == "title":
                    labelled_title = unit
                continue
            if self._byline(unit):
                continue
            value = parse_date(unit.text) if unit.words <= 10 else None
            if value:
                found.offer_date(value, _BY_HEADER_LINE)
                unit.kind = "date"
                continue
            if is_headline_like(unit) and not said_something:
                candidates.append(unit)
            # Once the text has said something in a full sentence, a short line after it is
            # a subheading of the story, not its headline.
            said_something = said_something or (
                unit.words >= 6 and bool(FULL_STOP_END.search(unit.text))
            )
        if labelled_title is None and candidates:
            best = max(candidates, key=lambda u: (self._headline_score(u), -self.units.index(u)))
            best.kind = "title"
            found.title = best.text
            self._deck(best)
            self._drop_above(best)
            for unit in header:
                # The headline again (scrapers often give it twice) is not the story's text.
                if unit.kind == "text" and self._echoes(unit, best):
                    unit.kind = "furniture"
        self._name_block(header)

    def _header_label(self, unit: Unit, candidates: list[Unit]) -> bool:
        """Metadata lines ("Title: X", "Author: Y", "Date: Z") of a text that opens with a
        metadata block, and the "Headline: X" promo some sites put under the real headline."""
        m = HEADER_LABEL.match(unit.text)
        if not m or unit.words > 40:
            return False
        label, rest = m["label"].casefold(), m["rest"].strip()
        found = self.found
        if label in ("headline", "title", "subject"):
            if candidates or found.title:
                unit.kind = "furniture"
            else:
                found.title = rest
                unit.kind = "title"
        elif label in ("subtitle", "subhead", "deck", "standfirst"):
            found.subtitle = found.subtitle or rest
            unit.kind = "meta"
        elif label in ("author", "authors", "byline", "writer"):
            found.offer_author(person(rest) or rest, _BY_BYLINE)
            unit.kind = "meta"
        elif label in ("url", "link"):
            link = URL.search(rest)
            if not link:
                return False
            found.url = found.url or link.group(0)
            unit.kind = "meta"
        elif label in ("site", "publication", "publisher"):
            found.site_name = found.site_name or rest
            unit.kind = "meta"
        elif label in ("summary", "description", "excerpt", "abstract"):
            found.summary = found.summary or rest
            unit.kind = "meta"
        else:
            value = parse_date(rest) or find_date(rest)
            if not value:
                return False
            found.offer_date(value, _BY_LABEL if "updat" not in label else _BY_HEADER_LINE)
            unit.kind = "date"
        return True

    def _byline(self, unit: Unit, *, anywhere: bool = False) -> bool:
        """A byline: "By Jane Doe", "by Jane Doe, The Planet:", "By JANE DOE / PLANET | May 3"."""
        m = BYLINE.match(unit.text)
        if not m or unit.words > 16:
            return False
        parts = [p.strip(" :") for p in re.split(r"\s[|/·•—–-]\s|,\s|\s\|", m["rest"])]
        name = person(parts[0]) if parts else None
        if not name:
            return False
        # Outside the header only a full name on a line of its own: "By Friday, the council
        # must decide." is a sentence.
        if anywhere and (len(name.split()) < 2 or FULL_STOP_END.search(unit.text)):
            return False
        self.found.offer_author(name, _BY_BYLINE)
        self.found.offer_date(find_date(m["rest"]), _BY_BYLINE)
        unit.kind = "byline"
        return True

    def _headline_score(self, unit: Unit) -> float:
        """How much a header line looks like the story's headline rather than a deck, a
        kicker, the site's name or an item of its menu.

        A headline opens the text or stands right over the story (with only a byline, a date
        or a photo between), is set apart by extra space, in Title Case, short, one clause,
        and is often echoed by the page's own title ("Headline - Site"). A deck runs longer,
        in sentence case, with commas; a menu item sits among other short lines.
        """
        units = self.units
        index = units.index(unit)
        rank = self._opening_rank(unit)
        score = 2.0 if rank == 0 else 0.5 if rank == 1 else -0.15 * min(rank - 1, 10)
        if unit.gap_after >= 2 and unit.gap_after > self._typical_gap():
            score += 4
        score += 2 * capitalised_share(unit.text)
        if unit.words > 20:
            score -= 2
        elif unit.words > 15:
            score -= 1
        elif unit.words >= 4:
            score += 0.5
        if unit.words < 3:
            score -= 1
        score -= min(2, unit.text.count(",") + unit.text.count("，"))
        following = self._next_kept(index)
        if following is not None and opens_story(following):
            score += 4
        elif following is not None and unit.words >= 4 and is_headline_like(following):
            # A headline over its deck: the deck stands right over the story. (A kicker
            # over a headline, "Local News", is too short to be taken for a headline.)
            after = self._next_kept(units.index(following))
            if after is not None and opens_story(after):
                score += 3
                score += 1.5 if following.gap_after >= unit.gap_after else 0
        if self._in_menu(index):
            score -= 3
        if self._echoed(unit):
            score += 3
        return score

    def _next_kept(self, index: int) -> Unit | None:
        """The next line of text after ``index``, past bylines, dates, photos and furniture."""
        for unit in self.units[index + 1 :]:
            if unit.kind not in _BESIDE_HEADLINE:
                return unit if unit.kind == "text" else None
        return None

    def _typical_gap(self) -> int:
        """The blank lines the text usually puts between paragraphs (computed once)."""
        if self.typical_gap is None:
            gaps = sorted(u.gap_after for u in self.units if u.kind == "text")
            self.typical_gap = gaps[len(gaps) // 2] if gaps else 1
        return self.typical_gap

    def _in_menu(self, index: int) -> bool:
        """Whether the unit at ``index`` leads or sits among short lines, as a site's name
        over its menu, or a menu's items, do."""

        def short(unit: Unit) -> bool:
            return unit.kind in ("text", "furniture") and unit.words <= 3

        after = self.units[index + 1 : index + 3]
        before = self.units[max(0, index - 2) : index]
        if len(after) == 2 and all(short(u) for u in after):
            return True
        return bool(before and after) and short(before[-1]) and short(after[0])

    def _echoed(self, unit: Unit) -> bool:
        """Whether another line is this one with the site's name after it ("X - Site")."""
        return any(
            self._echoes(other, unit)
            for other in self.units[: min(self.story_start, 200)]
            if other is not unit
        )

    @staticmethod
    def _echoes(line: Unit, headline: Unit) -> bool:
        key, text = line_key(headline.text), line_key(line.text)
        return text == key or (
            text.startswith(key) and bool(re.match(r"\s*[-|–—:·»]", text[len(key) :]))
        )

    def _drop_above(self, title: Unit) -> None:
        """Short lines over the headline are the site's name, its menu and a section kicker,
        and a line that repeats the headline is the page's title: the story starts at its
        headline."""
        for unit in self.units[: self.units.index(title)]:
            if unit.kind != "text":
                continue
            # Menu items and names are capitalised; fragments of text (or of a formula
            # flattened into lines) are not, and stay.
            label = unit.words <= 4 and capitalised_share(unit.text) >= 0.6
            if (label and not is_sentence(unit.text)) or self._echoes(unit, title):
                unit.kind = "furniture"

    def _opening_rank(self, unit: Unit) -> int:
        """How many lines of the story itself (not furniture) come before ``unit``."""
        rank = 0
        for other in self.units:
            if other is unit:
                return rank
            if other.kind in ("text", "title", "subtitle"):
                rank += 1
        return rank

    def _deck(self, title: Unit) -> None:
        """A line that opens the text together with the headline, right over or under it
        (nothing but furniture between), and sums the story up becomes the subtitle.

        A line after the byline is the story's own first line, however short."""
        units = self.units
        at = units.index(title)
        for step in (1, -1):
            i = at + step
            while 0 <= i < len(units) and units[i].kind == "furniture":
                i += step
            if not 0 <= i < len(units):
                continue
            neighbour = units[i]
            if neighbour.kind != "text" or opens_story(neighbour) or i >= self.story_start:
                continue
            # Over the headline only as the text's first line; under it only right over the
            # story (a line further down is the story's own).
            if step < 0 and self._opening_rank(neighbour) > 0:
                continue
            if step > 0 and not ((after := self._next_kept(i)) and opens_story(after)):
                continue
            # A deck is set like a headline, without a closing full stop; a short sentence
            # that ends in one is the story's first paragraph.
            if FULL_STOP_END.search(neighbour.text) or URL.search(neighbour.text):
                continue
            if 6 <= neighbour.words <= 60:
                neighbour.kind = "subtitle"
                self.found.subtitle = neighbour.text
                return

    def _name_block(self, header: list[Unit]) -> None:
        """An unlabelled byline block right above a date line: "Jane Doe" / "The Planet"."""
        units = self.units
        for unit in header:
            if unit.kind != "date":
                continue
            index = units.index(unit)
            block: list[Unit] = []
            for above in reversed(units[:index]):
                if above.kind != "text" or len(block) == 2:
                    break
                if above.words > 4 or is_sentence(above.text) or capitalised_share(above.text) < 1:
                    break
                block.insert(0, above)
            if not block:
                continue
            name = person(block[0].text)
            if name and self.found.author is None:
                self.found.offer_author(name, _BY_BYLINE)
                block[0].kind = "byline"
                if len(block) == 2:
                    self.found.site_name = self.found.site_name or block[1].text
                    block[1].kind = "meta"
            return

    # ------------------------------------------------------------------ title

    def _title(self, body_units: list[Unit]) -> tuple[str, bool]:
        if self.found.title:
            return self.found.title, False
        lead = next((u for u in body_units if u.words >= 4 and u.text[:1] not in "(["), None)
        lead = lead or next((u for u in body_units if u.words >= 4), None)
        lead = lead or next((u for u in body_units if u.words), None)
        if lead is not None:
            title = title_from_lead(lead.text, self.cjk)
            if title:
                return title, True
        stem = self.name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return " ".join(stem.replace("_", " ").replace("-", " ").split()) or "Untitled", True


def removed_lines(units: list[Unit]) -> Iterator[str]:
    """The lines taken out of the body, in the order they stood."""
    for unit in units:
        if unit.kind != "text":
            yield from unit.raw
        elif unit.lead_in:
            yield unit.lead_in


def without_links(text: str) -> str:
    return EMAIL.sub(" ", URL.sub(" ", text))


def same(a: str, b: str) -> bool:
    return line_key(a) == line_key(b)


def ends_story(unit: Unit) -> bool:
    """A line that only comes after a story: share buttons, tags, links to other stories."""
    if unit.kind in ("related", "tags", "byline"):
        return True
    return unit.kind == "furniture" and bool(STORY_END_WORDS.search(line_key(unit.text)))


def is_tail_label(unit: Unit) -> bool:
    """A short line among the page's closing furniture that reads as a name or a label
    ("Jane Doe", "The Planet Press", "Contact:"), not as the end of a list in the story."""
    text = unit.text
    if unit.words > 8 or is_sentence(text):
        return False
    return text.endswith((":", "：")) or capitalised_share(text) >= 0.6


def is_nav_row(text: str) -> bool:
    """A menu set out on one line: "Home | News | Sport | Business"."""
    items = [i.strip() for i in re.split(r"\s[|·•/]\s|\s{2,}", text)]
    return len(items) >= 3 and all(
        0 < len(item.split()) <= 3 and not is_sentence(item) for item in items
    )


def is_share_row(key: str) -> bool:
    tokens = [t for t in re.split(r"[\s|,/·•]+", key) if t]
    if len(tokens) < 2 or len(tokens) > 14:
        return False
    cleaned = [t.strip(":.()[]") for t in tokens]
    return all(t in SHARE_WORDS or not t for t in cleaned) and any(
        t in SHARE_NAMES or t in ("like", "loading") for t in cleaned
    )


def is_headline_like(unit: Unit) -> bool:
    """Short, one line, not a sentence that ends in a full stop, not a link or a label."""
    text = unit.text
    if CJK_CHAR.search(text):
        if not 4 <= len(text) <= 80:
            return False
    elif not 2 <= unit.words <= 30 or len(text) > 250:
        return False
    if URL.search(text) or EMAIL.search(text) or text.endswith((":", "：", ",", "—", "–", "-")):
        return False
    if text[:1] in "([" and text[-1:] in ")]":
        return False
    initial = next((ch for ch in text if ch.isalpha()), "")
    if initial.islower():
        # Headlines do not start in lower case; a line that does carries something on.
        return False
    if unit.words > 20 and SENTENCE_BREAK.search(text):
        return False
    if unit.words > 16 and capitalised_share(text) < 0.5:
        # Long and in sentence case: the first sentence of the story, not its headline.
        return False
    if FULL_STOP_END.search(text) and not ABBREVIATION.search(text.rstrip("\"'”’»)]")):
        return False
    return has_letter(text)


def person(text: str) -> str | None:
    """``text`` as a person's (or a desk's) name, or None when it does not read as one."""
    text = text.strip(" ,;:.|-–—")
    text = re.sub(r"^(?:by|and)\s+", "", text, flags=re.IGNORECASE)
    if not text or len(text) > 60 or any(ch.isdigit() for ch in text) or URL.search(text):
        return None
    words = text.split()
    if not 1 <= len(words) <= 6 or words[0].casefold() in NAME_STOP:
        return None
    for word in words:
        bare = word.strip(".,’'()")
        if bare.casefold() in NAME_PARTICLES or not bare:
            continue
        if not (bare[0].isupper() or not bare[0].isalpha()):
            return None
    if len(words) == 1 and not re.search(r"[A-Z].*[a-z]", words[0]):
        return None
    if text.isupper() and has_letter(text):
        text = title_case_name(text)
    return text


def title_case_name(text: str) -> str:
    """A name written in capitals, in the usual case: "ANDREW MCCARTHY" -> "Andrew McCarthy"."""
    out = []
    for word in text.split():
        word = word.capitalize()
        word = re.sub(r"^(Mc|O['’]|D['’])(\w)", lambda m: m[1] + m[2].upper(), word)
        word = re.sub(r"-(\w)", lambda m: "-" + m[1].upper(), word)
        out.append(word)
    return " ".join(out)


def strip_dateline(text: str) -> str:
    m = DATELINE.match(text)
    if not m:
        return text
    place = m["place"]
    if place is not None:
        # Only a real dateline: a place in capitals, or one that names its agency or date.
        letters = [ch for ch in place if ch.isalpha()]
        shouting = letters and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)
        if not (shouting or "(" in place or find_date(place)) or len(place.split()) > 12:
            return text
    rest = text[m.end() :].strip()
    return rest if len(rest) >= 20 else text


def dateline_date(text: str) -> str | None:
    m = DATELINE.match(text)
    if not m or m["place"] is None:
        return None
    return find_date(m["place"])


def first_sentence(text: str) -> str:
    for m in re.finditer(r"[.!?。！？؟](?:[\"'”’»)\]]*)(?=\s|$)|[。！？]", text):
        candidate = text[: m.end()]
        if m.group(0)[0] == "." and ABBREVIATION.search(candidate.rstrip("\"'”’»)]")):
            continue
        following = text[m.end() :].lstrip()
        if following[:1].islower():
            continue
        if m.group(0)[0] == "." and THAI.match(following):
            # Thai ends sentences with a space; its full stops mark abbreviations.
            continue
        return candidate.strip()
    return text.strip()


def title_from_lead(lead: str, cjk: bool) -> str:
    """A title from the story's first sentence or clause, cut on a word boundary."""
    text = strip_dateline(" ".join(lead.split()))
    sentence = first_sentence(text)
    limit = 60 if cjk else 120
    if len(sentence) > limit:
        cut = sentence[: limit + 1]
        breaks = [m.start() for m in CLAUSE_BREAK.finditer(cut) if m.start() >= limit // 3]
        if breaks:
            sentence = cut[: breaks[-1]]
        elif cjk and " " not in cut:
            sentence = cut[:limit]
        else:
            sentence = first_words(sentence, limit - 10)
            sentence = TRAILING_WEAK.sub("", sentence)
    sentence = sentence.strip().rstrip(",;:，；：、—–- ")
    if sentence.endswith((".", "。")) and not ABBREVIATION.search(sentence):
        sentence = sentence[:-1]
    return sentence.strip()
