"""Chinese text for search: the same segmentation for documents and queries.

Chinese has no spaces, and the Elasticsearch distribution used here has no CJK
analyser, so text is segmented in Python with jieba (its dictionary ships with it) plus
our domain dictionary (dictionary.txt: 助餐, 助浴, 适老化 …), and every backend indexes
the result in a whitespace-analysed field.

Documents are indexed with jieba's search mode (a long word also yields the words inside
it) plus every pair of adjacent Chinese characters, so a two-character word inside a
longer phrase is found even where jieba splits the phrase differently.

A query is cut into words (jieba's precise mode); a word of three or more characters
matches either as itself or through all of its character pairs. Full-width characters
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
# Words that carry no meaning on their own in a query.
_STOP = frozenset("的了和与及或在是有我你他她它们吗呢啊把被给为对就也都很请")


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
    """One word of a query: it matches as `word`, or (if `parts`) as all of its parts."""

    word: str
    parts: tuple[str, ...] = ()

    def alternatives(self) -> list[tuple[str, ...]]:
        return [(self.word,), self.parts] if self.parts else [(self.word,)]


def query_terms(text: str) -> list[QueryTerm]:
    """The words of a query (at most MAX_QUERY_CHARS characters are read)."""
    tokenizer = _tokenizer()
    terms: dict[str, QueryTerm] = {}
    for run in _RUNS.findall(normalize(text[:MAX_QUERY_CHARS])):
        if not _is_cjk(run):
            terms.setdefault(run, QueryTerm(run))
            continue
        words = [w for w in tokenizer.cut(run, HMM=True) if w not in _STOP]
        for word in words or [run]:
            parts = tuple(_bigrams(word)) if len(word) > 2 else ()
            terms.setdefault(word, QueryTerm(word, parts))
    return list(terms.values())


def matches(document: str, terms: list[QueryTerm]) -> bool:
    """Whether an indexed text (document_tokens) matches every term: the reference
    semantics the backends implement in their own query languages."""
    tokens = set(document.split())
    return all(
        any(all(part in tokens for part in alternative) for alternative in term.alternatives())
        for term in terms
    )
