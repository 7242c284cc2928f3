"""The scraped plain-text importer: golden files, each cleaning rule, and bad input.

The fixtures under tests/fixtures/plaintext are articles written for these tests, in the
shapes scrapers leave (a wire story with a photo block and no headline, a WordPress post with
share rows, a deck above its headline, a hard-wrapped essay, a press release with a contact
block, Hebrew and Chinese texts). Each has a ``.expected.json`` with every field it must give.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.domain.article import ArticleDraft, RelatedLink
from reader.domain.errors import ImportFormatError
from reader.formats import registry
from reader.formats.importers import plaintext
from reader.formats.importers.plaintext import FORMAT, MAX_BYTES, parse, sniff

FIXTURES = Path(__file__).parent.parent / "fixtures" / "plaintext"
GOLDEN = sorted(FIXTURES.glob("*.txt"))
FIELDS = (
    "title", "title_inferred", "subtitle", "author", "author_bio", "site_name", "url",
    "published_at", "language", "summary", "image_credit", "image_caption", "tags", "related",
    "removed", "body",
)  # fmt: skip


def one(text: str | bytes, name: str = "story.txt") -> ArticleDraft:
    data = text.encode("utf-8") if isinstance(text, str) else text
    drafts = list(parse(data, name=name))
    assert len(drafts) == 1
    draft = drafts[0]
    assert isinstance(draft, ArticleDraft)
    return draft


def fields(draft: ArticleDraft) -> dict[str, Any]:
    data = dataclasses.asdict(draft)
    out = {key: list(data[key]) if isinstance(data[key], tuple) else data[key] for key in FIELDS}
    out["related"] = [dict(link) for link in data["related"]]
    return out


def paragraphs(body: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]


# ----------------------------------------------------------------------------- golden files


def test_there_are_golden_files() -> None:
    assert len(GOLDEN) >= 8


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_golden(path: Path) -> None:
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    draft = one(path.read_bytes(), name=str(path))
    assert fields(draft) == expected
    assert draft.source_format == "plaintext"


def test_wire_story_the_way_the_seed_is_scored() -> None:
    """The checks the product's scorer makes on the seed, on a story of the same shape."""
    path = FIXTURES / "wire_no_headline.txt"
    draft = one(path.read_bytes(), name=str(path))
    assert len(paragraphs(draft.body)) == 7
    assert draft.body.startswith("Port Ellery’s harbour council voted")
    assert draft.body.endswith("the first to go the traders’ way.")
    for junk in ("Advertisement", "SHARE", "Previous article", "Next article", "Photo Credit"):
        assert junk not in draft.body
    assert "March 3 2021" not in draft.body
    assert "4th vote" in draft.body
    assert draft.title_inferred
    assert 10 <= len(draft.title) <= 120
    assert draft.body.startswith(draft.title)
    assert draft.published_at == "2021-03-03"
    assert draft.author == "Orla Brennan-Kaye"


# ----------------------------------------------------------------------------- furniture


LEAD = (
    "The harbour council voted on Wednesday night to keep the fish market open through "
    "the winter, reversing a decision that traders had fought for months."
)
SECOND = (
    "The vote followed a three-hour meeting in the council chamber, where traders filled "
    "every seat and most of the stairs."
)


@pytest.mark.parametrize(
    "junk",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Advertisements",
        "Sponsored Content",
        "SHARE",
        "Share this:",
        "Share this: Facebook Twitter Email",
        "Facebook | Twitter | WhatsApp | Email",
        "Tweet",
        "Like this: Like Loading... Related",
        "Continue reading →",
        "Story continues below",
        "Subscribe to the Harbour Gazette for FREE",
        "Sign up for our daily newsletter",
        "Follow us on Twitter",
        "Click here to read the full report",
        "[read more here]",
        "12 Comments",
        "Leave a comment",
        "Copyright © 2021 The Harbour Gazette",
        "RSS Feed for Orla Kaye",
        "Older articles by Orla Kaye",
        "The post Market Saved appeared first on The Harbour Gazette.",
        "Featured Image via Harbour Photos",
        "xxxxxxxxxxxxxxxxxxxxxxxx",
        "——-",
        "* * *",
        "=====",
        "harbour-market.JPG",
        "Read More @ HarbourGazette.example",
        "http://harbour.example/2021/03/market-saved",
        "Werbung",
        "Publicidad",
        "広告",
    ],
)
def test_furniture_lines_are_removed_and_listed(junk: str) -> None:
    draft = one(f"{LEAD}\n\n{junk}\n\n{SECOND}\n")
    assert paragraphs(draft.body) == [LEAD, SECOND]
    assert junk in draft.removed


@pytest.mark.parametrize(
    "line",
    [
        "Why Node.js",
        "Node.js",
        "Next item on the agenda was the budget",
        "Creditors met on Monday.",
        "Video games and the town",
        "3 views of the harbour",
        "Published by Penguin in 2019.",
        "By Friday, the council must decide.",
        "Please help the lifeboat crew.",
        "});",
        "a ≠ 0",
    ],
)
def test_ordinary_short_lines_are_kept(line: str) -> None:
    draft = one(f"{LEAD}\n\n{line}\n\n{SECOND}\n")
    assert paragraphs(draft.body)[1].replace("\\", "") == line
    assert draft.removed == ()


def test_a_refrain_is_not_a_slot() -> None:
    text = f"{LEAD}\n\nlet it be\n\n{SECOND}\n\nlet it be\n\n{LEAD}\n\nlet it be\n"
    assert one(text).body.count("let it be") == 3


def test_runs_of_empty_lines_are_one_paragraph_break() -> None:
    draft = one(f"{LEAD}\n\n\n\n\n\n{SECOND}\n\n\n")
    assert draft.body == f"{LEAD}\n\n{SECOND}"
    assert draft.removed == ()


def test_repeated_slot_lines_are_removed() -> None:
    slot = "Story Continues"
    draft = one(f"{LEAD}\n\n{slot}\n\n{SECOND}\n\n{slot}\n\n{LEAD}\n\n{slot}\n\n{SECOND}")
    assert slot not in draft.body
    assert draft.removed.count(slot) == 3


def test_comment_policy_after_the_story_is_removed() -> None:
    policy = (
        "Please read our comment policy before posting. We reserve the right to remove any "
        "comment and ban any user who breaks it."
    )
    draft = one(f"{LEAD}\n\n{SECOND}\n\n{policy}\n")
    assert paragraphs(draft.body) == [LEAD, SECOND]
    assert policy in draft.removed


def test_contact_block_after_the_story_is_removed() -> None:
    tail = (
        "Contact:\n\nMira Holt\n\nHarbour Gazette\n\nTel: +44 1632 960000\n\n"
        "Email: news@harbour.example"
    )
    draft = one(f"{LEAD}\n\n{SECOND}\n\n{tail}\n")
    assert paragraphs(draft.body) == [LEAD, SECOND]
    assert "Mira Holt" in draft.removed


def test_a_short_list_at_the_end_of_the_story_is_kept() -> None:
    text = f"{LEAD}\n\nYou will need:\n\n2 cups flour\n\n1 egg\n\nAdvertisement\n"
    assert paragraphs(one(text).body)[-2:] == ["2 cups flour", "1 egg"]


def test_furniture_words_inside_sentences_are_kept() -> None:
    text = (
        f"{LEAD}\n\nThe advertisement ran for a week, and readers were asked to share their "
        "stories and subscribe to updates about the market.\n\nShare your thoughts.\n"
    )
    draft = one(text)
    assert "The advertisement ran for a week" in draft.body
    assert "Share your thoughts." in draft.removed or "Share your thoughts." in draft.body


def test_lead_in_glued_to_a_paragraph_is_cut_off() -> None:
    draft = one(f"{LEAD}\n\nContinued below... {SECOND}\n")
    assert paragraphs(draft.body) == [LEAD, SECOND]
    assert "Continued below..." in draft.removed


# ----------------------------------------------------------------------------- metadata


def test_tags_and_categories_become_tags() -> None:
    text = (
        f"{LEAD}\n\nTags: fishing, Harbour, markets\n\n"
        "Filed under: Local | Tagged: council | 3 Comments »"
    )
    draft = one(text)
    assert draft.tags == ("fishing", "Harbour", "markets", "Local", "council")
    assert paragraphs(draft.body) == [LEAD]


def test_photo_credit_caption_and_caption_date() -> None:
    text = (
        "Photo: Lena Brandt / Harbour Gazette\n"
        "Traders wait outside the council chamber in Port Ellery, Jan. 6 2021.\n\n"
        f"{LEAD}\n"
    )
    draft = one(text)
    assert draft.image_credit == "Lena Brandt / Harbour Gazette"
    assert draft.image_caption == (
        "Traders wait outside the council chamber in Port Ellery, Jan. 6 2021."
    )
    assert draft.published_at == "2021-01-06"
    assert paragraphs(draft.body) == [LEAD]


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Photo Credit: A. Reyes", "A. Reyes"),
        ("Image credit: ESA/Hubble", "ESA/Hubble"),
        ("Photograph by Sam Ortiz/Reuters", "Sam Ortiz/Reuters"),
        ("Featured image via Wikimedia Commons", "Wikimedia Commons"),
        ("Foto: Jonas Weber", "Jonas Weber"),
    ],
)
def test_credit_lines(line: str, credit: str) -> None:
    draft = one(f"{LEAD}\n\n{line}\n\n{SECOND}\n")
    assert draft.image_credit == credit
    assert line not in draft.body


def test_inline_photo_credit_after_a_caption() -> None:
    draft = one(f"Boats in the harbour at dawn. (Photo: Ines Moreau)\n\n{LEAD}\n")
    assert draft.image_caption == "Boats in the harbour at dawn."
    assert draft.image_credit == "Ines Moreau"


def test_a_published_date_beats_the_caption_date() -> None:
    text = (
        "Photo Credit: A. Reyes\nTraders in Port Ellery, Jan. 6 2021.\n\n"
        f"Published: 8 January 2021\n\n{LEAD}\n"
    )
    assert one(text).published_at == "2021-01-08"


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("By Mira Holt", "Mira Holt"),
        ("by Mira Holt, Harbour Gazette:", "Mira Holt"),
        ("By MIRA HOLT / HARBOUR GAZETTE", "Mira Holt"),
        ("By Seán Ó Briain | March 3, 2021", "Seán Ó Briain"),
        ("Written by Mira Holt", "Mira Holt"),
    ],
)
def test_bylines(byline: str, author: str) -> None:
    draft = one(f"Market Saved by Late Vote\n\n{byline}\n\n{LEAD}\n\n{SECOND}\n")
    assert draft.author == author
    assert byline in draft.removed
    assert draft.title == "Market Saved by Late Vote"


def test_a_byline_date_is_read() -> None:
    draft = one(f"Market Saved\n\nBy Seán Ó Briain | March 3, 2021\n\n{LEAD}\n")
    assert draft.published_at == "2021-03-03"


def test_sentences_starting_with_by_are_not_bylines() -> None:
    text = f"Market Saved\n\nBy the end of the night, the traders had won.\n\n{LEAD}\n"
    draft = one(text)
    assert draft.author is None
    assert "By the end of the night, the traders had won." in draft.body


def test_glued_previous_and_next_links() -> None:
    text = (
        f"{LEAD}\n\nPrevious articleFerry Fares Rise Again\nNext article: What the Sea Wall Costs\n"
        "Previous articles have shown that the market can pay its way.\n"
    )
    draft = one(text)
    assert draft.related == (
        RelatedLink(rel="previous", title="Ferry Fares Rise Again"),
        RelatedLink(rel="next", title="What the Sea Wall Costs"),
    )
    assert "Previous articles have shown that the market can pay its way." in draft.body


@pytest.mark.parametrize("label", ["Related:", "Read more:", "See also:", "Read More:"])
def test_teasers_become_related_links(label: str) -> None:
    text = f"{LEAD}\n\n{label} Ferry Fares Rise Again\n\n{SECOND}\n"
    draft = one(text)
    assert draft.related == (RelatedLink(rel="related", title="Ferry Fares Rise Again"),)
    assert paragraphs(draft.body) == [LEAD, SECOND]


def test_a_teaser_list_under_a_label() -> None:
    text = (
        f"{LEAD}\n\n{SECOND}\n\nRelated Stories\n\nFerry Fares Rise Again\n\n"
        "How a Small Press Saved a Village Mill\n"
    )
    draft = one(text)
    assert [r.title for r in draft.related] == [
        "Ferry Fares Rise Again",
        "How a Small Press Saved a Village Mill",
    ]
    assert paragraphs(draft.body) == [LEAD, SECOND]


def test_closing_bio_gives_bio_and_author() -> None:
    bio = (
        "Mira Holt is a freelance writer who covers fishing and coastal towns. Her work has "
        "appeared in regional newspapers."
    )
    draft = one(f"{LEAD}\n\n{SECOND}\n\nSHARE\n{bio}\n")
    assert draft.author_bio == bio
    assert draft.author == "Mira Holt"
    assert paragraphs(draft.body) == [LEAD, SECOND]


def test_a_byline_author_is_kept_over_the_bio_subject() -> None:
    bio = "Mira Holt is a freelance writer who covers fishing and coastal towns."
    draft = one(f"Market Saved\n\nBy M. J. Holt\n\n{LEAD}\n\n{bio}\n")
    assert draft.author == "M. J. Holt"
    assert draft.author_bio == bio


def test_a_short_bio_after_the_share_buttons() -> None:
    bio = "Mira Holt is a reporter who has covered the harbour since 2015."
    draft = one(f"{LEAD}\n\n{SECOND}\n\nSHARE\nNext articleFerry Fares Rise Again\n{bio}\n")
    assert draft.author_bio == bio
    assert draft.author == "Mira Holt"


def test_a_closing_paragraph_after_an_advertisement_is_still_the_story() -> None:
    last = "Agnes Fairweather is the chair of the council and a former editor of this paper."
    draft = one(f"{LEAD}\n\n{SECOND}\n\nAdvertisement\n\n{last}\n")
    assert draft.author_bio is None
    assert paragraphs(draft.body)[-1] == last


def test_a_closing_paragraph_about_someone_else_is_not_a_bio() -> None:
    last = "Agnes Fairweather is the chair of the council and has held the post since 2015."
    draft = one(f"{LEAD}\n\n{SECOND}\n\n{last}\n")
    assert draft.author_bio is None
    assert paragraphs(draft.body)[-1] == last


def test_source_line_gives_the_url() -> None:
    draft = one(f"{LEAD}\n\nSource: https://harbour.example/2021/03/market-saved\n")
    assert draft.url == "https://harbour.example/2021/03/market-saved"
    assert paragraphs(draft.body) == [LEAD]


# ----------------------------------------------------------------------------- titles


def test_headline_line_is_the_title() -> None:
    draft = one(f"Market Saved by Late Vote\n\n{LEAD}\n\n{SECOND}\n")
    assert draft.title == "Market Saved by Late Vote"
    assert not draft.title_inferred
    assert "Market Saved by Late Vote" in draft.removed
    assert paragraphs(draft.body) == [LEAD, SECOND]


def test_headline_given_twice_is_taken_once() -> None:
    draft = one(f"Market Saved by Late Vote\n\nMarket Saved by Late Vote\n\n{LEAD}\n")
    assert draft.title == "Market Saved by Late Vote"
    assert paragraphs(draft.body) == [LEAD]


def test_question_headline() -> None:
    draft = one(f"Where do the gulls go when the market closes for the winter?\n\n{LEAD}\n")
    assert draft.title == "Where do the gulls go when the market closes for the winter?"
    assert not draft.title_inferred


def test_headline_under_a_deck_set_apart_by_space() -> None:
    text = (
        "A late vote, a leaking roof and a promise to publish the accounts by April\n\n"
        f"Market Saved for Another Winter\n\n\n\n{LEAD}\n"
    )
    draft = one(text)
    assert draft.title == "Market Saved for Another Winter"
    assert draft.subtitle == (
        "A late vote, a leaking roof and a promise to publish the accounts by April"
    )


def test_labelled_headline_promo_under_the_real_headline_is_dropped() -> None:
    text = f"Market Saved\n\nHeadline: Gold Beats Bitcoin Again!\n\n{LEAD}\n"
    draft = one(text)
    assert draft.title == "Market Saved"
    assert "Gold Beats Bitcoin Again" not in draft.body


def test_headline_under_a_site_menu() -> None:
    """Text copied from a whole page: the site's name and menu come first, the headline
    stands right over the byline and the story."""
    text = (
        "Harbour Gazette\nHome\nNews\nSport\nOpinion\nLocal News\n"
        "Council keeps fish market open through winter\nBy Mira Holt\nMarch 3, 2021\n"
        f"{LEAD}\n{SECOND}\n"
    )
    draft = one(text)
    assert draft.title == "Council keeps fish market open through winter"
    assert draft.author == "Mira Holt"
    assert draft.published_at == "2021-03-03"
    assert paragraphs(draft.body) == [LEAD, SECOND]
    assert {"Harbour Gazette", "Home", "Local News"} <= set(draft.removed)


def test_headline_echoed_by_the_page_title() -> None:
    text = (
        "Council keeps fish market open - Harbour Gazette\nSkip to main content\n"
        "Home | News | Sport | Business\nCouncil keeps fish market open\n"
        f"{LEAD}\n"
    )
    draft = one(text)
    assert draft.title == "Council keeps fish market open"
    assert paragraphs(draft.body) == [LEAD]


def test_a_subheading_after_the_opening_sentence_is_not_the_headline() -> None:
    text = (
        f"The market opened in 1931. It has closed only twice.\n\nThe Winter Question\n\n{LEAD}\n"
    )
    draft = one(text)
    assert draft.title_inferred
    assert "The Winter Question" in draft.body


def test_inferred_title_is_cut_from_the_lead_on_a_word_boundary() -> None:
    lead = (
        "Port Ellery’s harbour council voted on Wednesday night to keep the town’s fish market "
        "open through the winter and to pay for the roof of the fish hall out of next year’s "
        "budget, reversing a decision that traders had fought for months."
    )
    draft = one(f"Photo: A. Reyes\nTraders at the market.\n\n{lead}\n", name="0a1b2c3d.txt")
    assert draft.title_inferred
    assert 10 <= len(draft.title) <= 120
    assert lead.startswith(draft.title)
    assert lead[len(draft.title)] in " ,;:"
    assert not draft.title.endswith((" the", " and", " of", " to"))


def test_inferred_title_skips_a_dateline() -> None:
    draft = one("PORT ELLERY (HG) — The council voted on Wednesday to keep the market open.\n")
    assert draft.title == "The council voted on Wednesday to keep the market open"
    assert draft.title_inferred


def test_short_first_sentence_is_the_whole_title() -> None:
    draft = one("Why do gulls follow boats? Fishermen have argued about it for a century.\n")
    assert draft.title == "Why do gulls follow boats?"


def test_the_file_name_is_only_the_last_resort() -> None:
    assert one("!!!\n", name="notes/harbour_market-2021.txt").title == "harbour market 2021"
    assert one("Gulls.\n", name="0a1b2c3d.txt").title == "Gulls"


# ----------------------------------------------------------------------------- text


def test_hard_wrapped_lines_are_joined_into_paragraphs() -> None:
    text = (
        "The harbour council voted on Wednesday night to keep the fish market\n"
        "open through the winter, reversing a decision that traders had fought\n"
        "for months and that the town's newspaper had called a slow death for\n"
        "the waterfront.\n"
        "\n"
        "The vote followed a three-hour meeting in the council chamber, where\n"
        "traders filled every seat and most of the stairs, and a well-\n"
        "known fishmonger read out the market's accounts line by line.\n"
    )
    draft = one(text)
    assert paragraphs(draft.body) == [
        "The harbour council voted on Wednesday night to keep the fish market open through the "
        "winter, reversing a decision that traders had fought for months and that the town's "
        "newspaper had called a slow death for the waterfront.",
        "The vote followed a three-hour meeting in the council chamber, where traders filled "
        "every seat and most of the stairs, and a well-known fishmonger read out the market's "
        "accounts line by line.",
    ]


def test_scraped_lines_are_not_joined() -> None:
    text = f"{LEAD}\n{SECOND}\nShort line one\nShort line two\n"
    assert len(paragraphs(one(text).body)) == 4


def test_indentation_is_not_a_code_block() -> None:
    draft = one(f"        {LEAD}\n\n\t{SECOND}\n")
    assert paragraphs(draft.body) == [LEAD, SECOND]


def test_markdown_characters_are_escaped() -> None:
    text = (
        f"{LEAD}\n\n# 1 in the league\n\n1986. That was the year the market opened, and *nobody* "
        "came.\n\n- dashes and <tags> and snake_case stay as written.\n"
    )
    draft = one(text)
    assert "\\# 1 in the league" in draft.body
    assert "1986\\. That was the year" in draft.body
    assert "\\*nobody\\*" in draft.body
    assert "\\- dashes and \\<tags> and snake\\_case" in draft.body


def test_typographic_quotes_and_scripts_are_kept_exactly() -> None:
    line = "“Nobody wants the hall empty,” said Agnes — it’s ‘their’ market… 100% sure."
    draft = one(f"{LEAD}\n\n{line}\n")
    assert line in draft.body


def test_right_to_left_text_and_its_language() -> None:
    path = FIXTURES / "rtl_hebrew.txt"
    draft = one(path.read_bytes())
    assert draft.language == "he"
    assert "“הלב של השכונה”" in draft.body
    assert "פרסומת" in draft.removed


def test_chinese_text_title_and_language() -> None:
    path = FIXTURES / "cjk_chinese.txt"
    draft = one(path.read_bytes())
    assert draft.language == "zh"
    assert draft.title == "城市图书馆扩建工程下月动工"
    assert "“我们希望新馆成为全市读者的第二个客厅。”" in draft.body


def test_japanese_lead_gives_a_short_title() -> None:
    text = (
        "市立図書館は来月から改修工事を始めると発表した。工事の間も旧館は開館し、"
        "利用者は本を借りることができるという。\n"
    )
    draft = one(text)
    assert draft.title == "市立図書館は来月から改修工事を始めると発表した"
    assert draft.language == "ja"


def test_a_clean_article_comes_through_whole() -> None:
    text = f"{LEAD}\n\n{SECOND}\n\n“We asked for one more season and we got it,” a trader said.\n"
    draft = one(text)
    assert draft.removed == ()
    assert len(paragraphs(draft.body)) == 3
    assert draft.language == "en"


def test_text_that_is_all_furniture_is_kept_rather_than_lost() -> None:
    draft = one("Advertisement\n\nSHARE\n")
    assert draft.body == "Advertisement\n\nSHARE"
    assert draft.removed == ()
    assert draft.title


# ----------------------------------------------------------------------------- encodings


ARTICLE = (
    "Café Owner Wins Award\n\nThe owner of the café said she was “delighted” with the prize.\n"
)


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode("utf-8"),
        b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
        ARTICLE.encode("utf-16"),
        ARTICLE.encode("utf-16-le"),
        ARTICLE.encode("utf-16-be"),
        ARTICLE.encode("cp1252"),
        ARTICLE.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-le", "utf-16-be", "cp1252", "crlf"],
)
def test_encodings(data: bytes) -> None:
    draft = one(data)
    assert draft.title == "Café Owner Wins Award"
    assert draft.body == "The owner of the café said she was “delighted” with the prize."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"),
        (b"PK\x03\x04" + bytes(200), "zip"),
        (bytes(range(256)) * 8, "binary"),
    ],
    ids=["empty", "whitespace", "png", "zip", "binary"],
)
def test_bad_input_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ImportFormatError, match=reason):
        list(parse(data, name="bad.txt"))


def test_a_huge_file_is_refused() -> None:
    data = (LEAD + "\n\n").encode() * (20 * 1024 * 1024 // len(LEAD) + 1)
    assert len(data) > MAX_BYTES
    with pytest.raises(ImportFormatError, match="too large"):
        list(parse(data, name="huge.txt"))


def test_a_long_text_under_the_limit_is_one_clean_article() -> None:
    block = f"{LEAD}\n\nAdvertisement\n\n{SECOND}\n\n"
    draft = one("Market Saved\n\n" + block * 20_000)
    assert "Advertisement" not in draft.body
    assert draft.title == "Market Saved"
    assert len(paragraphs(draft.body)) == 40_000


# ----------------------------------------------------------------------------- the format


def test_format_description() -> None:
    assert FORMAT.name == "plaintext"
    assert FORMAT.extensions == ("txt", "text")
    assert FORMAT.parse is parse
    assert FORMAT.sniff is sniff
    assert plaintext.FORMAT is FORMAT


@pytest.mark.parametrize(
    ("head", "name", "score"),
    [
        (b"Some text", "story.txt", registry.EXTENSION),
        (b"Some text", "STORY.TEXT", registry.EXTENSION),
        (b"\x89PNG\r\n\x1a\n", "picture.txt", registry.EXTENSION),
        (b"Some text", "story.dat", registry.FALLBACK),
        (b"", "story.dat", registry.FALLBACK),
        ("Texte accentué".encode("cp1252"), "story", registry.FALLBACK),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "picture.png", registry.NO),
        (bytes(range(256)), "blob.bin", registry.NO),
    ],
)
def test_sniff(head: bytes, name: str, score: int) -> None:
    assert sniff(head, name) == score


# ----------------------------------------------------------------------------- any text


_PIECES = st.sampled_from(
    [
        "\n", "\n\n", "\n\n\n", "Advertisement", "SHARE", "Photo Credit: A B", "By Jane Doe",
        "Previous article", "Next articleFoo Bar", "Tags: a, b", "Related:", "Read more:",
        "Jane Doe is a writer for papers.", "Sept. 12 2019", "Posted on by x", "Filed under: a",
        "—–", "xxxx", "http://x.example/z", "(Photo: A)", "Title: T", "Headline: H", "* ", "# ",
        "1. ", "> ", "    ", "\t", "The cat sat on the mat. ", "Über ", "שלום ", "中文。", "ไทย ",
        "“quoted” ", "Published: 2019-09-12", "WASHINGTON (AP) -- ", "【6月18日 AFP】", "-", ".",
    ]
)  # fmt: skip


# Text as a text editor would save it: any characters but control characters (which make a
# file binary) and a stray byte-order mark.
_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff"),
    max_size=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES | _TEXT, max_size=30).map("".join))
def test_any_text_gives_one_draft(text: str) -> None:
    data = text.encode("utf-8")
    if not text.strip():
        with pytest.raises(ImportFormatError):
            list(parse(data, name="any.txt"))
        return
    drafts = list(parse(data, name="any.txt"))
    assert len(drafts) == 1
    draft = drafts[0]
    assert isinstance(draft, ArticleDraft)
    assert draft.body.strip()
    assert draft.title
    assert draft.source_format == "plaintext"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_one_draft_or_import_format_error(data: bytes) -> None:
    try:
        drafts = list(parse(data, name="any.txt"))
    except ImportFormatError:
        return
    assert len(drafts) == 1
