"""The banned-words filter: text with one of these words is held back for staff.

The review still counts in the rating; staff restore the text or remove the review as
abusive. The built-in list is deliberately short (insults and contact-touting);
deployments add their own words with the REVIEW_BANNED_WORDS setting.
"""

import unicodedata

from django.conf import settings

BUILT_IN = (
    "傻逼",
    "傻B",
    "SB",
    "操你",
    "他妈的",
    "去死",
    "垃圾人",
    "王八蛋",
    "滚蛋",
    "加微信",
    "加V",
)


def _normal(text: str) -> str:
    """Full-width to half-width, lower case, no spaces: 'Ｓ Ｂ' matches 'sb'."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def banned_words_in(text: str) -> list[str]:
    haystack = _normal(text)
    words = [*BUILT_IN, *settings.REVIEW_BANNED_WORDS]
    return [word for word in words if word.strip() and _normal(word) in haystack]
