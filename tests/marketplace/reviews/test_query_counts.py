"""No N+1 on the ratings pages: as many queries for 30 rows as for 3."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.reviews import services
from tests.factories import OrganizationFactory
from tests.factories.reviews import delivered_demand, resident_of

FEW, MANY = 3, 30


def reviews_of_provider(world, n, level=1):
    people = [resident_of(world["home"]) for _ in range(n)]
    demand = delivered_demand(world, served=people)
    for person in people:
        services.review_create(
            actor=person, service_kind="demand", service_id=demand.pk, level=level, text="一般"
        )


def my_services(world, n):
    for _ in range(n):
        demand = delivered_demand(world, served=[world["resident"]])
        services.review_create(
            actor=world["resident"], service_kind="demand", service_id=demand.pk, level=2
        )


def watched_organizations(world, n):
    for _ in range(n):
        services.watch_list_add(
            actor=world["admin"], organization=OrganizationFactory(), reason="投诉调查中"
        )


CASES = {
    "provider reviews": ("provider", None, reviews_of_provider),
    "moderation": ("moderation", "staff", reviews_of_provider),
    "bad reviews to answer": ("cases", "org_admin", reviews_of_provider),
    "my ratings": ("mine", "resident", my_services),
    "watch list": ("watch_list", "purchaser", watched_organizations),
}


def _url(world, name):
    if name == "provider":
        return reverse("reviews:provider", args=["organization", world["provider"].pk])
    return reverse(f"reviews:{name}")


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize(("name", "viewer", "make"), CASES.values(), ids=CASES.keys())
def test_query_count_does_not_grow_with_rows(client, world, name, viewer, make):
    for who in ("admin", "purchaser"):
        TOTP.activate(world[who], "JBSWY3DPEHPK3PXP")
    if viewer:
        client.force_login(world[viewer])
    url = _url(world, name)
    make(world, FEW)
    client.get(url)
    few = _count(client, url)
    make(world, MANY - FEW)
    page = client.get(url).content.decode()
    assert _count(client, url) == few, url
    if name == "watch_list":  # the rows are on the page
        assert page.count("投诉调查中") == MANY
    else:
        assert page.count('class="card"') >= min(MANY, 20)
