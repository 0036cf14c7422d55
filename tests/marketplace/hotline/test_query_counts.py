"""No N+1: the board and the resident's list run as many queries for 30 rows as for 3."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.hotline import services
from marketplace.hotline.models import Request

from .helpers import file_request, photo_file

FEW, MANY = 3, 30


def make_requests(world, category, n):
    for i in range(n):
        item = file_request(
            world,
            category,
            about_organization=world["provider"] if i % 2 else None,
            photos=[photo_file()] if i % 3 == 0 else (),
        )
        if i % 3 == 1:
            services.request_accept(actor=world["staff"], resident_request=item)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries), response.text


@pytest.mark.parametrize(
    ("url", "viewer"),
    [("/en/requests/board/", "staff"), ("/en/requests/", "resident")],
    ids=["board", "my requests"],
)
def test_query_count_does_not_grow_with_rows(client, world, category, url, viewer):
    client.force_login(world[viewer])
    make_requests(world, category, FEW)
    client.get(url)  # warm the caches (content types, session)
    few, page = count_queries(client, url)
    assert len(re.findall(r'href="/en/requests/\d+/"', page)) == FEW
    make_requests(world, category, MANY - FEW)
    many, page = count_queries(client, url)
    assert len(re.findall(r'href="/en/requests/\d+/"', page)) == MANY
    assert Request.objects.count() == MANY
    assert many == few
