"""Headlines as shown: without the site's name that pages append to their <title>.

"Flood waters recede in Lagos - News Nation" -> "Flood waters recede in Lagos". The part
after the last separator (" - ", " | ", " — ", " :: ") is the site's when it names the
publisher, a web address, or is a short run of capitalised words ending in a word news
sites are called by (News, Times, Post, TV...); a headline's own dash stays ("Storm hits
coast - thousands flee" keeps its second clause: lower-case, not a name).
"""

from __future__ import annotations

import re

__all__ = ["strip_site_name"]

_SEPARATOR = re.compile(r"\s+(?:[-|–—•·]|::)\s+")
_SITE_WORDS = {"news", "times", "post", "tv", "radio", "online", "daily", "herald", "tribune", "journal",
               "today", "network", "media", "press", "gazette", "telegraph", "express", "observer",
               "guardian", "chronicle", "mail", "star", "sun", "nation", "standard", "review", "agency",
               "magazine", "channel", "broadcasting", "report", "wire", "insider", "live"}
_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$", re.I)


def strip_site_name(title: str | None, publisher: str | None = None) -> str | None:
    """`title` without a trailing site name; unchanged when the tail is not one."""
    if not title:
        return title
    parts = _SEPARATOR.split(title.strip())
    while len(parts) > 1 and _is_site(parts[-1], publisher):
        parts.pop()
    kept = title.strip()
    if len(parts) < len(_SEPARATOR.split(title.strip())):
        # Re-cut the original at the separator before the first dropped part (keeps its own dashes).
        cuts = list(_SEPARATOR.finditer(kept))
        kept = kept[:cuts[len(parts) - 1].start()]
    return kept.strip() or title


def _is_site(tail: str, publisher: str | None) -> bool:
    tail = tail.strip()
    if not tail:
        return True
    if publisher and tail.casefold() == publisher.strip().casefold():
        return True
    if _DOMAIN.match(tail):
        return True
    words = tail.split()
    if not 1 <= len(words) <= 5 or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False
    return words[-1].strip(".").casefold() in _SITE_WORDS or (
        publisher is not None and publisher.casefold() in tail.casefold())
