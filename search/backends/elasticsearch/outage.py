"""Telling an Elasticsearch outage from a refusal, and pausing after an outage."""

import time

from elasticsearch import ApiError, TransportError, helpers


class IndexRefused(RuntimeError):
    """Elasticsearch answered but did not take a write."""


# What a failed call to Elasticsearch looks like to a caller: the node is unreachable or
# overloaded (an outage, see is_outage), or it refused this request (a bad document).
UNAVAILABLE = (TransportError, ApiError, helpers.BulkIndexError, IndexRefused)


def is_outage(error: Exception) -> bool:
    """Whether the node is down or overloaded (worth pausing for), rather than refusing
    one request (worth logging, and no reason to stop sending the others)."""
    if isinstance(error, TransportError):  # no connection, a timeout
        return True
    if isinstance(error, ApiError):
        return error.meta.status >= 500 or error.meta.status == 429
    return False


class Outage:
    """Remembers, in this process, that Elasticsearch just failed: for PAUSE seconds
    searches and index updates go straight to the fallback instead of each waiting on a
    node that is down (index updates wait in PendingUpdate meanwhile)."""

    PAUSE = 30.0

    def __init__(self):
        self.until = 0.0

    def active(self) -> bool:
        return time.monotonic() < self.until

    def record(self) -> None:
        self.until = time.monotonic() + self.PAUSE

    def clear(self) -> None:
        self.until = 0.0


OUTAGE = Outage()
