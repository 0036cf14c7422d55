"""The judged relevance set (judgments.toml) and its evaluation (nDCG@10).

from search.relevance import relevance_report
report = relevance_report(backend)   # backend holds the demo's documents
print(report.summary())              # "database: nDCG@10 0.873 over 52 queries …"
print(report.format())               # … and the worst queries with what came back
"""

from .evaluate import Report, evaluate, ndcg, relevance_report
from .judgments import JudgmentError, load

__all__ = ["JudgmentError", "Report", "evaluate", "load", "ndcg", "relevance_report"]
