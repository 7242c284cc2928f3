"""A small library's worth of articles that exercise every exporter: Markdown with footnotes,
tables, code and images; right-to-left and CJK scripts; hostile titles; a link-only article."""

from __future__ import annotations

from datetime import UTC, datetime

from reader.domain.article import ArticleDraft, Highlight, RelatedLink

WHEN = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)

ENGLISH_BODY = """\
Israel’s Prime Minister thanked Russia’s President for the security coordination between \
the two countries, in a meeting at Sochi on Thursday.

## What was agreed

The leaders spoke for *three hours*, with **no aides** present. Details:

1. A hotline between the two armies stays open.
2. Flights over Syria are announced in advance.
   - Both sides keep the list.

> “We will continue to act,” the Prime Minister said.

| Side   | Aircraft | Notice |
|--------|---------:|--------|
| Israel | 12       | 2 h    |
| Russia | 30       | 1 h    |

```
code <kept> & exact
    indented
```

A footnote here[^1], a [link](https://example.com/story?a=1&b=2), a relative \
[page](other.html), an anchor [jump](#nowhere) and an image:

![Map of the region](https://example.com/map.png)

Text with\u00a0no-break spaces & ampersands < and > signs.

[^1]: The meeting was the thirteenth this year.
"""

HEBREW_BODY = """\
ראש הממשלה הודה לנשיא רוסיה על תיאום הביטחון בין שתי המדינות.

בפגישה בסוצ'י דיברו המנהיגים במשך שלוש שעות, ללא עוזרים.
"""

ARABIC_BODY = (
    "شكر رئيس الوزراء الرئيس الروسي على التنسيق الأمني بين البلدين.\n\nتحدث الزعيمان ثلاث ساعات."
)

CHINESE_BODY = "海上风电拍卖创下纪录。\n\n开发商为北海的三个场址出价，总容量达到七吉瓦。"

HOSTILE_TITLES = (
    'CON: a <bad> "title"/with\\slashes?|*',
    "../../etc/passwd",
    "index",
    ". .hidden..",
    "‮exe.txt",
)


def sample_drafts() -> list[ArticleDraft]:
    """Distinct articles (no two are duplicates of each other)."""
    drafts = [
        ArticleDraft(
            title="Netanyahu thanks Putin for security coordination",
            subtitle="A three-hour meeting in Sochi",
            author="Hana Levi Julian",
            author_bio="Hana Levi Julian is a Middle East news analyst.",
            site_name="Example News",
            url="https://example.com/news/netanyahu-putin",
            published_at="2019-09-12",
            language="en",
            summary="The leaders met for three hours.",
            image_url="https://example.com/photo.jpg",
            image_credit="Amos Ben-Gershom / GPO",
            image_caption="Prime Minister Netanyahu and President Putin, Sept. 12 2019",
            body=ENGLISH_BODY,
            tags=("israel", "russia"),
            starred=True,
            progress=0.4,
            highlights=(Highlight(id="h1", quote="three hours", note="long!", created_at=WHEN),),
            related=(
                RelatedLink(rel="previous", title="Earlier story", url="https://example.com/a"),
                RelatedLink(rel="next", title="Later story", url=None),
            ),
        ),
        ArticleDraft(
            title="ראש הממשלה הודה לנשיא רוסיה",
            author="כתב החדשות",
            published_at="2019-09-12T18:30:00Z",
            language="he",
            body=HEBREW_BODY,
            tags=("israel", "עברית"),
            url="https://example.co.il/news/1",
        ),
        ArticleDraft(
            title="الرئيس الروسي والتنسيق الأمني",
            language="ar",
            body=ARABIC_BODY,
            tags=("world/middle east",),
        ),
        ArticleDraft(
            title="海上风电拍卖创下纪录",
            language="zh",
            body=CHINESE_BODY,
            tags=("energy",),
            read=True,
            archived=True,
        ),
        ArticleDraft(
            title="Only a link so far",
            url="https://example.org/later",
            content_pending=True,
        ),
    ]
    for n, title in enumerate(HOSTILE_TITLES, 1):
        drafts.append(
            ArticleDraft(
                title=title,
                body=f"Hostile title number {n}: the file name must still be safe.",
                language="en",
                tags=("hostile",),
            )
        )
    return drafts
