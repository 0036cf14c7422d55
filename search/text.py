"""Chinese text for search: the same segmentation for documents and queries.

Chinese has no spaces, and the Elasticsearch distribution used here has no CJK
analyser, so text is segmented in Python with jieba (its dictionary ships with it) plus
our domain dictionary (dictionary.txt: 助餐, 助浴, 适老化 …), and every backend indexes
the result in a whitespace-analysed field.

Documents are indexed with jieba's search mode (a long word also yields the words inside
it) plus every pair of adjacent Chinese characters, so a two-character word inside a
longer phrase is found even where jieba splits the phrase differently.

A query is cut into words (jieba's precise mode). Stop words and question words go
("哪里有老年食堂？" asks for 老年食堂); characters jieba split off a dictionary word are
joined again ("报到" in "在职党员报到"); other lone characters and very general words
(活动, 服务) are dropped while the query has other words. Every remaining word must
match, as itself, or — for three characters or more — through all of its character
pairs or through the shorter words jieba finds inside it (老年人 → 老年, 招聘会 → 招聘),
or as one of its synonyms (_SYNONYMS: 老人 / 老年人 / 长者 …). Full-width characters
become half-width and punctuation separates words, in documents and queries alike.
"""

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jieba

DICTIONARY = Path(__file__).with_name("dictionary.txt")
MAX_QUERY_CHARS = 100

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"[{_CJK}]+|[a-z0-9]+")
# Words that carry no meaning in a query: particles, pronouns and question words.
_STOP = frozenset("的了和与及或在是有我你他她它们吗呢啊把被给为对就也都很请想要找") | {
    *("哪里", "哪儿", "哪些", "哪个", "怎么", "怎么办", "怎样", "如何", "什么"),
    *("可以", "能否", "请问", "一下", "有没有", "附近", "我们", "你们"),
}
# Words too general to require ("重阳节活动"): dropped while the query has other words.
_WEAK = frozenset({"活动", "服务"})
# Words for the same thing: a query word also matches as any other word of its group.
_SYNONYMS = (
    ("老人", "老年人", "长者"),
    ("老年食堂", "长者食堂", "社区食堂", "助餐点"),
    ("社工", "社会工作"),
)


@cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(DICTIONARY))
    return tokenizer


def normalize(text: str) -> str:
    """Full-width to half-width (NFKC), lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def _bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _is_cjk(run: str) -> bool:
    return bool(re.match(rf"[{_CJK}]", run))


def document_tokens(text: str) -> str:
    """The indexed form of a text: words and character pairs, separated by spaces."""
    tokenizer = _tokenizer()
    tokens: dict[str, None] = {}
    for run in _RUNS.findall(normalize(text)):
        if _is_cjk(run):
            for word in tokenizer.cut_for_search(run, HMM=True):
                tokens[word] = None
            for pair in _bigrams(run):
                tokens[pair] = None
        else:
            tokens[run] = None
    return " ".join(tokens)


@dataclass(frozen=True)
class QueryTerm:
    """One word of a query: it matches as `word`, or (if `parts`) as all of its character
    pairs, or as all the tokens of any group in `also` (its inner words, its synonyms)."""

    word: str
    parts: tuple[str, ...] = ()
    also: tuple[tuple[str, ...], ...] = ()

    def alternatives(self) -> list[tuple[str, ...]]:
        found = [(self.word,)] + ([self.parts] if self.parts else []) + list(self.also)
        return list(dict.fromkeys(found))


def query_terms(text: str) -> list[QueryTerm]:
    """The words of a query (at most MAX_QUERY_CHARS characters are read)."""
    terms: dict[str, QueryTerm] = {}
    for word in _query_words(normalize(text[:MAX_QUERY_CHARS])):
        terms.setdefault(word, _term(word))
    return list(terms.values())


def _query_words(text: str) -> list[str]:
    tokenizer = _tokenizer()
    words: list[str] = []
    for run in _RUNS.findall(text):
        if not _is_cjk(run):
            words.append(run)
            continue
        cut = [w for w in tokenizer.cut(run, HMM=True) if w not in _STOP]
        words += _join_split_words(cut, tokenizer) or [run]
    strong = [w for w in words if (len(w) > 1 or not _is_cjk(w)) and w not in _WEAK]
    return strong or words


def _join_split_words(words: list[str], tokenizer: jieba.Tokenizer) -> list[str]:
    """Consecutive single characters that together are a dictionary word, as that word."""
    joined: list[str] = []
    singles: list[str] = []
    for word in [*words, ""]:  # "" ends the last group
        if len(word) == 1:
            singles.append(word)
            continue
        together = "".join(singles)
        joined += [together] if len(singles) > 1 and tokenizer.FREQ.get(together) else singles
        singles = []
        if word:
            joined.append(word)
    return joined


def _term(word: str) -> QueryTerm:
    if not _is_cjk(word):
        return QueryTerm(word)
    also = [(synonym,) for synonym in _synonyms(word)]
    if len(word) <= 2:
        return QueryTerm(word, (), tuple(also))
    inner = (w for w in _tokenizer().cut_for_search(word) if 1 < len(w) < len(word))
    inner_words = tuple(dict.fromkeys(inner))
    if inner_words:
        also.append(inner_words)
    return QueryTerm(word, tuple(_bigrams(word)), tuple(also))


@cache
def _synonyms(word: str) -> tuple[str, ...]:
    for group in _SYNONYMS:
        if word in group:
            return tuple(w for w in group if w != word)
    return ()


def matches(document: str, terms: list[QueryTerm]) -> bool:
    """Whether an indexed text (document_tokens) matches every term: the reference
    semantics the backends implement in their own query languages."""
    tokens = set(document.split())
    return all(
        any(all(part in tokens for part in alternative) for alternative in term.alternatives())
        for term in terms
    )
