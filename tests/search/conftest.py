"""Fixtures for the search tests that need a real Elasticsearch node.

Tests using them run when ELASTICSEARCH_URL points at a node that answers (`make
services` starts one; .ci/run starts one for its PostgreSQL run). Without one they are
skipped — unless LINLI_REQUIRE_ELASTICSEARCH=1 (set by .ci/run), where they fail.
Each test gets its own index prefix, dropped afterwards. Tests on other pytest-xdist
workers share the node; a test marked `elasticsearch_alone` (one that stops it) has it
to itself: the others hold a shared lock on NODE_LOCK while they use it, it an
exclusive one.
"""

import fcntl
import os
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from search.backends.elasticsearch import OUTAGE, ElasticsearchBackend


def _unavailable(message: str):
    if os.environ.get("LINLI_REQUIRE_ELASTICSEARCH") == "1":
        pytest.fail(message)
    pytest.skip(message)


NODE_LOCK = Path(tempfile.gettempdir()) / "linli-test-elasticsearch.lock"


@contextmanager
def _node_lock(*, alone: bool):
    with open(NODE_LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if alone else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture
def elasticsearch_backend(request, settings):
    url = settings.TEST_ELASTICSEARCH_URL
    if not url:
        _unavailable("ELASTICSEARCH_URL is not set (make services starts a node)")
    alone = request.node.get_closest_marker("elasticsearch_alone") is not None
    with _node_lock(alone=alone):
        backend = ElasticsearchBackend(url, prefix=f"linli-test-{uuid.uuid4().hex[:10]}")
        if not backend.healthy():
            _unavailable(f"Elasticsearch does not answer at {url}")
        yield backend
        backend.clear()


@pytest.fixture
def site_on_elasticsearch(settings, elasticsearch_backend):
    """The site searches and indexes on `elasticsearch_backend`."""
    settings.ELASTICSEARCH_URL = elasticsearch_backend.url
    settings.SEARCH_INDEX_PREFIX = elasticsearch_backend.prefix
    settings.SEARCH_BACKEND = "elasticsearch"
    return elasticsearch_backend


@pytest.fixture(autouse=True)
def no_outage_remembered():
    """Each test starts as if Elasticsearch had not failed lately."""
    OUTAGE.clear()
    yield
    OUTAGE.clear()
