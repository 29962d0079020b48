"""Line rules: which lines of a scraped article are page furniture, and why.

Every rule looks at one whole line and is anchored at its start (or end): a body
sentence that merely mentions a newsletter or a photo is never touched. Long lines
are never furniture (`MAX_WORDS`), except copyright notices and photo captions that
carry their marker. Removing a real body line is worse than keeping a footer.
"""

from __future__ import annotations

import re

MAX_WORDS = 14  # prompts, menus and credits are short; longer lines are left to the body

_I = re.IGNORECASE

def _rule(reason: str, max_words: int, *, start: list[str] = (), anywhere: list[str] = (), end: list[str] = ()):
    """One reason's patterns, grouped by anchoring so each is tried where it can match:
    `start` alternatives only at the line's start (one regex match, not a scan), `end`
    ones only in its last TAIL characters, `anywhere` ones (kept few) over the line."""
    return (reason, max_words,
            re.compile("(?:" + "|".join(start) + ")", _I) if start else None,
            re.compile("|".join(anywhere), _I) if anywhere else None,
            re.compile("|".join(end)) if end else None)


TAIL = 120

_RULES = [
    _rule("photo caption", 25, start=[
        r"(?:photo(?:graph)?s?|fotos?|фото|image|picture|pic|illustration|video)\s*(?:credit|caption|source)?\s*[:|©/]",
        r"(?:image|photo|picture)\s+(?:credit|caption|source|courtesy)\b",
        r"\(?(?:photo|image|picture)s?\s+(?:by|from|courtesy|via)\b",
        r"(?:фото|foto)\b",
    ]),
    _rule("photo caption", 60, end=[
        r"\((?:[A-Z][\w./ ]{0,30}\s)?Photos?(?:/|\sby\s|:)[^()]{1,60}\)\s*$",  # (AP Photo/Evan Vucci)
        r"(?:\bREUTERS|\bAFP|\bEPA(?:-EFE)?|\bAP)/[A-Z][\w.\- ]{1,40}$",  # REUTERS/Kevin Lamarque
        r"[(|,/\-–—]\s*(?:[\w.\- ]{0,40}/)?(?:Getty Images|Shutterstock|AFP via Getty Images|Alamy)\)?\.?\s*$",
    ]),
    _rule("social prompt", MAX_WORDS, start=[
        r"(?:share|tweet|pin|email|e-mail|print|whatsapp|telegram|facebook|twitter|linkedin|reddit|instagram|"
        r"youtube|pinterest|flipboard|tumblr|tiktok|snapchat)"
        r"(?:\s+(?:this|the|on|via|to|it|article|story|page|post|link|with\b.*))*\s*[!:.]?$",
        r"share\s+(?:this|on|via)\b",
        r"follow\s+(?:us|@|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s+on\b)",
        r"follow\s+(?:[\w@.'’\-]+\s+){0,6}on\s+(?:facebook|twitter|instagram|x|linkedin|telegram|social)\b",
        r"(?:like|join|find|connect with|watch)\s+us\b",
        r"(?:leave|write|post|add|submit)\s+(?:a|your)\s+(?:review|comment|reply|feedback)",
        r"(?:rate|review)\s+(?:this\s+(?:article|story|post|page|app|product)|us)\b",
        r"(?:subscribe|sign\s*up|register|get|join|receive|don'?t miss|never miss)\b.*"
        r"\b(?:newsletters?|inbox|our emails?|email updates|news updates|(?:email|news|breaking news) alerts)\b",
        r"subscribe\b", r"newsletters?\b",
        r"(?:download|get)\s+(?:our|the)\s+(?:\w+\s+)?app\b",
        r"(?:comments?|reply|report abuse|show comments|view comments|\d+\s+comments?)\s*(?:\(\d+\))?$",
        r"(?:listen to (?:this )?(?:article|story)|support (?:our|independent) journalism)\b", r"donate\s*[!.]?$",
    ], anywhere=[r"\bnewsletter\s*$"]),
    _rule("advertisement", MAX_WORDS, start=[
        r"(?:advertisement|advertising|ad|sponsored(?: content)?|promoted|paid content|"
        r"story continues below(?: advertisement)?|article continues below(?: advertisement)?|"
        r"continue reading (?:the|this) (?:main )?(?:story|article)|scroll to continue.*)\s*[:.]?$",
    ]),
    _rule("navigation", MAX_WORDS, start=[
        r"(?:news line|news feed|newsline|latest news|top stories|most (?:read|popular|viewed|shared)|"
        r"related(?: (?:articles?|stories|news|posts|content|coverage|topics))?|trending(?: now)?|"
        r"more|recommended(?: for you)?|"
        r"back to top|skip to (?:main )?content|skip navigation|home(?:page)?|main page|menu|search|"
        r"sign in|log ?in|log ?out|sign out|my account|previous(?: (?:article|story|post))?|"
        r"next(?: (?:article|story|post))?|tags?|topics|categories|close|open|toggle navigation|"
        r"all (?:news|rights reserved)|editor'?s picks?|breaking news|live updates?|watch live|"
        r"terms (?:of|and) (?:use|service|conditions)|privacy(?: policy)?|cookie (?:policy|settings)|"
        r"you may (?:also )?(?:like|enjoy)|contact(?: us)?|about us|accessibility|site ?map|rss|faq|help|"
        r"advertise(?: with us)?|careers|jobs|media kit|adchoices|customer service|letters to the editor|"
        r"about the author|(?:menu )?sections|back to gallery|popular posts|archives?|disclaimer|feedback|"
        r"mobile apps)\s*(?:[:.]|\.\.\.|…)?$",
        r"(?:tags?|topics|categories|filed under|related topics)\s*:",
        r"more (?:from|on|in|news|stories)\b[^.!?]*[:…]?$",  # "More from Politics", not "More from him later."
        # breadcrumbs: "Home > World > Europe", "News / Politics / Congress"
        r"(?=[^>»›|/]*[>»›|/])(?:[\w'&.\-]+(?: [\w'&.\-]+){0,3})(?:\s*[>»›|]\s*[\w'&.\-]+(?: [\w'&.\-]+){0,3}"
        r"|\s/\s[\w'&.\-]+(?: [\w'&.\-]+){0,3}){2,}\s*$",
    ]),
    _rule("read more", 25, start=[
        r"[\[(]?(?:read more|read also|also read|see also|related(?: posts?| articles?| stor(?:y|ies))?|recommended|"
        r"more|watch|listen|read|don'?t miss|must read|editor'?s pick|trending|continue reading|click here|"
        r"read the full story)\s*[:>»|\-–—]",
        r"(?:read more|continue reading|click here)\b",
    ]),
    _rule("copyright", 40, start=[
        r"(?:©|\(c\)|all rights reserved)", r"copyright\s*(?:©|\(c\)|\d{4}|by\b|:)",
        r"this (?:material|article|story) may not be (?:published|reproduced)",
    ], anywhere=[r"\ball rights reserved\.?\s*$"]),
    _rule("comment form", 25, start=[
        r"(?:name|e-?mail|website|comment)\s*(?:\*|\(required\))$", r"save my name, email\b",
        r"notify me of (?:new|follow-up)", r"(?:leave a (?:reply|comment)|cancel reply)\s*$",
        r"post was not sent\b", r"sorry, your blog cannot share", r"email check failed",
        r"you must be logged in to post", r"your email address will not be published",
    ], anywhere=[r"\bakismet\b"]),
    _rule("cookie notice", 40, start=[r"(?:we|this (?:site|website)) uses? cookies\b"],
          anywhere=[r"\baccept (?:all )?cookies\b"]),
]

_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]」』）]*$|[\"”»」』]$")
_PROSE_MIN_WORDS = 6
_PROSE_ANY_WORDS = 15


# Scripts written without spaces between words: about two characters make a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff]")


def words(line: str) -> int:
    """Whitespace-separated words; Chinese, Japanese, Thai, Lao, Burmese, Khmer by characters."""
    n = len(line.split())
    return n if line.isascii() else n + len(_UNSPACED.findall(line)) // 2


def furniture(line: str) -> str | None:
    """The reason `line` is page furniture (photo caption, social prompt, ...) or None."""
    n = words(line)
    for reason, max_words, start, anywhere, end in _RULES:
        if n > max_words:
            continue
        if ((start and start.match(line)) or (anywhere and anywhere.search(line))
                or (end and end.search(line, max(0, len(line) - TAIL)))):
            return reason
    return None


def dedupe_key(line: str) -> str | None:
    """Lines repeated with the same key are duplicates; lines without letters or digits never are."""
    key = " ".join(line.casefold().split())
    return key if any(ch.isalnum() for ch in key) else None


def is_prose(line: str) -> bool:
    """A sentence-like line: enough words and sentence-final punctuation, or simply long.

    The first and last prose lines bound the body; lines outside them are judged by
    the stricter edge rules (title, byline, dateline, menus).
    """
    n = words(line)
    return n >= _PROSE_ANY_WORDS or (n >= _PROSE_MIN_WORDS and bool(_SENTENCE_END.search(line)))


def is_menu_item(line: str) -> bool:
    """Short, unpunctuated, no digits: what menus, tag lists and section links are made of.

    Digits are excluded so a date line ("November 20, 2019") breaks a run of menu items
    rather than joining one with the headline above it.
    """
    return (words(line) <= 4 and len(line) <= 40 and not _SENTENCE_END.search(line)
            and not any(ch.isdigit() for ch in line))


MENU_RUN = 3  # this many menu items in a row outside the body is a menu


def menu_runs(items: list[tuple[int, str]]) -> set[int]:
    """Indices of lines in runs of >= MENU_RUN consecutive menu items (blank lines do not break a run)."""
    found: set[int] = set()
    run: list[int] = []
    for i, line in items + [(-1, "")]:
        if i >= 0 and is_menu_item(line):
            run.append(i)
            continue
        if len(run) >= MENU_RUN:
            found.update(run)
        run = []
    return found


_TITLE_END = re.compile(r"[.,;:]$")


def is_title(line: str) -> bool:
    """A headline: one short line, capitalised, without closing punctuation, not a date."""
    n = words(line)
    return (1 <= n <= 25 and len(line) <= 200 and not _TITLE_END.search(line) and not is_date(line)
            and (line[0].isupper() or line[0].isdigit() or (line[0].isalpha() and not line[0].islower()) or line[0] in "\"'“‘«"))


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|last updated|date)\s*:?\s*)?"
    rf"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})"
    rf"(?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{{2,4}})?)?\s*$", re.IGNORECASE)


def is_date(line: str) -> bool:
    """A line that is only a date (and time): "Tuesday, September 24, 2019", "Updated: 8 Nov 2023 14:05"."""
    return bool(_DATE_LINE.match(line))
