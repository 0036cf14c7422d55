"""The contract suite: the same tests against every backend — the database backend
always, Elasticsearch when a node is up (tests/search/conftest.py)."""

import pytest


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def backend(request, db):
    if request.param == "elasticsearch":
        backend = request.getfixturevalue("elasticsearch_backend")
    else:
        from search.backends.database import DatabaseBackend

        backend = DatabaseBackend()
    backend.clear()
    yield backend
    backend.clear()
