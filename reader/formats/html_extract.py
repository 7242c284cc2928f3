"""Finding a web page's article: the block of the page a person came to read.

The approach is the one Firefox's Reader View made standard (Mozilla's Readability, itself
after Arc90's): every paragraph-like element scores points for its text (length, commas) and
hands them to its parent and grandparents; class names and ids that read as content
("article", "post", "story") or furniture ("comment", "sidebar", "share", "footer") weigh
in; link-heavy blocks are discounted. The best-scoring container, with those of its siblings
that look like more of the same, is the article. It is then cleaned of what such containers
still hold: forms, share bars, short link lists, empty paragraphs, lone embeds.

When a pass finds too little text it is run again with fewer rules (first without dropping
"unlikely" blocks, then without class weights, then without conditional cleaning), and the
longest result wins. The result is an lxml element tree; turning it into Markdown (and
sanitizing it) is ``html_markdown``'s job.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from reader.formats.html_tree import (
    DIV_TO_P,
    ancestors,
    detach,
    has_ancestor_tag,
    has_child_block,
    has_single_tag_inside,
    has_text_in,
    inner_text,
    is_phrasing,
    is_probably_visible,
    is_without_content,
    link_density,
    match_string,
    next_node,
    remove,
    remove_and_next,
    text_density,
    text_similarity,
)

Element = Any  # lxml.etree._Element; lxml ships no type information.

#: An article shorter than this (in characters) makes the extractor try again with fewer rules.
CHAR_THRESHOLD = 500
_TOP_CANDIDATES = 5
_TAGS_TO_SCORE = frozenset({"section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"})

_UNLIKELY = re.compile(
    r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|"
    r"gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|"
    r"sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|cookie|consent|"
    r"newsletter|subscribe-?box|paywall",
    re.IGNORECASE,
)
_MAYBE_CANDIDATE = re.compile(r"and|article|body|column|content|main|shadow", re.IGNORECASE)
_POSITIVE = re.compile(
    r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(
    r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|"
    r"footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|"
    r"skyscraper|sponsor|shopping|tags|widget",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"byline|author|dateline|writtenby|p-author", re.IGNORECASE)
_VIDEOS = re.compile(
    r"//(www\.)?((dailymotion|youtube|youtube-nocookie|player\.vimeo|v\.qq)\.com|"
    r"(archive|upload\.wikimedia)\.org|player\.twitch\.tv)",
    re.IGNORECASE,
)
_SHARE = re.compile(r"(\b|_)(share|sharedaddy)(\b|_)", re.IGNORECASE)
_COMMAS = re.compile("[\u002c\u060c\ufe50\ufe10\ufe11\u2e41\u2e34\u2e32\uff0c]")
_AD_WORDS = re.compile(
    r"^(ad(vertising|vertisements?|vertisment)?|pub(licité)?|werb(ung)?|anzeige|publicidad|"
    r"annonce|reklama|sponsored( content)?|广告|廣告|広告|Реклама|Anuncio|إعلان|פרסומת|"
    r"(story|article) continues below( this)?( ad(vertisement)?)?|"
    r"continue reading (below|the main story)|scroll to continue with content)$",
    re.IGNORECASE,
)
# Class and id words of advertising slots, as whole words ("ad-slot", "ads", "adunit").
_AD_CLASS = re.compile(
    r"(?:^|[\s_-])(?:ad|ads|advert|adverts|advertisement|adslot|adunit|adbox|dfp|gpt-ad|"
    r"sponsored|taboola|outbrain)(?:$|[\s_-])",
    re.IGNORECASE,
)
_LOADING_WORDS = re.compile(
    r"^((loading|正在加载|Загрузка|chargement|cargando)(…|\.\.\.)?)$", re.IGNORECASE
)
_IMAGE_FILE = re.compile(r"\.(jpg|jpeg|png|webp)", re.IGNORECASE)
_SRCSET_VALUE = re.compile(r"\.(jpg|jpeg|png|webp)\s+\d", re.IGNORECASE)
_SRC_VALUE = re.compile(r"^\s*\S+\.(jpg|jpeg|png|webp)\S*\s*$", re.IGNORECASE)
_B64_DATA_URL = re.compile(r"^data:\s*([^\s;,]+)\s*;\s*base64\s*,", re.IGNORECASE)
_SENTENCE_END = re.compile(r"\.( |$)")
_UNLIKELY_ROLES = frozenset(
    {"menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"}
)
_KEEP_AS_IS = frozenset({"div", "article", "section", "p"})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_TEXTISH = frozenset({"span", "li", "td"} | DIV_TO_P)
_EMPTY_WHEN_BLANK = frozenset({"div", "section", "header", *_HEADINGS})
_FLAG_STRIP_UNLIKELY, _FLAG_WEIGHT_CLASSES, _FLAG_CLEAN_CONDITIONALLY = 1, 2, 4


@dataclass(slots=True)
class Extracted:
    """The article found in a page: its content element, and what the search noticed."""

    content: Element
    #: A byline the search found (and took out of the content), when the page's metadata had
    #: none.
    byline: str | None
    #: The text direction of the article's container (``dir`` attribute), if any.
    direction: str | None
    text_length: int


# ============================================================================ preparing the page


def _is_single_image(node: Element | None) -> bool:
    while node is not None:
        if node.tag == "img":
            return True
        if len(node) != 1 or inner_text(node, normalize=False):
            return False
        node = node[0]
    return False


def _unwrap_noscript_images(root: Element) -> None:
    """Lazy-loading pages put the real image in ``<noscript>``: use it."""
    for img in list(root.iter("img")):
        if any(
            name in ("src", "srcset", "data-src", "data-srcset") or _IMAGE_FILE.search(value)
            for name, value in img.attrib.items()
        ):
            continue
        remove(img)
    for noscript in list(root.iter("noscript")):
        if not _is_single_image(noscript):
            continue
        prev = noscript.getprevious()
        if prev is None or not _is_single_image(prev):
            continue
        old = prev if prev.tag == "img" else next(prev.iter("img"))
        new = next(noscript.iter("img"))
        for name, value in old.attrib.items():
            if not value or not (name in ("src", "srcset") or _IMAGE_FILE.search(value)):
                continue
            if new.get(name) == value:
                continue
            new.set(f"data-old-{name}" if new.get(name) is not None else name, value)
        replacement = detach(noscript[0])
        replacement.tail = prev.tail
        prev.getparent().replace(prev, replacement)


def _replace_brs(body: Element) -> None:
    """Two or more ``<br>`` in a row start a new paragraph."""
    for br in list(body.iter("br")):
        if br.getparent() is None:
            continue
        replaced = False
        nxt = br.getnext()
        while nxt is not None and nxt.tag == "br" and not (br.tail or "").strip():
            # Only whitespace between the two: a chain.
            replaced = True
            br.tail = nxt.tail
            nxt.getparent().remove(nxt)
            nxt = br.getnext()
        if not replaced:
            continue
        parent = br.getparent()
        p = etree.Element("p")
        p.text = br.tail
        parent.replace(br, p)
        nxt = p.getnext()
        while nxt is not None:
            if nxt.tag == "br":
                after = nxt.getnext()
                if after is not None and after.tag == "br" and not (nxt.tail or "").strip():
                    break
            if not is_phrasing(nxt):
                break
            following = nxt.getnext()
            p.append(nxt)
            nxt = following
        _trim_trailing_whitespace(p)
        if parent.tag == "p":
            parent.tag = "div"


def _trim_trailing_whitespace(p: Element) -> None:
    while len(p):
        last = p[-1]
        if (last.tail or "").strip():
            break
        if last.tag == "br":
            tail = last.tail
            p.remove(last)
            if tail:
                _append_text(p, tail)
            continue
        break
    if len(p):
        p[-1].tail = (p[-1].tail or "").rstrip() or None
    elif p.text:
        p.text = p.text.rstrip() or None


def _append_text(node: Element, text: str) -> None:
    if len(node):
        node[-1].tail = (node[-1].tail or "") + text
    else:
        node.text = (node.text or "") + text


def prepare(root: Element) -> None:
    """What Reader View does before the search: drop comments, styles and scripts (the page
    text already had their contents cut), unwrap lazy images, split ``<br><br>`` runs."""
    for node in root.xpath("//comment() | //processing-instruction()"):
        remove(node)
    _unwrap_noscript_images(root)
    for node in list(root.iter("script", "noscript", "style", "template", "svg")):
        remove(node)
    body = root.find("body")
    if body is not None:
        _replace_brs(body)
    for font in root.iter("font"):
        font.tag = "span"
        font.attrib.clear()
    # AMP pages mark their pictures up as custom elements.
    for picture in root.iter("amp-img", "amp-anim"):
        picture.tag = "img"


# ============================================================================ the search


class _Search:
    """One run of the article search over a copy of the page's body, with a set of rules."""

    def __init__(self, root: Element, title: str | None, byline_known: bool) -> None:
        self.root = root
        self.title = title or ""
        self.byline_known = byline_known
        self.byline: str | None = None
        self.flags = _FLAG_STRIP_UNLIKELY | _FLAG_WEIGHT_CLASSES | _FLAG_CLEAN_CONDITIONALLY
        self.scores: dict[Element, float] = {}
        self.data_tables: set[Element] = set()

    # ---------------------------------------------------------------------------- weights

    def _flag(self, flag: int) -> bool:
        return bool(self.flags & flag)

    def class_weight(self, node: Element) -> int:
        if not self._flag(_FLAG_WEIGHT_CLASSES):
            return 0
        weight = 0
        for value in (node.get("class"), node.get("id")):
            if not value:
                continue
            if _NEGATIVE.search(value):
                weight -= 25
            if _POSITIVE.search(value):
                weight += 25
        return weight

    def _initialize(self, node: Element) -> None:
        tag = node.tag
        score = 0.0
        if tag == "div":
            score += 5
        elif tag in ("pre", "td", "blockquote"):
            score += 3
        elif tag in ("address", "ol", "ul", "dl", "dd", "dt", "li", "form"):
            score -= 3
        elif tag in _HEADINGS or tag == "th":
            score -= 5
        self.scores[node] = score + self.class_weight(node)

    # ---------------------------------------------------------------------------- walking

    def _check_byline(self, node: Element, matched: str) -> bool:
        if self.byline or self.byline_known:
            return False
        rel = node.get("rel")
        itemprop = node.get("itemprop") or ""
        if rel == "author" or "author" in itemprop or _BYLINE.search(matched):
            text = inner_text(node, normalize=False)
            if 0 < len(text) < 100:
                self.byline = text
                return True
        return False

    def _duplicates_title(self, node: Element) -> bool:
        if node.tag not in ("h1", "h2") or not self.title:
            return False
        return text_similarity(self.title, inner_text(node, normalize=False)) > 0.75

    def _wrap_phrasing(self, div: Element) -> None:
        """Runs of text and inline elements directly in a ``<div>`` become paragraphs."""
        items: list[Element | str] = []
        if div.text:
            items.append(div.text)
        for child in div:
            items.append(child)
            if child.tail:
                items.append(child.tail)
        needs = any(
            (isinstance(item, str) and item.strip())
            or (not isinstance(item, str) and is_phrasing(item))
            for item in items
        )
        if not needs:
            return
        div.text = None
        for child in list(div):
            child.tail = None
            div.remove(child)
        p: Element | None = None
        for item in items:
            phrasing = isinstance(item, str) or is_phrasing(item)
            if phrasing:
                blank = isinstance(item, str) and not item.strip()
                if p is not None:
                    self._add(p, item)
                elif not blank and not (not isinstance(item, str) and item.tag == "br"):
                    p = etree.SubElement(div, "p")
                    self._add(p, item)
                else:
                    self._add(div, item)
            else:
                if p is not None:
                    _trim_trailing_whitespace(p)
                    p = None
                div.append(item)
        if p is not None:
            _trim_trailing_whitespace(p)

    @staticmethod
    def _add(parent: Element, item: Element | str) -> None:
        if isinstance(item, str):
            _append_text(parent, item)
        else:
            parent.append(item)

    def _walk(self, body: Element) -> list[Element]:
        """Drop what cannot be the article, turn paragraph-like divs into paragraphs, and
        list the elements to score."""
        to_score: list[Element] = []
        remove_title_header = True
        strip_unlikely = self._flag(_FLAG_STRIP_UNLIKELY)
        node: Element | None = body
        while node is not None:
            matched = match_string(node)
            if not is_probably_visible(node) or (
                node.get("aria-modal") == "true" and node.get("role") == "dialog"
            ):
                node = remove_and_next(node)
                continue
            if self._check_byline(node, matched):
                node = remove_and_next(node)
                continue
            if remove_title_header and self._duplicates_title(node):
                remove_title_header = False
                node = remove_and_next(node)
                continue
            tag = node.tag
            if strip_unlikely and tag not in ("body", "a"):
                if (
                    (_UNLIKELY.search(matched) or _AD_CLASS.search(matched))
                    and not _MAYBE_CANDIDATE.search(matched)
                    and not has_ancestor_tag(node, "table")
                    and not has_ancestor_tag(node, "code")
                    # Formulas are never page furniture, whatever their classes say.
                    and node.find(".//math") is None
                ):
                    node = remove_and_next(node)
                    continue
                if node.get("role") in _UNLIKELY_ROLES:
                    node = remove_and_next(node)
                    continue
            if tag in _EMPTY_WHEN_BLANK and is_without_content(node):
                node = remove_and_next(node)
                continue
            if tag in _TAGS_TO_SCORE:
                to_score.append(node)
            if tag == "div":
                self._wrap_phrasing(node)
                if has_single_tag_inside(node, "p") and link_density(node) < 0.25:
                    child = node[0]
                    node.remove(child)
                    child.tail = node.tail
                    node.getparent().replace(node, child)
                    node = child
                    to_score.append(node)
                elif not has_child_block(node):
                    node.tag = "p"
                    to_score.append(node)
            node = next_node(node)
        return to_score

    # ---------------------------------------------------------------------------- scoring

    def _score(self, to_score: list[Element]) -> list[Element]:
        candidates: list[Element] = []
        for element in to_score:
            parent = element.getparent()
            if parent is None:
                continue
            text = inner_text(element)
            if len(text) < 25:
                continue
            lineage = [a for a in ancestors(element, 5) if a.getparent() is not None]
            if not lineage:
                continue
            points = 1 + len(_COMMAS.split(text)) + min(len(text) // 100, 3)
            for level, ancestor in enumerate(lineage):
                if ancestor not in self.scores:
                    self._initialize(ancestor)
                    candidates.append(ancestor)
                divider = 1 if level == 0 else 2 if level == 1 else level * 3
                self.scores[ancestor] += points / divider
        top: list[Element] = []
        for candidate in candidates:
            score = self.scores[candidate] * (1 - link_density(candidate))
            self.scores[candidate] = score
            for i in range(_TOP_CANDIDATES):
                if i >= len(top) or score > self.scores[top[i]]:
                    top.insert(i, candidate)
                    del top[_TOP_CANDIDATES:]
                    break
        return top

    def _choose(self, top: list[Element], body: Element) -> Element:
        best = top[0] if top else None
        if best is None or best.tag == "body":
            container = etree.Element("div")
            container.text, body.text = body.text, None
            for child in list(body):
                container.append(child)
            body.append(container)
            self._initialize(container)
            return container
        # Several close runners-up sharing an ancestor: the ancestor is the article.
        close = [
            set(ancestors(other))
            for other in top[1:]
            if self.scores[best] and self.scores[other] / self.scores[best] >= 0.75
        ]
        if len(close) >= 3:
            parent = best.getparent()
            while parent is not None and parent.tag != "body":
                if sum(parent in lineage for lineage in close) >= 3:
                    best = parent
                    break
                parent = parent.getparent()
        if best not in self.scores:
            self._initialize(best)
        # A parent scoring higher than its child holds more of the article.
        parent = best.getparent()
        last = self.scores[best]
        threshold = last / 3
        while parent is not None and parent.tag != "body":
            if parent not in self.scores:
                parent = parent.getparent()
                continue
            score = self.scores[parent]
            if score < threshold:
                break
            if score > last:
                best = parent
                break
            last = score
            parent = parent.getparent()
        # An only child: its parent lets the sibling search below see the neighbours.
        parent = best.getparent()
        while parent is not None and parent.tag != "body" and len(parent) == 1:
            best = parent
            parent = best.getparent()
        if best not in self.scores:
            self._initialize(best)
        return best

    def _gather(self, best: Element) -> Element:
        """The chosen block and those of its siblings that read as more of the article."""
        article = etree.Element("div")
        parent = best.getparent()
        if parent is None:
            article.append(best)
            return article
        threshold = max(10.0, self.scores[best] * 0.2)
        best_class = best.get("class") or ""
        for sibling in list(parent):
            append = sibling is best
            if not append:
                bonus = 0.0
                if best_class and (sibling.get("class") or "") == best_class:
                    bonus += self.scores[best] * 0.2
                if sibling in self.scores and self.scores[sibling] + bonus >= threshold:
                    append = True
                elif sibling.tag == "p":
                    density = link_density(sibling)
                    text = inner_text(sibling)
                    if (len(text) > 80 and density < 0.25) or (
                        0 < len(text) < 80 and density == 0 and _SENTENCE_END.search(text)
                    ):
                        append = True
            if append:
                detach(sibling)
                if sibling.tag not in _KEEP_AS_IS:
                    sibling.tag = "div"
                article.append(sibling)
        return article

    # ---------------------------------------------------------------------------- cleaning

    def _mark_data_tables(self, root: Element) -> None:
        for table in root.iter("table"):
            if table.get("role") == "presentation" or table.get("datatable") == "0":
                continue
            if table.get("summary"):
                self.data_tables.add(table)
                continue
            caption = table.find(".//caption")
            if caption is not None and (len(caption) or (caption.text or "").strip()):
                self.data_tables.add(table)
                continue
            if any(
                table.find(f".//{t}") is not None
                for t in ("col", "colgroup", "tfoot", "thead", "th")
            ):
                self.data_tables.add(table)
                continue
            if table.find(".//table") is not None:
                continue
            rows = columns = 0
            for tr in table.iter("tr"):
                rows += _int(tr.get("rowspan")) or 1
                columns = max(columns, sum(_int(td.get("colspan")) or 1 for td in tr.iter("td")))
            if columns == 1 or rows == 1:
                continue
            if rows >= 10 or columns > 4 or rows * columns > 10:
                self.data_tables.add(table)

    def _clean(self, root: Element, tag: str) -> None:
        embed = tag in ("object", "embed", "iframe")
        for node in reversed(list(root.iter(tag))):
            if embed and (
                any(_VIDEOS.search(v) for v in node.attrib.values())
                or (tag == "object" and _VIDEOS.search(etree.tostring(node, encoding="unicode")))
            ):
                continue
            remove(node)

    def _clean_conditionally(self, root: Element, tag: str) -> None:
        if not self._flag(_FLAG_CLEAN_CONDITIONALLY):
            return
        for node in reversed(list(root.iter(tag))):
            if node.getparent() is None:
                continue
            if self._fishy(node, tag):
                remove(node)

    def _fishy(self, node: Element, tag: str) -> bool:
        is_list = tag in ("ul", "ol")
        text = inner_text(node)
        if not is_list:
            list_length = sum(len(inner_text(x)) for x in node.iter("ul", "ol") if x is not node)
            is_list = bool(text) and list_length / len(text) > 0.9
        if tag == "table" and node in self.data_tables:
            return False
        if has_ancestor_tag(node, "table", -1, lambda t: t in self.data_tables):
            return False
        if has_ancestor_tag(node, "code"):
            return False
        if any(t in self.data_tables for t in node.iter("table")):
            return False
        weight = self.class_weight(node)
        if weight < 0:
            return True
        if text.count(",") >= 10:
            return False
        p = sum(1 for _ in node.iter("p"))
        img = sum(1 for _ in node.iter("img"))
        li = sum(1 for _ in node.iter("li")) - 100
        inputs = sum(1 for _ in node.iter("input"))
        heading_density = text_density(node, _HEADINGS)
        embeds = 0
        for embed in node.iter("object", "embed", "iframe"):
            if any(_VIDEOS.search(v) for v in embed.attrib.values()):
                return False
            embeds += 1
        if _AD_WORDS.match(text) or _LOADING_WORDS.match(text):
            return True
        length = len(text)
        density = link_density(node)
        in_figure = has_ancestor_tag(node, "figure")
        remove_it = (
            (not in_figure and img > 1 and p / img < 0.5)
            or (not is_list and li > p)
            or (inputs > math.floor(p / 3))
            or (
                not is_list
                and not in_figure
                and heading_density < 0.9
                and length < 25
                and (img == 0 or img > 2)
                and density > 0
            )
            or (not is_list and weight < 25 and density > 0.2)
            or (weight >= 25 and density > 0.5)
            or (embeds == 1 and length < 75)
            or embeds > 1
            or (img == 0 and not has_text_in(node, _TEXTISH))
        )
        if is_list and remove_it:
            # A list of images (a gallery) stays.
            if any(len(child) > 1 for child in node):
                return True
            if img == sum(1 for _ in node.iter("li")):
                return False
        return remove_it

    def _fix_lazy_images(self, root: Element) -> None:
        for elem in list(root.iter("img", "picture", "figure")):
            src = elem.get("src") or ""
            m = _B64_DATA_URL.match(src)
            if m and m.group(1) != "image/svg+xml":
                others = any(_IMAGE_FILE.search(v) for k, v in elem.attrib.items() if k != "src")
                if others and len(src) - (src.lower().find("base64") + 7) < 133:
                    del elem.attrib["src"]
            srcset = elem.get("srcset")
            if (elem.get("src") or (srcset and srcset != "null")) and "lazy" not in (
                elem.get("class") or ""
            ).lower():
                continue
            for name, value in list(elem.attrib.items()):
                if name in ("src", "srcset", "alt"):
                    continue
                target = None
                if _SRCSET_VALUE.search(value):
                    target = "srcset"
                elif _SRC_VALUE.match(value):
                    target = "src"
                if not target:
                    continue
                if elem.tag in ("img", "picture"):
                    elem.set(target, value)
                elif elem.tag == "figure" and not any(True for _ in elem.iter("img", "picture")):
                    img = etree.SubElement(elem, "img")
                    img.set(target, value)

    def _clean_matched(self, top: Element, test: Callable[[Element, str], bool]) -> None:
        end = next_node(top, skip_children=True)
        node = next_node(top)
        while node is not None and node is not end:
            removed = test(node, match_string(node))
            node = remove_and_next(node) if removed else next_node(node)

    def _prepare_article(self, article: Element) -> None:
        self._mark_data_tables(article)
        self._fix_lazy_images(article)
        self._clean_conditionally(article, "form")
        self._clean_conditionally(article, "fieldset")
        for tag in ("object", "embed", "footer", "link", "aside"):
            self._clean(article, tag)
        for child in list(article):
            self._clean_matched(
                child,
                lambda node, matched: (
                    bool(_SHARE.search(matched)) and len("".join(node.itertext())) < CHAR_THRESHOLD
                ),
            )
        for tag in ("iframe", "input", "textarea", "select", "button"):
            self._clean(article, tag)
        for heading in reversed(list(article.iter("h1", "h2"))):
            if self.class_weight(heading) < 0:
                remove(heading)
        self._clean_conditionally(article, "table")
        self._clean_conditionally(article, "ul")
        self._clean_conditionally(article, "div")
        for h1 in article.iter("h1"):
            h1.tag = "h2"
        for p in reversed(list(article.iter("p"))):
            if any(True for _ in p.iter("img", "embed", "object", "iframe")):
                continue
            text = inner_text(p, normalize=False)
            # An empty paragraph, or one that only labels an advertising slot.
            if not text or _AD_WORDS.match(text) or _LOADING_WORDS.match(text):
                remove(p)
        for br in list(article.iter("br")):
            nxt = br.getnext()
            if nxt is not None and nxt.tag == "p" and not (br.tail or "").strip():
                remove(br)
        for table in list(article.iter("table")):
            body = table[0] if has_single_tag_inside(table, "tbody") else table
            if has_single_tag_inside(body, "tr"):
                row = body[0]
                if has_single_tag_inside(row, "td"):
                    cell = row[0]
                    cell.tag = "p" if all(is_phrasing(c) for c in cell) else "div"
                    row.remove(cell)
                    cell.tail = table.tail
                    table.getparent().replace(table, cell)

    # ---------------------------------------------------------------------------- the run

    def run(self, body: Element) -> tuple[Element, list[Element]]:
        """The article found in ``body`` (which this changes), and the elements whose ``dir``
        says the article's direction (the chosen block's parent, the block, their ancestors).
        """
        self.scores.clear()
        self.data_tables.clear()
        self.byline = None
        to_score = self._walk(body)
        top = self._score(to_score)
        best = self._choose(top, body)
        parent = best.getparent()
        lineage = [parent, best, *ancestors(parent)] if parent is not None else [best]
        article = self._gather(best)
        self._prepare_article(article)
        return article, lineage


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def extract(root: Element, *, title: str | None, byline_known: bool) -> Extracted | None:
    """The article in a prepared page (see ``prepare``), or None when the page has no text."""
    body = root.find("body")
    if body is None:
        return None
    pristine = copy.deepcopy(body)
    search = _Search(root, title, byline_known)
    attempts: list[tuple[int, Extracted]] = []
    for flags in (
        search.flags,
        _FLAG_WEIGHT_CLASSES | _FLAG_CLEAN_CONDITIONALLY,
        _FLAG_CLEAN_CONDITIONALLY,
        0,
    ):
        search.flags = flags
        work = copy.deepcopy(pristine)
        root.replace(root.find("body"), work)
        article, lineage = search.run(work)
        length = len(inner_text(article, normalize=False))
        found = Extracted(
            content=article,
            byline=search.byline,
            direction=_direction(lineage),
            text_length=length,
        )
        if length >= CHAR_THRESHOLD:
            return found
        attempts.append((length, found))
    length, best = max(attempts, key=lambda pair: pair[0])
    return best if length else None


def _direction(lineage: list[Element]) -> str | None:
    for node in lineage:
        value = (node.get("dir") or "").strip().lower()
        if value in ("rtl", "ltr"):
            return value
    return None
