"""Scraped plain text: one article, cleaned of the web page it was copied or scraped from.

The default importer for text. A scraper (or a reader's copy and paste) leaves the page's
furniture in the text: advertisement slots, share buttons, teasers for other stories,
newsletter prompts, comment policies, tag and category lines. This module takes the article
out of that: it removes the furniture (listing every line it takes out of the body in
``removed``), turns the lines that describe the article (headline, byline, date, photo credit
and caption, tags, previous/next links, the author's bio) into fields, and keeps the text
itself exactly, as Markdown with nothing in it that Markdown would misread.

The rules look at what a line is like and where it sits: its length, its punctuation,
whether it reads as a sentence, whether it comes before the story's first real paragraph
(the header) or after its last (the footer), and vocabulary that many sites share, in
several languages. No rule names a site. The steps:

1. decode, and split into units: lines, or paragraphs when the text is hard-wrapped;
2. classify the lines that are furniture or metadata wherever they appear (share rows,
   slots, prompts, credits and captions, tags, teasers and previous/next links, dates);
3. read the footer back from the end to the story's last paragraph (links, contact
   blocks, comment policies, the author's bio);
4. read the header, everything before the story's first paragraph: the headline is picked
   by scoring each headline-like line (where it stands, the space around it, its case and
   length, whether the story or a deck follows it, whether it sits in a menu or is echoed
   by the page's own title), or a title is inferred from the lead; what remains is the body.

Every removed line is listed in ``removed``; when everything would go, nothing does.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from reader.domain.article import ArticleDraft, RelatedLink
from reader.domain.errors import ImportFormatError
from reader.domain.text import clean_tags, first_words
from reader.formats import registry
from reader.formats.dates import find_date, parse_date
from reader.formats.encoding import decode_text
from reader.formats.language import detect_language
from reader.formats.markdown_escape import escape_markdown
from reader.formats.registry import ImportFormat, ParsedItem

#: Larger than any article (a long novel is a few megabytes): refused with a clear reason.
MAX_BYTES = 10 * 1024 * 1024

# ============================================================================ units and findings


@dataclass(slots=True)
class _Unit:
    """A paragraph candidate: one line, or the lines of a hard-wrapped paragraph joined."""

    text: str
    raw: tuple[str, ...]
    first: int = 0
    last: int = 0
    gap_before: int = 0
    gap_after: int = 0
    words: int = 0
    kind: str = "text"
    #: Furniture glued to the start of the line and cut off it ("Continued below...").
    lead_in: str | None = None


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

# ============================================================================ measures

_INNER_SPACE = re.compile(r"[ \t]{2,}|\t")
# What a scraper leaves of an HTML comment: "< !– this is where ...", "–>".
_HTML_REMNANT = re.compile(r"^<\s*!\s*(?:--|[–—])|(?:--|[–—])>$")
_CJK_CHAR = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u0e00-\u0e7f]"
)
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A site's address on a line of its own ("redOrbit.com"), not a name such as "Node.js".
_DOMAIN_ONLY = re.compile(
    r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|news|gov|edu|co|io|uk|us|"
    r"ca|au|de|fr|es|it|nl|ru|in|tv|me|biz|press|online|media|today|blog)/?",
    re.IGNORECASE,
)
_IMAGE_FILE = re.compile(r"[\w\-. ]{1,80}\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg|avif)", re.I)
# Sentence punctuation at a line's end, before any closing quotes or brackets. ";" counts:
# lines of a list or a litany end with it.
_SENTENCE_END = re.compile(r"[.!?…;。！？؟।](?:[\"'”’»)\]]*)$")
_FULL_STOP_END = re.compile(r"(?<![.])[.。](?:[\"'”’»)\]]*)$")
_SENTENCE_BREAK = re.compile(r"[a-z\u00df-\u00ff\d][.!?…][\"'”’»)]*\s+[\"'“‘«(]*[A-Z\u00c0-\u00de]")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|Rev|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|St|Jr|Sr|Inc|Ltd|Co|"
    r"Corp|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|Mt|Ft|Univ)\.)$"
)


def _word_total(text: str) -> int:
    """Words, counting two characters of a script written without spaces as one word."""
    cjk = len(_CJK_CHAR.findall(text))
    if cjk:
        text = _CJK_CHAR.sub(" ", text)
    return len(_WORD.findall(text)) + (cjk + 1) // 2


def _is_cjk(text: str) -> bool:
    """Chinese, Japanese or Korean: wide characters, so titles are counted shorter."""
    sample = _THAI.sub("", text[:400])
    return len(_CJK_CHAR.findall(sample)) * 3 > len(sample)


def _is_prose(unit: _Unit) -> bool:
    """A unit that reads as running text: a sentence of some length, or a long passage."""
    if unit.words >= 40:
        return True
    return unit.words >= 12 and bool(_SENTENCE_END.search(unit.text))


def _opens_story(unit: _Unit) -> bool:
    """A unit that can only be the story's text, never its headline: long, or a statement of
    some length (headlines ask questions and exclaim, rarely end in a full stop)."""
    if unit.words >= 40:
        return True
    if unit.words >= 12 and _FULL_STOP_END.search(unit.text):
        return True
    return unit.words >= 24 and _is_prose(unit)


def _is_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def _key(text: str) -> str:
    """A line folded for comparing with vocabulary: lower case, no decoration at its ends."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    text = " ".join(text.split())
    return text.strip(" |·•*-–—:.…»«›‹→←<>()[]{}!?\"'“”#@")


def _capitalised_share(text: str) -> float:
    """How Title Case a line is: the share of its longer words that start with a capital."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) >= 4]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


# ============================================================================ vocabulary
#
# Everything here is shared by many sites; a line is compared after ``_key``.


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _vocabulary(block: str) -> frozenset[str]:
    """Phrases written one after another, separated by "|" or new lines."""
    return frozenset(_key(p) for p in re.split(r"[|\n]", block) if p.strip())


_FURNITURE = _vocabulary(
    """
    advertisement | advertisements | advertising | advert | ads | ad | sponsored
    sponsored content | promoted content | paid content | partner content | paid post
    story continues below | article continues below | continue reading below | continued below
    content continues below | advertisement - continue reading below
    advertisement - story continues below | continue reading | scroll to continue
    scroll down for video | scroll to continue with content | skip ad | skip advertisement
    share | share this | share this article | share this story | share this post
    share the story | share this page | shares | tweet | email | e-mail | print | print this
    print this page | print article | save | comments | comment | leave a comment
    leave a reply | post a comment | add a comment | show comments | view comments
    hide comments | comments closed | comments are closed | no comments | load comments
    be the first to comment | join the conversation | join the discussion | loading | like this
    like loading | related | related articles | related posts | related stories
    related content | related news | related links | related reading | related coverage
    related topics | related reports | related report | related items | related video
    related videos | you may also like | you might also like | you may be interested in
    recommended | recommended for you | recommended stories | trending | trending now
    most popular | most read | popular posts | read more | read next | read this next | see also
    also read | more stories | more news | top stories | latest news | latest stories
    editor's picks | further reading | keep reading | read the full story | read full story
    read the full article | read full article | view this article | view the article
    view article | view gallery | view image | enlarge | enlarge this image | toggle caption
    hide caption | image | photo | video | watch | listen | click here | click to enlarge
    found this helpful | was this helpful | was this article helpful | rate this article
    skip to main content | skip to content | skip navigation | jump to navigation | main menu
    toggle navigation | navigation | home | search | contact us | about us | advertise
    advertise with us | privacy | terms | sitemap | cookie settings | manage cookies
    close | back to top | menu | sign in | log in | login | log out | subscribe | subscribe now
    subscribe today | newsletter | sign up | sign up now | follow us | follow us on twitter
    like us on facebook | share on facebook | share on twitter | share via email | email this
    email article | tweet this | pin it | permalink | copy link | link copied | print friendly
    rss | rss feed | next | previous | older posts | newer posts | older entries | newer entries
    more | google | facebook | twitter | linkedin | pinterest | reddit | tumblr | whatsapp
    telegram | flipboard | messenger | instagram | youtube
    publicidad | anuncio | werbung | anzeige | publicité | pubblicità | reklama | reklāma
    реклама | פרסומת | إعلان | advertentie | annonce | mainos
    广告 | 廣告 | 広告 | 광고
    compartir | compartilhar | partager | teilen | condividi | поделиться | dalīties | udostępnij
    مشاركة | שתף | שתפו
    分享 | シェア | 공유
    leer más | lee también | lea también | noticias relacionadas | lesen sie auch
    mehr zum thema | lire aussi | lire la suite | à lire aussi | leggi anche | читайте также
    lasiet arī | اقرأ أيضا | اقرأ أيضاً | קראו עוד | עוד באתר
    関連記事 | 関連ニュース | 相关阅读 | 相关新闻
    相關新聞 | 관련기사 | 관련 기사
    """
)

# Words a row of share buttons is made of ("Share this: Facebook Twitter Email").
_SHARE_WORDS = _words(
    "share shares sharing tweet facebook twitter x email e-mail mail print pinterest reddit "
    "linkedin whatsapp telegram tumblr google google+ more messenger pocket flipboard copy link "
    "save comment comments sms like this loading... loading related on via it pin vk weibo "
    "wechat instagram youtube subscribe follow us rss digg stumbleupon"
)
_SHARE_NAMES = _words(
    "share tweet facebook twitter email e-mail pinterest reddit linkedin whatsapp telegram "
    "tumblr google google+ messenger pocket flipboard vk weibo wechat digg stumbleupon"
)

# Short lines that begin like a prompt to do something other than read the story.
_PROMPT = re.compile(
    r"^(?:subscribe|sign\s?-?up|register (?:now|today|for)|join (?:our|us|the|now)|"
    r"get (?:our|the latest|free|breaking|the best|daily|weekly|it on|access)|"
    r"download (?:our|the|it)|follow (?:us|@|me|the|our)|like us|find us on|connect with us|"
    r"stay (?:connected|informed|updated|in touch|up to date)|never miss|don'?t miss|"
    r"do not miss|want more|enjoy(?:ed)? (?:this|reading)|support (?:us|our|independent)|"
    r"donate|become a (?:member|patron|subscriber|supporter)|click (?:here|to|the|on|for)|"
    r"tap (?:here|to)|to subscribe|please (?:share|like|follow|subscribe|support|donate|"
    r"consider)|share (?:this|on|to|via|with|your)|e-?mail (?:this|to a friend|us)|"
    r"tweet (?:this|about|us)|print (?:this|article|story)|read (?:more|the full|the rest|"
    r"the original|the whole|the complete|the entire|full|on)|continue(?:d)? (?:reading|below|on)|"
    r"keep reading|view (?:this|the|full|original|more|all)|see (?:more|the full|full|all)|"
    r"more (?:info|information|details) (?:at|here|on)|full (?:story|article|text|report) "
    r"(?:at|here|on)|visit (?:us|our)|watch (?:the full|full|more|our|this video|video)|"
    r"listen (?:to (?:the|this|our) (?:podcast|episode|story)|on)|"
    r"check out (?:our|more|the full))\b"
    r"|^(?:分享到|分享至|转发到|转播到|转发至|シェアする|共有する)",
    re.IGNORECASE,
)
# Phrases that make a short line furniture wherever they are in it.
_FURNITURE_PHRASE = re.compile(
    r"add your two cents|commenting policy|comments? policy|community guidelines|"
    r"terms of (?:use|service)|privacy policy|cookie policy|all rights reserved|"
    r"your browser does not support|enable javascript|javascript (?:is|must be) (?:disabled|"
    r"enabled)|sign up for (?:our|the|free)|subscribe to (?:our|the|my)|follow us on|"
    r"like us on facebook|click here|you (?:may|might) also like|readers think this story|"
    r"appeared first on|originally appeared (?:on|in|at)|was (?:originally|first) published "
    r"(?:on|in|at|by)|is republished|republished (?:with|from|by)|reprinted with permission",
    re.IGNORECASE,
)
_COMMENT_COUNT = re.compile(
    r"^\d[\d,.]*\s*(?:comments?|responses?|replies|shares?|views?|likes?|reactions?)\b|"
    r"\bcomments?\s*\(\d+\)",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^(?:copyright\b|©|\(c\)\s*(?:19|20)\d\d|all rights reserved)", re.I)
_ATTRIBUTION = re.compile(
    r"^(?:delivered|brought to you|powered|presented|sponsored|syndicated|distributed|provided"
    r"|produced) by\b",
    re.IGNORECASE,
)
# "RSS Feed for Jane Doe", "Older articles by Jane Doe", "All posts by jdoe".
_AUTHOR_LINKS = re.compile(
    r"^(?:rss(?: feed)? for|(?:more|older|newer|other|recent|latest|all|view all|see all)\s+"
    r"(?:articles|posts|stories|columns|entries|pieces|news|content)\s+(?:by|from|about)|"
    r"(?:all\s+)?posts by|articles by|(?:follow|e-?mail|contact|write to)\s+[A-Z][\w.’'-]+"
    r"(?:\s+[A-Z][\w.’'-]+){0,3}(?:\s+(?:on|at)\s+(?:twitter|facebook|instagram|linkedin|x))?$)",
    re.IGNORECASE,
)
_CONTACT = re.compile(
    r"^(?:tel|telephone|phone|ph|fax|mobile|cell|e-?mail|mail|contact(?: us| info|"
    r" information| details)?|media contact|press contact|media inquiries|website|web|"
    r"twitter|facebook|instagram|linkedin|skype|whatsapp|address|investors?(?: relations)?|"
    r"visit (?:blog|us|our website)|blog|follow us on \w+)\s*[:：@]",
    re.IGNORECASE,
)
_SOURCE = re.compile(
    r"^(?P<label>source|sources|via|h/t|hat tip|originally (?:at|published at)|original article|"
    r"original|url|link|permalink|canonical|fuente|quelle)\s*[:：@]\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_COMMENT_POLICY = re.compile(
    r"\bcomment(?:s|ing|er|ers)?\b.*\b(?:polic(?:y|ies)|banned|ban|moderat\w*|reserve the right|"
    r"guidelines|remove any comment)|\b(?:polic(?:y|ies)|moderat\w*)\b.*\bcomments?\b",
    re.IGNORECASE,
)
# A rule drawn across the page: a run of one kind of mark ("xxxx", "* * *", "——-", "____",
# "· · ·"), or a lone dot or dash. Lines of other punctuation ("});", "+") can be code or
# mathematics and stay.
_SEPARATOR = re.compile(r"(?:[xX*=~#_.\-–—―─━•·∙◆◇■□○●]\s?){3,}|[.…·•*—–-]")
# Words and light punctuation only: not code ("WITH series AS (") or a table row ("3 │ f").
_PHRASE = re.compile(r"[^\W\d_](?:[^\W_]|[\s’'&.,:!?-])*")
_HASHTAGS = re.compile(r"(?:#[^\W_][\w-]*[\s,]*){2,}")
_BRACKETED = re.compile(r"^[\[(](?P<inner>[^\[\]()]{1,60})[\])]$")

# Labelled metadata lines. Tags and categories become tags.
_TAGS = re.compile(
    r"^(?P<label>tags?|tagged(?: with| as| in)?|keywords?|key words|topics?|labels?|"
    r"filed under|filed in|categories|category|posted in|etiquetas|"
    r"schlagwörter|schlagworte|mots-clés|tag)\s*[:：]\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_HEADER_LABEL = re.compile(
    r"^(?P<label>headline|title|subject|subtitle|subhead|deck|standfirst|author|authors|byline|writer|"
    r"date|published|publication date|date published|updated|last updated|url|link|site|"
    r"publication|publisher|summary|description|excerpt|abstract)\s*[:：]\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(
    r"^(?:(?:this\s+(?:article|story|post|entry|page)\s+(?:was\s+)?)?(?:originally\s+|first\s+|"
    r"last\s+)?(?:published|posted|updated|modified|dated?|released|created|written|filed)"
    r"(?:\s+(?:on|at))?\s*[:：\-–—]|(?:published|posted|updated|released)\s+(?:on\s+)?"
    r"(?=[A-Z0-9]))",
    re.IGNORECASE,
)
_POSTED = re.compile(
    r"^(?:posted|published|written|filed|submitted|uploaded)(?:\s+(?:on|at))?\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:by|written by|words by|story by|reported by|reporting by|text by|contributed by|"
    r"submitted by|posted by|author|authors|byline|por|von|par|di|door|av|від|автор)"
    r"\s*[:：\-–—]?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
# What follows a name in a signature: "Jane Doe Follow @jdoe", "Jane Doe on Twitter".
_BYLINE_TAIL = re.compile(
    r"\s+(?:follow|email|e-mail|contact|twitter|on twitter|@)\b.*$|\s+@\w+.*$", re.IGNORECASE
)
_NAME_PARTICLES = _words(
    "de da das do dos del della der den di du van von le la bin ibn al el y e and & ben bat st. mc"
)
_NAME_STOP = _words(
    "the a an this that these those it he she they we our his her its their there here in on "
    "at for with from to of as if when while after before about"
)

# Image credits: "Photo Credit: X", "Photo: X", "Image credit: X", "Featured image via X",
# "Photograph by X", "Foto: X", and a trailing "(Photo: X)" after a caption.
_CREDIT = re.compile(
    r"^(?:(?:featured|top|header|lead|main|cover|hero|feature|banner|thumbnail)\s+)?"
    r"(?:photo(?:graph)?s?|images?|pictures?|pics?|illustrations?|graphics?|fotos?|"
    r"fotografía|bild(?:er)?|imagen|immagine|photographie)"
    r"(?:\s+(?:credits?|sources?|courtesy(?:\s+of)?))?"
    r"(?:\s*[:：|]\s*|\s+[-–—]\s+|\s+(?:by|via|courtesy of|from|credit)\s*:?\s+)(?P<credit>.+)$"
    r"|^(?:credits?|image source|photo source|source of (?:the )?(?:image|photo))\s*[:：]\s*"
    r"(?P<credit2>.+)$"
    # "CreditJane Doe/Reuters": a scraper glued the label to the name.
    r"|^(?:photo\s*)?credit(?=(?-i:[A-Z][a-z]))(?P<credit3>.+)$"
    # "JANE DOE/AFP/Getty Images": a credit that names its agency and nothing else.
    r"|^(?P<credit4>[^/\s][^/]{1,40}(?:/[^/]{1,40})*/\s*(?:Getty Images|AFP|AP|AP Photo|Reuters|"
    r"EPA|EPA-EFE|Shutterstock(?:\.com)?|Alamy|iStock(?:photo)?|Bloomberg|Xinhua|Anadolu|Sipa|"
    r"Corbis|NurPhoto|ZUMA(?: Press)?|Pool|AAP|PA(?: Wire)?|Polaris|Redux))$",
    re.IGNORECASE,
)
_INLINE_CREDIT = re.compile(
    r"^(?P<caption>.{8,}?)\s*[(\[](?:photo(?:graph)?|image|picture|credit|foto)s?"
    r"(?:\s+credit)?\s*[:：]\s*(?P<credit>[^()\[\]]{2,80})[)\]]\.?$",
    re.IGNORECASE,
)
# "Previous articleX" / "Next article: Y" / "« Older post" (scrapers glue label and title).
_PREV_NEXT = re.compile(
    r"^[«‹←<\s]*(?P<rel>previous|prev\.?|next|older|newer)\s*"
    r"(?P<noun>article|post|story|entry|item)(?P<rest>.*)$",
    re.IGNORECASE,
)
# "Related: X", "Read more: X", "See also - X" (a teaser), or the label alone over a list.
_TEASER_LABEL = (
    r"related(?:\s+(?:articles?|posts?|stories|story|content|news|links?|reading|coverage|"
    r"topics?|reports?|items?|videos?))?|read (?:more|next|also)|also read|see also|"
    r"more on (?:this|that)(?: story| topic)?|recommended(?: reading| for you)?|"
    r"you (?:may|might) also (?:like|enjoy)|further reading|don'?t miss|must read|"
    r"in case you missed it|more from [^:]{1,40}|most popular|most read|most viewed|trending|"
    r"top stories|latest news|latest stories|more stories|more news|editor'?s picks|"
    r"popular (?:posts|stories)|you may have missed|leer más|lee también|lea también|"
    r"noticias relacionadas|lesen sie auch|mehr zum thema|lire aussi|à lire aussi|leggi anche|"
    r"читайте также|lasiet arī|関連記事|関連ニュース|相关阅读|相关新闻|相關新聞|관련\s?기사|"
    r"اقرأ أيضاً?|קראו עוד|עוד באתר"
)
_TEASER = re.compile(
    rf"^(?:{_TEASER_LABEL})\s*(?:[:：»›→|\-–—@]\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)
# Bio: "Jane Doe is a reporter ...", "About the author: Jane Doe writes ...".
_BIO_START = re.compile(
    r"^(?:about the author\s*[:\-–—]?\s*)?"
    r"(?P<name>[A-Z][\w’'.\-]*(?:\s+(?:[A-Z][\w’'.\-]*|de|da|del|della|der|di|du|van|von|bin|"
    r"ibn|al|la|le)){1,4})(?:,\s[^,]{3,60},)?\s+"
    r"(?:is|was|has been|writes|covers|reports|serves|lives|works|teaches|holds)\b"
)
_BIO_WORDS = re.compile(
    r"\b(?:writer|editor|author|journalist|analyst|columnist|correspondent|reporter|"
    r"contributor|professor|lecturer|researcher|scientist|founder|co-founder|director|graduate|"
    r"degree|blogger|host|producer|fellow|expert|commentator|novelist|poet|historian|economist|"
    r"attorney|lawyer|consultant|freelance|freelancer|staff|based in|lives in|has written|"
    r"written for|books?|publisher|publication|newspaper|magazine|columns?|journalism|career|"
    r"award-winning|ceo|executive|studied|specializ\w+|specialis\w+|experience|authored)\b",
    re.IGNORECASE,
)
# Furniture that closes a story (an advertisement slot can stand anywhere).
_STORY_END_WORDS = re.compile(
    r"share|tweet|comment|subscribe|follow|newsletter|copyright|©|rss|articles by|posts by|"
    r"filed|tagged|related|read more|like this|continue reading|appeared first"
)
_ABOUT_AUTHOR = re.compile(r"^about the author\b", re.IGNORECASE)
# A dateline at the head of a lead: "WASHINGTON (CNN) -- ", "Vatican City, Jan 24, 2018 /
# 04:26 am (CNA/EWTN News).- ", "【6月18日 AFP】".
_DATELINE = re.compile(
    r"^(?:【[^】]{1,40}】\s*|[\u4e00-\u9fff\d]{2,24}电\s+|"
    r"(?P<place>[^\s.!?].{0,90}?)\s*(?:--|—|–|\.-|\s-)\s+)"
)
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_LEAD_IN = re.compile(
    r"^(?:continued below|story continues below|article continues below|continue reading below|"
    r"advertisement|advertisements|sponsored|ad)\s*(?:\.{2,}|…|:|-|–|—)\s+(?=\S)",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"(?:[,;:]|\s[—–-])\s|[，；：、]")
_TRAILING_WEAK = re.compile(
    r"(?:\s+(?:a|an|the|and|or|but|of|in|on|at|to|for|with|by|from|as|that|which|who|his|her|"
    r"its|their|our|your|my|is|are|was|were|be|has|have|had|than|into|over|after|before|about))+"
    r"$",
    re.IGNORECASE,
)

# ============================================================================ the format


def sniff(head: bytes, name: str) -> int:
    """Text files by extension; any other file whose start reads as text, as a fallback."""
    if registry.extension_of(name) in FORMAT.extensions:
        return registry.EXTENSION
    if not head.strip():
        return registry.FALLBACK
    try:
        decode_text(head)
    except ImportFormatError:
        return registry.NO
    return registry.FALLBACK


def parse(data: bytes, *, name: str) -> Iterator[ParsedItem]:
    """The one article in ``data``; raises ImportFormatError for input that is not text."""
    if len(data) > MAX_BYTES:
        raise ImportFormatError(
            f"the file is too large for one article ({len(data) / 1_048_576:.1f} MB; "
            f"the limit is {MAX_BYTES // 1_048_576} MB)"
        )
    text = decode_text(data, what="text")
    yield _Cleaner(text, name).draft()


# ============================================================================ splitting


def _split_units(text: str) -> list[_Unit]:
    """The text's paragraph candidates, with the blank lines around each."""
    lines = text.split("\n")
    trimmed = [line.strip() for line in lines]
    width = _wrap_width(trimmed)
    # Each unit as its lines so far (joined at the end: joining as we go is quadratic).
    groups: list[tuple[int, list[str]]] = []
    previous_indent = 0
    last_index = -2
    for index, (line, clean) in enumerate(zip(lines, trimmed, strict=True)):
        if not clean:
            continue
        indent = len(line) - len(line.lstrip())
        if (
            groups
            and width
            and last_index == index - 1
            and _continues(groups[-1][1][-1], clean, width, indent > previous_indent)
        ):
            groups[-1][1].append(clean)
        else:
            groups.append((index, [clean]))
        previous_indent = indent
        last_index = index
    units: list[_Unit] = []
    for first, parts in groups:
        units.append(
            _Unit(
                # Runs of spaces and tabs inside a line show as one space anyway.
                text=_INNER_SPACE.sub(" ", _join_wrapped(parts)),
                raw=tuple(parts),
                first=first,
                last=first + len(parts) - 1,
            )
        )
    for i, unit in enumerate(units):
        unit.words = _word_total(unit.text)
        unit.gap_before = unit.first - (units[i - 1].last + 1 if i else 0)
        following = units[i + 1].first if i + 1 < len(units) else len(lines)
        unit.gap_after = following - unit.last - 1
    return units


def _join_wrapped(parts: list[str]) -> str:
    """The lines of a hard-wrapped paragraph as one line."""
    if len(parts) == 1:
        return parts[0]
    out = [parts[0]]
    for part in parts[1:]:
        previous = out[-1]
        if previous.endswith("-") and previous[-2:-1].isalpha() and part[:1].islower():
            # A word broken across the wrap: keep its hyphen, drop the space.
            out.append(part)
        else:
            out.append(" " + part)
    return "".join(out)


def _wrap_width(lines: list[str]) -> int:
    """The width the text was hard-wrapped at, or 0 when its lines are paragraphs.

    Hard-wrapped text has many lines of similar length that run on into the next line
    without ending a sentence; scraped text has one line per paragraph, of any length.
    """
    followed = [a for a, b in itertools.pairwise(lines) if a and b and not _CJK_CHAR.search(a)]
    if len(followed) < 4:
        return 0
    lengths = sorted(len(line) for line in lines if line)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 30 <= width <= 110:
        return 0
    near = [a for a in followed if len(a) >= 0.6 * width]
    open_ended = [a for a in near if not _SENTENCE_END.search(a)]
    if len(near) < 3 or len(near) < 0.5 * len(followed) or len(open_ended) < 0.5 * len(near):
        return 0
    return width


def _continues(previous: str, line: str, width: int, indented: bool) -> bool:
    """Whether ``line`` carries on the paragraph of ``previous`` in hard-wrapped text."""
    if indented or re.match(r"(?:[-*+•]\s|\d{1,3}[.)]\s)", line):
        return False
    first = line.split(" ", 1)[0]
    # The wrapper moved a word down only when it did not fit on the line above.
    return len(previous) + 1 + len(first) > width - 2


# ============================================================================ the cleaner


class _Cleaner:
    """Works out the article in one text; ``draft()`` gives it."""

    def __init__(self, text: str, name: str) -> None:
        self.name = name
        self.units = _split_units(text)
        self.found = _Found()
        self.cjk = _is_cjk(text[:4000])
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
        removed = tuple(_removed_lines(units))
        if not body_units:
            # Everything looked like furniture: keep the text rather than lose it.
            body_units = list(units)
            removed = ()
        body = "\n\n".join(escape_markdown(u.text) for u in body_units)
        found = self.found
        lead = next((u for u in body_units if _is_prose(u)), None)
        if lead is not None:
            found.offer_date(_dateline_date(lead.text), _BY_DATELINE)
        title, inferred = self._title(body_units)
        if found.subtitle and _same(found.subtitle, title):
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
            source_format=FORMAT.name,
        )

    def _story_start(self) -> int:
        """Index of the story's first real paragraph: what comes before it is the header."""
        texts = [i for i, u in enumerate(self.units) if u.kind == "text"]
        for i in texts:
            if _opens_story(self.units[i]):
                return i
        if not texts:
            return len(self.units)
        # No line reads as prose (a list, a poem, a stub): only the first could be a heading.
        return texts[min(1, len(texts) - 1)]

    # ------------------------------------------------------------------ anywhere

    def _classify_anywhere(self, unit: _Unit) -> None:
        """Furniture and metadata that are recognisable wherever they stand."""
        self._strip_lead_in(unit)
        text = unit.text
        if unit.words > 60:
            return
        key = _key(text)
        if _SEPARATOR.fullmatch(text) or (unit.words <= 12 and _HTML_REMNANT.search(text)):
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
        if key in _FURNITURE or _is_share_row(key) or _is_nav_row(text):
            unit.kind = "furniture"
            return
        bracketed = _BRACKETED.match(text)
        if bracketed and (
            _key(bracketed["inner"]) in _FURNITURE or _PROMPT.match(bracketed["inner"])
        ):
            unit.kind = "furniture"
            return
        if unit.words <= 25 and (
            _FURNITURE_PHRASE.search(text)
            or _COPYRIGHT.match(text)
            or (unit.words <= 4 and _COMMENT_COUNT.search(text))
            or _ATTRIBUTION.match(text)
            or _AUTHOR_LINKS.match(text)
            or _HASHTAGS.fullmatch(text)
            or _IMAGE_FILE.fullmatch(text)
            or _DOMAIN_ONLY.fullmatch(text)
        ):
            unit.kind = "furniture"
            return
        if unit.words <= 20 and _PROMPT.match(text):
            unit.kind = "furniture"
            return
        if self._source(unit) or self._link_line(unit):
            return
        if self._posted(unit):
            return

    def _strip_lead_in(self, unit: _Unit) -> None:
        """A slot's label glued to a paragraph: "Continued below... The newspaper said"."""
        m = _LEAD_IN.match(unit.text)
        if m and _word_total(unit.text[m.end() :]) >= 3:
            unit.lead_in = m.group(0).strip()
            unit.text = unit.text[m.end() :]
            unit.words = _word_total(unit.text)

    def _related(self, unit: _Unit) -> bool:
        m = _PREV_NEXT.match(unit.text)
        if m:
            rest = m["rest"]
            title = rest.strip(" :»›→>-–—|")
            # "Previous articles have shown ...", "Next item on the agenda was ...":
            # sentences, not a label glued to a headline.
            if title[:1].isalpha() and title[:1].islower():
                return False
            rel = "next" if m["rel"].casefold() in ("next", "newer") else "previous"
            unit.kind = "related"
            if title and _has_letter(title):
                self.found.related.append(RelatedLink(rel=rel, title=title))
            else:
                unit.kind = f"related-label:{rel}"
            return True
        m = _TEASER.match(unit.text)
        if m:
            rest = (m["rest"] or "").strip()
            unit.kind = "furniture" if rest else "teaser-label"
            if rest and _word_total(rest) >= 3 and not _URL.search(rest):
                self.found.related.append(RelatedLink(rel="related", title=rest))
            return True
        return False

    def _credit(self, unit: _Unit) -> bool:
        m = _CREDIT.match(unit.text)
        if m:
            credit = (m["credit"] or m["credit2"] or m["credit3"] or m["credit4"] or "").strip()
            if not credit or len(credit) > 150:
                return False
            unit.kind = "credit"
            if self.found.image_credit is None:
                self.found.image_credit = credit
            return True
        m = _INLINE_CREDIT.match(unit.text)
        if m and unit.words <= 40:
            unit.kind = "caption-credit"
            if self.found.image_credit is None and self.found.image_caption is None:
                self.found.image_credit = m["credit"].strip()
                self.found.image_caption = m["caption"].strip()
                self.found.offer_date(find_date(m["caption"]), _BY_CAPTION)
            return True
        return False

    def _tags(self, unit: _Unit) -> bool:
        segments = [s.strip() for s in re.split(r"\s[|•·]\s|\s[|•·]$", unit.text) if s.strip()]
        labelled = [_TAGS.match(s) for s in segments]
        if not labelled or not labelled[0]:
            if _HASHTAGS.fullmatch(unit.text):
                self.found.tags.extend(t.strip("#,") for t in unit.text.split())
                unit.kind = "tags"
                return True
            return False
        for m in labelled:
            if m:
                rest = m["rest"].strip().rstrip("|").strip()
                for tag in re.split(r"\s*[,;、，]\s*", rest):
                    tag = tag.strip(" .#")
                    if tag and len(tag.split()) <= 6 and not _URL.search(tag):
                        self.found.tags.append(tag)
        unit.kind = "tags"
        return True

    def _date_line(self, unit: _Unit) -> bool:
        """A line that states the date: "Published: ...", "This article was posted: ..."."""
        if unit.words > 16:
            return False
        m = _DATE_LABEL.match(unit.text)
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
            self.found.offer_author(_person(by[1].split(",")[0]), _BY_POSTED)
        unit.kind = "date"
        return True

    def _source(self, unit: _Unit) -> bool:
        m = _SOURCE.match(unit.text)
        if not m or unit.words > 14:
            return False
        link = _URL.search(m["rest"])
        if link and self.found.url is None and m["label"].casefold() != "via":
            url = link.group(0).rstrip(".,;)")
            if url.casefold().startswith("www."):
                url = "https://" + url
            if re.search(r"//[^/]+/.", url):
                self.found.url = url
        unit.kind = "furniture"
        return True

    def _link_line(self, unit: _Unit) -> bool:
        """A line that is mostly a link: "http://...", "Visit @ http://...", "Email: a@b.c"."""
        if not (_URL.search(unit.text) or _EMAIL.search(unit.text)):
            return False
        rest = _without_links(unit.text)
        if _word_total(rest) > 12 or unit.words > 30:
            return False
        if _is_sentence(unit.text) and _word_total(rest) > 6:
            return False
        unit.kind = "furniture"
        return True

    def _posted(self, unit: _Unit) -> bool:
        """A posting line: "Posted on by jdoe", "Posted on June 3, 2016 by Jane Doe"."""
        m = _POSTED.match(unit.text)
        # A posting line is a label, not a sentence ("Published by Penguin in 2019.").
        if not m or unit.words > 14 or _FULL_STOP_END.search(unit.text):
            return False
        rest = m["rest"]
        by = re.search(r"\bby\s+(.+?)(?:\s+(?:on|at|in)\s+.*)?$", rest)
        date = find_date(rest)
        if not by and not date:
            return False
        self.found.offer_date(date, _BY_LABEL)
        if by:
            self.found.offer_author(_person(by[1].split(",")[0]), _BY_POSTED)
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
                and not _is_sentence(unit.text)
                and _PHRASE.fullmatch(unit.text)
                # Slots are labels in capitals; a refrain of a song or poem is not.
                and _capitalised_share(unit.text) >= 0.3
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
            caption: _Unit | None = None
            if (
                below
                and unit.gap_after == 0
                and below.kind == "text"
                and below.words <= longest
                and (spaced or not _opens_story(below))
            ):
                caption = below
            elif (
                above
                and spaced
                and unit.gap_before == 0
                and above.kind == "text"
                and above.words <= 30
                and _is_sentence(above.text)
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
                if limit == 0 or unit.kind != "text" or not _is_headline_like(unit):
                    break
                if _BYLINE.match(unit.text) or _ATTRIBUTION.match(unit.text):
                    break
                after = following[n + 1] if n + 1 < len(following) else None
                # Inside the story a subheading can follow a label too: past the first
                # teaser, a line that leads straight into prose is kept.
                if n and after is not None and after.kind == "text" and _is_prose(after):
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
            if junk_after and _is_tail_label(unit):
                unit.kind = "furniture"
                continue
            beyond_story = junk_after or (before is not None and _ends_story(before))
            if not bio_seen and self._bio(unit, beyond_story):
                bio_seen = True
                junk_after = True
                continue
            break

    def _footer_byline(self, unit: _Unit) -> bool:
        """A signature under the story: "-- By Jane Doe Follow @jdoe"."""
        m = _BYLINE.match(unit.text.lstrip("-–—~ "))
        if not m or unit.words > 12:
            return False
        rest = re.sub(_BYLINE_TAIL, "", m["rest"])
        name = _person(re.split(r"\s[|/·•—–-]\s|,\s", rest)[0])
        if not name:
            return False
        self.found.offer_author(name, _BY_POSTED)
        unit.kind = "byline"
        return True

    def _footer_furniture(self, unit: _Unit) -> bool:
        text = unit.text
        if unit.words <= 15 and _CONTACT.match(text):
            return True
        return unit.words <= 150 and bool(_COMMENT_POLICY.search(text))

    def _bio(self, unit: _Unit, beyond_story: bool) -> bool:
        """A closing paragraph about the author: "Jane Doe is a reporter who ...".

        A paragraph that opens "<Name> is ..." may close the story itself ("Agnes Fairweather
        is the chair of the council"), so it is taken for a bio only when it is about the
        byline's author, stands apart from the story (after its share buttons or links), or
        is plainly about a writer's career.
        """
        text = unit.text
        about = _ABOUT_AUTHOR.match(text)
        m = _BIO_START.match(text)
        if not m or unit.words < 8 or unit.words > 200:
            return False
        name = m["name"].strip()
        words = name.split()
        if words[0].casefold() in _NAME_STOP or not _person(name):
            return False
        hits = len(_BIO_WORDS.findall(text))
        author = self.found.author
        matches_author = bool(author) and bool(
            {w.casefold() for w in words} & {w.casefold() for w in (author or "").split()}
        )
        if not (about or matches_author or (beyond_story and hits >= 1) or hits >= 2):
            return False
        unit.kind = "bio"
        if self.found.author_bio is None:
            self.found.author_bio = text
        self.found.offer_author(_person(name), _BY_BIO_SUBJECT)
        return True

    # ------------------------------------------------------------------ header

    def _read_header(self, start: int) -> None:
        """Before the story's first paragraph: the headline, a deck, a byline and a date."""
        found = self.found
        header = [u for u in self.units[:start] if u.kind == "text"][:40]
        candidates: list[_Unit] = []
        labelled_title: _Unit | None = None
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
            if _is_headline_like(unit) and not said_something:
                candidates.append(unit)
            # Once the text has said something in a full sentence, a short line after it is
            # a subheading of the story, not its headline.
            said_something = said_something or (
                unit.words >= 6 and bool(_FULL_STOP_END.search(unit.text))
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

    def _header_label(self, unit: _Unit, candidates: list[_Unit]) -> bool:
        """Metadata lines ("Title: X", "Author: Y", "Date: Z") of a text that opens with a
        metadata block, and the "Headline: X" promo some sites put under the real headline."""
        m = _HEADER_LABEL.match(unit.text)
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
            found.offer_author(_person(rest) or rest, _BY_BYLINE)
            unit.kind = "meta"
        elif label in ("url", "link"):
            link = _URL.search(rest)
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

    def _byline(self, unit: _Unit, *, anywhere: bool = False) -> bool:
        """A byline: "By Jane Doe", "by Jane Doe, The Planet:", "By JANE DOE / PLANET | May 3"."""
        m = _BYLINE.match(unit.text)
        if not m or unit.words > 16:
            return False
        parts = [p.strip(" :") for p in re.split(r"\s[|/·•—–-]\s|,\s|\s\|", m["rest"])]
        name = _person(parts[0]) if parts else None
        if not name:
            return False
        # Outside the header only a full name on a line of its own: "By Friday, the council
        # must decide." is a sentence.
        if anywhere and (len(name.split()) < 2 or _FULL_STOP_END.search(unit.text)):
            return False
        self.found.offer_author(name, _BY_BYLINE)
        self.found.offer_date(find_date(m["rest"]), _BY_BYLINE)
        unit.kind = "byline"
        return True

    def _headline_score(self, unit: _Unit) -> float:
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
        score += 2 * _capitalised_share(unit.text)
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
        if following is not None and _opens_story(following):
            score += 4
        elif following is not None and unit.words >= 4 and _is_headline_like(following):
            # A headline over its deck: the deck stands right over the story. (A kicker
            # over a headline, "Local News", is too short to be taken for a headline.)
            after = self._next_kept(units.index(following))
            if after is not None and _opens_story(after):
                score += 3
                score += 1.5 if following.gap_after >= unit.gap_after else 0
        if self._in_menu(index):
            score -= 3
        if self._echoed(unit):
            score += 3
        return score

    def _next_kept(self, index: int) -> _Unit | None:
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

        def short(unit: _Unit) -> bool:
            return unit.kind in ("text", "furniture") and unit.words <= 3

        after = self.units[index + 1 : index + 3]
        before = self.units[max(0, index - 2) : index]
        if len(after) == 2 and all(short(u) for u in after):
            return True
        return bool(before and after) and short(before[-1]) and short(after[0])

    def _echoed(self, unit: _Unit) -> bool:
        """Whether another line is this one with the site's name after it ("X - Site")."""
        return any(
            self._echoes(other, unit)
            for other in self.units[: min(self.story_start, 200)]
            if other is not unit
        )

    @staticmethod
    def _echoes(line: _Unit, headline: _Unit) -> bool:
        key, text = _key(headline.text), _key(line.text)
        return text == key or (
            text.startswith(key) and bool(re.match(r"\s*[-|–—:·»]", text[len(key) :]))
        )

    def _drop_above(self, title: _Unit) -> None:
        """Short lines over the headline are the site's name, its menu and a section kicker,
        and a line that repeats the headline is the page's title: the story starts at its
        headline."""
        for unit in self.units[: self.units.index(title)]:
            if unit.kind != "text":
                continue
            # Menu items and names are capitalised; fragments of text (or of a formula
            # flattened into lines) are not, and stay.
            label = unit.words <= 4 and _capitalised_share(unit.text) >= 0.6
            if (label and not _is_sentence(unit.text)) or self._echoes(unit, title):
                unit.kind = "furniture"

    def _opening_rank(self, unit: _Unit) -> int:
        """How many lines of the story itself (not furniture) come before ``unit``."""
        rank = 0
        for other in self.units:
            if other is unit:
                return rank
            if other.kind in ("text", "title", "subtitle"):
                rank += 1
        return rank

    def _deck(self, title: _Unit) -> None:
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
            if neighbour.kind != "text" or _opens_story(neighbour) or i >= self.story_start:
                continue
            # Over the headline only as the text's first line; under it only right over the
            # story (a line further down is the story's own).
            if step < 0 and self._opening_rank(neighbour) > 0:
                continue
            if step > 0 and not ((after := self._next_kept(i)) and _opens_story(after)):
                continue
            # A deck is set like a headline, without a closing full stop; a short sentence
            # that ends in one is the story's first paragraph.
            if _FULL_STOP_END.search(neighbour.text) or _URL.search(neighbour.text):
                continue
            if 6 <= neighbour.words <= 60:
                neighbour.kind = "subtitle"
                self.found.subtitle = neighbour.text
                return

    def _name_block(self, header: list[_Unit]) -> None:
        """An unlabelled byline block right above a date line: "Jane Doe" / "The Planet"."""
        units = self.units
        for unit in header:
            if unit.kind != "date":
                continue
            index = units.index(unit)
            block: list[_Unit] = []
            for above in reversed(units[:index]):
                if above.kind != "text" or len(block) == 2:
                    break
                if (
                    above.words > 4
                    or _is_sentence(above.text)
                    or _capitalised_share(above.text) < 1
                ):
                    break
                block.insert(0, above)
            if not block:
                continue
            name = _person(block[0].text)
            if name and self.found.author is None:
                self.found.offer_author(name, _BY_BYLINE)
                block[0].kind = "byline"
                if len(block) == 2:
                    self.found.site_name = self.found.site_name or block[1].text
                    block[1].kind = "meta"
            return

    # ------------------------------------------------------------------ title

    def _title(self, body_units: list[_Unit]) -> tuple[str, bool]:
        if self.found.title:
            return self.found.title, False
        lead = next((u for u in body_units if u.words >= 4 and u.text[:1] not in "(["), None)
        lead = lead or next((u for u in body_units if u.words >= 4), None)
        lead = lead or next((u for u in body_units if u.words), None)
        if lead is not None:
            title = _title_from_lead(lead.text, self.cjk)
            if title:
                return title, True
        stem = self.name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return " ".join(stem.replace("_", " ").replace("-", " ").split()) or "Untitled", True


# ============================================================================ helpers


def _removed_lines(units: list[_Unit]) -> Iterator[str]:
    """The lines taken out of the body, in the order they stood."""
    for unit in units:
        if unit.kind != "text":
            yield from unit.raw
        elif unit.lead_in:
            yield unit.lead_in


def _without_links(text: str) -> str:
    return _EMAIL.sub(" ", _URL.sub(" ", text))


def _same(a: str, b: str) -> bool:
    return _key(a) == _key(b)


def _ends_story(unit: _Unit) -> bool:
    """A line that only comes after a story: share buttons, tags, links to other stories."""
    if unit.kind in ("related", "tags", "byline"):
        return True
    return unit.kind == "furniture" and bool(_STORY_END_WORDS.search(_key(unit.text)))


def _is_tail_label(unit: _Unit) -> bool:
    """A short line among the page's closing furniture that reads as a name or a label
    ("Jane Doe", "The Planet Press", "Contact:"), not as the end of a list in the story."""
    text = unit.text
    if unit.words > 8 or _is_sentence(text):
        return False
    return text.endswith((":", "：")) or _capitalised_share(text) >= 0.6


def _is_nav_row(text: str) -> bool:
    """A menu set out on one line: "Home | News | Sport | Business"."""
    items = [i.strip() for i in re.split(r"\s[|·•/]\s|\s{2,}", text)]
    return len(items) >= 3 and all(
        0 < len(item.split()) <= 3 and not _is_sentence(item) for item in items
    )


def _is_share_row(key: str) -> bool:
    tokens = [t for t in re.split(r"[\s|,/·•]+", key) if t]
    if len(tokens) < 2 or len(tokens) > 14:
        return False
    cleaned = [t.strip(":.()[]") for t in tokens]
    return all(t in _SHARE_WORDS or not t for t in cleaned) and any(
        t in _SHARE_NAMES or t in ("like", "loading") for t in cleaned
    )


def _is_headline_like(unit: _Unit) -> bool:
    """Short, one line, not a sentence that ends in a full stop, not a link or a label."""
    text = unit.text
    if _CJK_CHAR.search(text):
        if not 4 <= len(text) <= 80:
            return False
    elif not 2 <= unit.words <= 30 or len(text) > 250:
        return False
    if _URL.search(text) or _EMAIL.search(text) or text.endswith((":", "：", ",", "—", "–", "-")):
        return False
    if text[:1] in "([" and text[-1:] in ")]":
        return False
    initial = next((ch for ch in text if ch.isalpha()), "")
    if initial.islower():
        # Headlines do not start in lower case; a line that does carries something on.
        return False
    if unit.words > 20 and _SENTENCE_BREAK.search(text):
        return False
    if unit.words > 16 and _capitalised_share(text) < 0.5:
        # Long and in sentence case: the first sentence of the story, not its headline.
        return False
    if _FULL_STOP_END.search(text) and not _ABBREVIATION.search(text.rstrip("\"'”’»)]")):
        return False
    return _has_letter(text)


def _person(text: str) -> str | None:
    """``text`` as a person's (or a desk's) name, or None when it does not read as one."""
    text = text.strip(" ,;:.|-–—")
    text = re.sub(r"^(?:by|and)\s+", "", text, flags=re.IGNORECASE)
    if not text or len(text) > 60 or any(ch.isdigit() for ch in text) or _URL.search(text):
        return None
    words = text.split()
    if not 1 <= len(words) <= 6 or words[0].casefold() in _NAME_STOP:
        return None
    for word in words:
        bare = word.strip(".,’'()")
        if bare.casefold() in _NAME_PARTICLES or not bare:
            continue
        if not (bare[0].isupper() or not bare[0].isalpha()):
            return None
    if len(words) == 1 and not re.search(r"[A-Z].*[a-z]", words[0]):
        return None
    if text.isupper() and _has_letter(text):
        text = _title_case_name(text)
    return text


def _title_case_name(text: str) -> str:
    """A name written in capitals, in the usual case: "ANDREW MCCARTHY" -> "Andrew McCarthy"."""
    out = []
    for word in text.split():
        word = word.capitalize()
        word = re.sub(r"^(Mc|O['’]|D['’])(\w)", lambda m: m[1] + m[2].upper(), word)
        word = re.sub(r"-(\w)", lambda m: "-" + m[1].upper(), word)
        out.append(word)
    return " ".join(out)


def _strip_dateline(text: str) -> str:
    m = _DATELINE.match(text)
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


def _dateline_date(text: str) -> str | None:
    m = _DATELINE.match(text)
    if not m or m["place"] is None:
        return None
    return find_date(m["place"])


def _first_sentence(text: str) -> str:
    for m in re.finditer(r"[.!?。！？؟](?:[\"'”’»)\]]*)(?=\s|$)|[。！？]", text):
        candidate = text[: m.end()]
        if m.group(0)[0] == "." and _ABBREVIATION.search(candidate.rstrip("\"'”’»)]")):
            continue
        following = text[m.end() :].lstrip()
        if following[:1].islower():
            continue
        if m.group(0)[0] == "." and _THAI.match(following):
            # Thai ends sentences with a space; its full stops mark abbreviations.
            continue
        return candidate.strip()
    return text.strip()


def _title_from_lead(lead: str, cjk: bool) -> str:
    """A title from the story's first sentence or clause, cut on a word boundary."""
    text = _strip_dateline(" ".join(lead.split()))
    sentence = _first_sentence(text)
    limit = 60 if cjk else 120
    if len(sentence) > limit:
        cut = sentence[: limit + 1]
        breaks = [m.start() for m in _CLAUSE_BREAK.finditer(cut) if m.start() >= limit // 3]
        if breaks:
            sentence = cut[: breaks[-1]]
        elif cjk and " " not in cut:
            sentence = cut[:limit]
        else:
            sentence = first_words(sentence, limit - 10)
            sentence = _TRAILING_WEAK.sub("", sentence)
    sentence = sentence.strip().rstrip(",;:，；：、—–- ")
    if sentence.endswith((".", "。")) and not _ABBREVIATION.search(sentence):
        sentence = sentence[:-1]
    return sentence.strip()


FORMAT = ImportFormat(
    name="plaintext",
    label="Scraped plain text",
    extensions=("txt", "text"),
    sniff=sniff,
    parse=parse,
)
