"""The Elasticsearch backend.

Each type lives in its own index, reached through an alias `<prefix>-<type>` that points
at a concrete index `<prefix>-<type>-v<timestamp>`; a full reindex builds a new concrete
index and swaps the alias in one atomic step, so searches never see a half-built index.

Text is matched with term queries on the segmented tokens (search/text.py) — the same
words, pairs and alternatives as the database backend, never a query string, so nothing
a visitor types is parsed by Elasticsearch. Ranking runs inside Elasticsearch with
`function_score`, on the weights of search/ranking.py:

    TEXT × _score / max_score   (the text query's boost is TEXT / the best text score,
                                 found by a first, one-hit query)
  + RATING × rating / 4         (field_value_factor; the constant −RATING/4 of ranking.py
                                 does not change the order)
  + DISTANCE × gauss decay      (scale DISTANCE_HALF_KM, decay 0.5: exactly 0.5^((d/h)²))
  + FRESHNESS × exp decay       (scale FRESHNESS_HALF_DAYS, decay 0.5: exactly 0.5^(age/h))

so a page of results is one request whatever the corpus size. Each hit's explanation is
worked out with ranking.score() from its fields.

The distribution used here lacks scripts, _reindex and *_by_query (see
scripts/elasticsearch.sh), so nothing here needs them.
"""

from .backend import SEARCH_TIMEOUT, ElasticsearchBackend
from .outage import OUTAGE, UNAVAILABLE, IndexRefused, Outage, is_outage
from .query import text_query

__all__ = [
    "OUTAGE",
    "SEARCH_TIMEOUT",
    "UNAVAILABLE",
    "ElasticsearchBackend",
    "IndexRefused",
    "Outage",
    "is_outage",
    "text_query",
]
