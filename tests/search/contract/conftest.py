"""The contract suite: the same tests against every backend that is up."""

import pytest

from search.backends.database import DatabaseBackend

BACKENDS = {"database": DatabaseBackend}


@pytest.fixture(params=sorted(BACKENDS))
def backend(request, db):
    backend = BACKENDS[request.param]()
    backend.clear()
    yield backend
    backend.clear()
