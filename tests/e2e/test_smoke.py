import re

import pytest
from playwright.sync_api import expect

from marketplace.demands import services
from tests.factories import DemandFactory
from tests.site import build_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_with_demand(world):
    build_site(communities=[world["home"]])
    demand = DemandFactory(
        community=world["home"], category=world["category"], title="独居老人助餐配送"
    )
    services.demand_publish(actor=world["staff"], demand=demand)
    return demand


def test_home_to_demand_to_english(live_server, page, site_with_demand):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.get_by_role("navigation", name=re.compile("主导航|Main")).get_by_role(
        "link", name="需求"
    ).click()
    page.wait_for_url("**/demands/")
    page.get_by_role("link", name="独居老人助餐配送").click()
    page.wait_for_url(f"**/demands/{site_with_demand.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "独居老人助餐配送"
    page.get_by_role("button", name="English").click()
    page.wait_for_url(f"**/en/demands/{site_with_demand.pk}/")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("heading", name="Description")).to_be_visible()
    page.get_by_role("link", name="Demands", exact=True).click()
    page.wait_for_url("**/en/demands/")
    assert page.get_by_role("heading", level=1).inner_text() == "Community demands"
