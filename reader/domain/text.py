"""Text measures and keys: word counts, reading time, content hashes, URL and tag normalising."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Words a minute for the reading-time estimate (the usual figure for screen reading).
WORDS_PER_MINUTE = 230

_WORD = re.compile(r"\w+", re.UNICODE)
# Scripts written without spaces between words: count characters, not runs of letters.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_MD_NOISE = re.compile(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|[*_`#>\[\]\\|]")

RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ku", "ps", "sd", "ug", "ur", "yi"}
)

#: Query parameters that only track the reader and never change the page.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_hsenc",
        "_hsmi", "mkt_tok", "ref_src", "ref_url", "cmpid", "ncid", "spm", "share", "guccounter",
        "s_cid", "oly_anon_id", "oly_enc_id", "vero_id", "wt_mc", "at_medium", "at_campaign",
    }
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "__hs", "hsa_")


def word_count(markdown: str) -> int:
    """Words in a Markdown body, ignoring link targets and markup characters.

    Characters of scripts written without spaces (Chinese, Japanese, Thai) count as a word
    every two characters, which keeps reading times sensible for them.
    """
    text = _MD_NOISE.sub(" ", markdown or "")
    cjk = len(_CJK.findall(text))
    if cjk:
        text = _CJK.sub(" ", text)
    return len(_WORD.findall(text)) + (cjk + 1) // 2


def reading_minutes(words: int) -> int:
    """Whole minutes to read ``words`` words; at least one for any text at all."""
    if words <= 0:
        return 0
    return max(1, round(words / WORDS_PER_MINUTE))


def content_hash(body: str, title: str = "") -> str | None:
    """A key equal for articles with the same title and the same words in the body, whatever
    their spacing or markup.

    The title takes part because pages built from one template (a placeholder text, a standard
    notice) share a body and are still different articles. Returns None for an empty body:
    link-only articles are matched by URL instead.
    """
    text = unicodedata.normalize("NFKC", _MD_NOISE.sub(" ", body or "")).casefold()
    words = _WORD.findall(text)
    if not words:
        return None
    heading = _WORD.findall(unicodedata.normalize("NFKC", title or "").casefold())
    key = " ".join(heading) + "\n" + " ".join(words)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def normalize_url(url: str | None) -> str | None:
    """The key two links to the same page share: no scheme, no ``www.``, no trailing slash,
    no fragment, no tracking parameters, the host in lower case, parameters sorted."""
    if not url:
        return None
    url = url.strip()
    if not url:
        return None
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
    except ValueError:
        return url.casefold()
    host = (parts.hostname or "").casefold()
    if host.startswith("www."):
        host = host[4:]
    if not host:
        return url.casefold()
    try:
        port = parts.port
    except ValueError:  # "host:abc" is not a port: the link is still a key
        port = None
    port = port if port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    path = re.sub(r"/{2,}", "/", parts.path or "").rstrip("/")
    for index_page in ("/index.html", "/index.htm", "/index.php"):
        if path.endswith(index_page):
            path = path[: -len(index_page)]
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.casefold() not in TRACKING_PARAMS and not k.casefold().startswith(_TRACKING_PREFIXES)
    ]
    query.sort()
    return urlunsplit(("", netloc, path, urlencode(query), "")).lstrip("/")


def normalize_tag(tag: str) -> str:
    """A tag as stored: trimmed, inner white space folded, a leading ``#`` dropped."""
    tag = " ".join((tag or "").split())
    return tag.lstrip("#").strip()


def clean_tags(tags: object) -> tuple[str, ...]:
    """Tags from a list or a comma-separated string, normalised, duplicates (any case) removed."""
    if tags is None:
        return ()
    items: list[str]
    if isinstance(tags, str):
        items = tags.split(",")
    elif isinstance(tags, (list, tuple, set, frozenset)):
        items = [str(t) for t in tags if t is not None]
    else:
        items = [str(tags)]
    seen: set[str] = set()
    out: list[str] = []
    for raw in items:
        tag = normalize_tag(raw)
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return tuple(out)


def is_rtl_language(language: str | None) -> bool:
    """Whether text in ``language`` (a BCP 47 tag: ``he``, ``ar-EG``) runs right to left."""
    if not language:
        return False
    return language.split("-")[0].split("_")[0].casefold() in RTL_LANGUAGES


def first_words(text: str, limit: int) -> str:
    """The start of ``text`` cut on a word boundary at no more than ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space >= limit // 2 else cut[:limit]
    return cut.rstrip(" ,;:—–-")
