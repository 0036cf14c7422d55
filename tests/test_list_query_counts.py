"""No N+1: a list page runs as many queries for 100 rows as for a few.

Each case makes a few rows, warms the caches with one GET, counts the queries of a
second GET, brings the rows to 100 and counts again. The lists paginate at 20 and the
home page shows 6 open demands, so "a few" is below the page size: a query per row
would show up as a different count.
"""

import itertools
import re
from collections import Counter

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from cms.models import CommunityIndexPage, CommunityPage, HomePage
from marketplace.demands import services
from marketplace.organizations.models import Organization
from marketplace.volunteering.services import shift_signup
from tests.factories import (
    DemandFactory,
    FacilityFactory,
    OfferingFactory,
    OrganizationFactory,
    member_of,
    valid_id_number,
)
from tests.factories.volunteering import in_days, published_task, volunteer

MANY = 100


@pytest.fixture
def site(world):
    root = Page.get_first_root_node()
    home_page = root.add_child(instance=HomePage(title="邻里首页", slug="linli-home"))
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", is_default_site=True
    )
    site.root_page = home_page
    site.save()
    index = home_page.add_child(instance=CommunityIndexPage(title="社区", slug="communities"))
    community_page = index.add_child(
        instance=CommunityPage(
            title=world["home"].name, slug="home-community", community=world["home"]
        )
    )
    return {"home_page": home_page, "community_page": community_page}


def open_demands(world, n):
    for _ in range(n):
        demand = DemandFactory(community=world["home"], category=world["category"])
        services.demand_publish(actor=world["staff"], demand=demand)


def draft_demands(world, n):
    DemandFactory.create_batch(n, community=world["home"], category=world["category"])


def providers(world, n):
    for _ in range(n):
        organization = OrganizationFactory()
        organization.categories.add(world["category"])
        organization.service_area.add(world["home"])
        OfferingFactory(organization=organization, category=world["category"])


def facilities(world, n):
    FacilityFactory.create_batch(n, community=world["home"])


def offerings(world, n):
    OfferingFactory.create_batch(n, organization=world["provider"], category=world["category"])


def members(world, n):
    for _ in range(n):
        member_of(world["provider"], role="staff")


def volunteer_tasks(world, n):
    for _ in range(n):
        published_task(world["staff"], world["home"], category=world["category"])


_days = itertools.count(2)


def my_signups(world, n):
    person = world["volunteer"]
    profile = person.volunteer_profile
    if not profile.id_number:
        profile.id_number = valid_id_number()
        profile.save()
    for _ in range(n):
        day = next(_days)
        shift = {"starts_at": in_days(day), "ends_at": in_days(day, 11), "capacity": 3}
        task = published_task(
            world["staff"], world["home"], category=world["category"], shifts=[shift]
        )
        shift_signup(actor=person, shift=task.shifts.get())


_roster = {}


def roster(world, n):
    if "shift" not in _roster or _roster.get("world") is not world:
        task = published_task(
            world["staff"],
            world["home"],
            category=world["category"],
            shifts=[{"starts_at": in_days(5), "ends_at": in_days(5, 11), "capacity": 200}],
        )
        _roster.update(world=world, shift=task.shifts.get())
    for _ in range(n):
        shift_signup(actor=volunteer(world["home"]), shift=_roster["shift"])


def planned_projects(world, n):
    from marketplace.procurement.services import project_create

    for i in range(n):
        project_create(
            actor=world["purchaser"],
            purchaser=world["purchaser_org"],
            title=f"社区服务项目{i}",
            purpose="x",
            category=world["category"],
            budget=100000,
            funding_source="fiscal",
            service_starts=in_days(30).date(),
            service_ends=in_days(300).date(),
            bid_deadline=in_days(10),
            opening_at=in_days(10),
            criteria=[{"name": "方案", "max_score": 70}],
        )


def facilities_and_demands(world, n):
    facilities(world, n)
    open_demands(world, n)


# (url, who looks, how rows are made, how many rows "a few" is)
CASES = {
    "demand list": ("/demands/", None, open_demands, 10),
    "provider list": ("/providers/", None, providers, 10),
    "facility list": ("/facilities/", None, facilities, 10),
    "volunteer task list": ("/volunteering/", None, volunteer_tasks, 10),
    "my sign-ups": ("/volunteering/mine/", "volunteer", my_signups, 10),
    "home page": ("/", None, open_demands, 3),
    "community page": ("{community_page}", None, facilities_and_demands, 10),
    "admin demand index": ("/admin/demand/", "staff", draft_demands, 10),
    "admin facility index": ("/admin/facility/", "staff", facilities, 10),
    "admin offering index": ("/admin/offering/", "org_admin", offerings, 10),
    "admin membership index": ("/admin/membership/", "org_admin", members, 10),
    "admin audit log": ("/admin/auditevent/", "admin", open_demands, 10),
    "procurement list": ("/procurement/", "purchaser", planned_projects, 10),
    "admin volunteer tasks": ("/admin/task/", "staff", volunteer_tasks, 10),
    "admin roster": ("/admin/signup/", "staff", roster, 10),
}


def measure(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [q["sql"] for q in queries.captured_queries]


def _shape(sql):
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)


def extra_queries(few, many):
    """The statements the bigger page ran more often, with how many more times."""
    grown = Counter(map(_shape, many))
    grown.subtract(Counter(map(_shape, few)))
    return "\n".join(f"  +{n}: {sql[:300]}" for sql, n in grown.most_common(5) if n > 0)


@pytest.mark.parametrize(("url", "viewer", "make", "few"), CASES.values(), ids=CASES.keys())
def test_query_count_does_not_grow_with_rows(client, world, site, url, viewer, make, few):
    if viewer:
        if viewer in ("admin", "purchaser"):
            TOTP.activate(world[viewer], "JBSWY3DPEHPK3PXP")  # RequireMfaMiddleware
        client.force_login(world[viewer])
    url = url.format(community_page=site["community_page"].url)
    make(world, few)
    client.get(url)  # warm the caches (site root paths, content types, session)
    queries_few = measure(client, url)
    make(world, MANY - few)
    queries_many = measure(client, url)
    assert len(queries_many) == len(queries_few), (
        f"{url}: {len(queries_few)} queries for {few} rows, {len(queries_many)} for {MANY}:\n"
        + extra_queries(queries_few, queries_many)
    )


def test_the_pages_show_the_rows(client, world, site):
    """The counts above are only worth something if the rows are on the page."""
    open_demands(world, 25)
    facilities(world, 3)
    html = client.get("/demands/").content.decode()
    assert html.count('class="card"') == 20
    html = client.get(site["community_page"].url).content.decode()
    assert html.count('class="card"') == 25 + 3
    client.force_login(world["staff"])
    html = client.get("/admin/demand/").content.decode()
    assert html.count("/admin/demand/edit/") >= 20


def test_provider_list_pages_in_name_order(client, world):
    """Pagination needs an ORDER BY; Organization's Meta.ordering is dropped by Django once
    provider_list() aggregates (annotate(Count(...))), so pages come in no defined order."""
    for i in range(25, 0, -1):  # created in the reverse of name order
        OrganizationFactory(name=f"邻里服务社{i:02d}")
    html = client.get("/providers/").content.decode()
    shown = re.findall(r'<h3 class="card-title"><a href="/providers/\d+/">([^<]+)</a>', html)
    expected = Organization.objects.filter(status="verified").exclude(type="purchaser")
    assert shown == list(expected.order_by("name").values_list("name", flat=True)[:20])
