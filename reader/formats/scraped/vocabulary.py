"""Page furniture and the lines that describe an article, as many sites write them.

Everything here is shared by many sites and several languages; a line is compared after
``line_key`` folds it. No entry names a site.
"""

from __future__ import annotations

import re

from reader.formats.scraped.lines import (
    line_key,
)


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def vocabulary(block: str) -> frozenset[str]:
    """Phrases written one after another, separated by "|" or new lines."""
    return frozenset(line_key(p) for p in re.split(r"[|\n]", block) if p.strip())


FURNITURE = vocabulary(
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
SHARE_WORDS = word_set(
    "share shares sharing tweet facebook twitter x email e-mail mail print pinterest reddit "
    "linkedin whatsapp telegram tumblr google google+ more messenger pocket flipboard copy link "
    "save comment comments sms like this loading... loading related on via it pin vk weibo "
    "wechat instagram youtube subscribe follow us rss digg stumbleupon"
)


SHARE_NAMES = word_set(
    "share tweet facebook twitter email e-mail pinterest reddit linkedin whatsapp telegram "
    "tumblr google google+ messenger pocket flipboard vk weibo wechat digg stumbleupon"
)


# Short lines that begin like a prompt to do something other than read the story.
PROMPT = re.compile(
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
FURNITURE_PHRASE = re.compile(
    r"add your two cents|commenting policy|comments? policy|community guidelines|"
    r"terms of (?:use|service)|privacy policy|cookie policy|all rights reserved|"
    r"your browser does not support|enable javascript|javascript (?:is|must be) (?:disabled|"
    r"enabled)|sign up for (?:our|the|free)|subscribe to (?:our|the|my)|follow us on|"
    r"like us on facebook|click here|you (?:may|might) also like|readers think this story|"
    r"appeared first on|originally appeared (?:on|in|at)|was (?:originally|first) published "
    r"(?:on|in|at|by)|is republished|republished (?:with|from|by)|reprinted with permission",
    re.IGNORECASE,
)


COMMENT_COUNT = re.compile(
    r"^\d[\d,.]*\s*(?:comments?|responses?|replies|shares?|views?|likes?|reactions?)\b|"
    r"\bcomments?\s*\(\d+\)",
    re.IGNORECASE,
)


COPYRIGHT = re.compile(r"^(?:copyright\b|©|\(c\)\s*(?:19|20)\d\d|all rights reserved)", re.I)


ATTRIBUTION = re.compile(
    r"^(?:delivered|brought to you|powered|presented|sponsored|syndicated|distributed|provided"
    r"|produced) by\b",
    re.IGNORECASE,
)


# "RSS Feed for Jane Doe", "Older articles by Jane Doe", "All posts by jdoe".
AUTHOR_LINKS = re.compile(
    r"^(?:rss(?: feed)? for|(?:more|older|newer|other|recent|latest|all|view all|see all)\s+"
    r"(?:articles|posts|stories|columns|entries|pieces|news|content)\s+(?:by|from|about)|"
    r"(?:all\s+)?posts by|articles by|(?:follow|e-?mail|contact|write to)\s+[A-Z][\w.’'-]+"
    r"(?:\s+[A-Z][\w.’'-]+){0,3}(?:\s+(?:on|at)\s+(?:twitter|facebook|instagram|linkedin|x))?$)",
    re.IGNORECASE,
)


CONTACT = re.compile(
    r"^(?:tel|telephone|phone|ph|fax|mobile|cell|e-?mail|mail|contact(?: us| info|"
    r" information| details)?|media contact|press contact|media inquiries|website|web|"
    r"twitter|facebook|instagram|linkedin|skype|whatsapp|address|investors?(?: relations)?|"
    r"visit (?:blog|us|our website)|blog|follow us on \w+)\s*[:：@]",
    re.IGNORECASE,
)


SOURCE = re.compile(
    r"^(?P<label>source|sources|via|h/t|hat tip|originally (?:at|published at)|original article|"
    r"original|url|link|permalink|canonical|fuente|quelle)\s*[:：@]\s*(?P<rest>.+)$",
    re.IGNORECASE,
)


COMMENT_POLICY = re.compile(
    r"\bcomment(?:s|ing|er|ers)?\b.*\b(?:polic(?:y|ies)|banned|ban|moderat\w*|reserve the right|"
    r"guidelines|remove any comment)|\b(?:polic(?:y|ies)|moderat\w*)\b.*\bcomments?\b",
    re.IGNORECASE,
)


# A rule drawn across the page: a run of one kind of mark ("xxxx", "* * *", "——-", "____",
# "· · ·"), or a lone dot or dash. Lines of other punctuation ("});", "+") can be code or
# mathematics and stay.
SEPARATOR = re.compile(r"(?:[xX*=~#_.\-–—―─━•·∙◆◇■□○●]\s?){3,}|[.…·•*—–-]")


# Words and light punctuation only: not code ("WITH series AS (") or a table row ("3 │ f").
PHRASE = re.compile(r"[^\W\d_](?:[^\W_]|[\s’'&.,:!?-])*")


HASHTAGS = re.compile(r"(?:#[^\W_][\w-]*[\s,]*){2,}")


BRACKETED = re.compile(r"^[\[(](?P<inner>[^\[\]()]{1,60})[\])]$")


# Labelled metadata lines. Tags and categories become tags.
TAGS = re.compile(
    r"^(?P<label>tags?|tagged(?: with| as| in)?|keywords?|key words|topics?|labels?|"
    r"filed under|filed in|categories|category|posted in|etiquetas|"
    r"schlagwörter|schlagworte|mots-clés|tag)\s*[:：]\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


HEADER_LABEL = re.compile(
    r"^(?P<label>headline|title|subject|subtitle|subhead|deck|standfirst|author|authors|byline|writer|"
    r"date|published|publication date|date published|updated|last updated|url|link|site|"
    r"publication|publisher|summary|description|excerpt|abstract)\s*[:：]\s*(?P<rest>.+)$",
    re.IGNORECASE,
)


DATE_LABEL = re.compile(
    r"^(?:(?:this\s+(?:article|story|post|entry|page)\s+(?:was\s+)?)?(?:originally\s+|first\s+|"
    r"last\s+)?(?:published|posted|updated|modified|dated?|released|created|written|filed)"
    r"(?:\s+(?:on|at))?\s*[:：\-–—]|(?:published|posted|updated|released)\s+(?:on\s+)?"
    r"(?=[A-Z0-9]))",
    re.IGNORECASE,
)


POSTED = re.compile(
    r"^(?:posted|published|written|filed|submitted|uploaded)(?:\s+(?:on|at))?\b(?P<rest>.*)$",
    re.IGNORECASE,
)


BYLINE = re.compile(
    r"^(?:by|written by|words by|story by|reported by|reporting by|text by|contributed by|"
    r"submitted by|posted by|author|authors|byline|por|von|par|di|door|av|від|автор)"
    r"\s*[:：\-–—]?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)


# What follows a name in a signature: "Jane Doe Follow @jdoe", "Jane Doe on Twitter".
BYLINE_TAIL = re.compile(
    r"\s+(?:follow|email|e-mail|contact|twitter|on twitter|@)\b.*$|\s+@\w+.*$", re.IGNORECASE
)


NAME_PARTICLES = word_set(
    "de da das do dos del della der den di du van von le la bin ibn al el y e and & ben bat st. mc"
)


NAME_STOP = word_set(
    "the a an this that these those it he she they we our his her its their there here in on "
    "at for with from to of as if when while after before about"
)


# Image credits: "Photo Credit: X", "Photo: X", "Image credit: X", "Featured image via X",
# "Photograph by X", "Foto: X", and a trailing "(Photo: X)" after a caption.
CREDIT = re.compile(
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


INLINE_CREDIT = re.compile(
    r"^(?P<caption>.{8,}?)\s*[(\[](?:photo(?:graph)?|image|picture|credit|foto)s?"
    r"(?:\s+credit)?\s*[:：]\s*(?P<credit>[^()\[\]]{2,80})[)\]]\.?$",
    re.IGNORECASE,
)


# "Previous articleX" / "Next article: Y" / "« Older post" (scrapers glue label and title).
PREV_NEXT = re.compile(
    r"^[«‹←<\s]*(?P<rel>previous|prev\.?|next|older|newer)\s*"
    r"(?P<noun>article|post|story|entry|item)(?P<rest>.*)$",
    re.IGNORECASE,
)


# "Related: X", "Read more: X", "See also - X" (a teaser), or the label alone over a list.
TEASER_LABEL = (
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


TEASER = re.compile(
    rf"^(?:{TEASER_LABEL})\s*(?:[:：»›→|\-–—@]\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)


# Bio: "Jane Doe is a reporter ...", "About the author: Jane Doe writes ...".
BIO_START = re.compile(
    r"^(?:about the author\s*[:\-–—]?\s*)?"
    r"(?P<name>[A-Z][\w’'.\-]*(?:\s+(?:[A-Z][\w’'.\-]*|de|da|del|della|der|di|du|van|von|bin|"
    r"ibn|al|la|le)){1,4})(?:,\s[^,]{3,60},)?\s+"
    r"(?:is|was|has been|writes|covers|reports|serves|lives|works|teaches|holds)\b"
)


BIO_WORDS = re.compile(
    r"\b(?:writer|editor|author|journalist|analyst|columnist|correspondent|reporter|"
    r"contributor|professor|lecturer|researcher|scientist|founder|co-founder|director|graduate|"
    r"degree|blogger|host|producer|fellow|expert|commentator|novelist|poet|historian|economist|"
    r"attorney|lawyer|consultant|freelance|freelancer|staff|based in|lives in|has written|"
    r"written for|books?|publisher|publication|newspaper|magazine|columns?|journalism|career|"
    r"award-winning|ceo|executive|studied|specializ\w+|specialis\w+|experience|authored)\b",
    re.IGNORECASE,
)


# Furniture that closes a story (an advertisement slot can stand anywhere).
STORY_END_WORDS = re.compile(
    r"share|tweet|comment|subscribe|follow|newsletter|copyright|©|rss|articles by|posts by|"
    r"filed|tagged|related|read more|like this|continue reading|appeared first"
)


ABOUT_AUTHOR = re.compile(r"^about the author\b", re.IGNORECASE)


# A dateline at the head of a lead: "WASHINGTON (CNN) -- ", "Vatican City, Jan 24, 2018 /
# 04:26 am (CNA/EWTN News).- ", "【6月18日 AFP】".
DATELINE = re.compile(
    r"^(?:【[^】]{1,40}】\s*|[\u4e00-\u9fff\d]{2,24}电\s+|"
    r"(?P<place>[^\s.!?].{0,90}?)\s*(?:--|—|–|\.-|\s-)\s+)"
)


LEAD_IN = re.compile(
    r"^(?:continued below|story continues below|article continues below|continue reading below|"
    r"advertisement|advertisements|sponsored|ad)\s*(?:\.{2,}|…|:|-|–|—)\s+(?=\S)",
    re.IGNORECASE,
)


CLAUSE_BREAK = re.compile(r"(?:[,;:]|\s[—–-])\s|[，；：、]")


TRAILING_WEAK = re.compile(
    r"(?:\s+(?:a|an|the|and|or|but|of|in|on|at|to|for|with|by|from|as|that|which|who|his|her|"
    r"its|their|our|your|my|is|are|was|were|be|has|have|had|than|into|over|after|before|about))+"
    r"$",
    re.IGNORECASE,
)
