"""A volunteer finds a task, signs up, waits when it is full, and is promoted when a
place frees up — in Chromium, through the pages only."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from marketplace.volunteering import services
from tests.factories.volunteering import in_days, published_task, volunteer
from tests.site import build_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "pass-word-2026"


@pytest.fixture
def scene(world):
    build_site(communities=[world["home"]])
    task = published_task(
        world["staff"],
        world["home"],
        category=world["category"],
        title="社区图书角整理",
        shifts=[{"starts_at": in_days(4), "ends_at": in_days(4, 11), "capacity": 1}],
    )
    first, second = volunteer(world["home"]), volunteer(world["home"])
    for person in (first, second):
        EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    services.shift_signup(actor=first, shift=task.shifts.get())  # takes the only place
    return {"task": task, "first": first, "second": second}


def sign_in(page, base, user):
    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator(
        "button[type=submit]"
    ).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_find_sign_up_wait_and_be_promoted(live_server, browser, page, scene):
    base = live_server.url
    sign_in(page, base, scene["second"])
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="志愿服务").click()
    page.wait_for_url("**/volunteering/")
    page.get_by_label("关键词").fill("图书角")
    page.get_by_role("button", name="筛选").click()
    page.get_by_role("link", name="社区图书角整理").first.click()
    page.wait_for_url(f"**/volunteering/{scene['task'].pk}/")

    page.get_by_role("button", name="加入候补").click()
    expect(page.get_by_text("该班次已满，您已进入候补名单。")).to_be_visible()
    expect(page.get_by_text("候补第 1 位")).to_be_visible()

    # The volunteer holding the place cancels, in their own browser.
    other = browser.new_context(locale="zh-CN")
    first_page = other.new_page()
    sign_in(first_page, base, scene["first"])
    first_page.goto(base + f"/volunteering/{scene['task'].pk}/")
    first_page.get_by_role("button", name="取消报名").click()
    expect(first_page.get_by_text("您的报名已取消。")).to_be_visible()
    other.close()

    page.reload()
    row = page.get_by_role("row").filter(has_text="已报 1 / 共 1")
    expect(row.get_by_text("已确认")).to_be_visible()
    page.get_by_role("link", name="通知").click()
    expect(page.get_by_text("有名额空出：您已确认参加“社区图书角整理”")).to_be_visible()
