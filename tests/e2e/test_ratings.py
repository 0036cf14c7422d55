"""A resident rates a service badly, the provider answers and says what was fixed, and
the resident revises the rating — in Chromium, through the pages only."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from marketplace.reviews.models import Review
from tests.factories.reviews import delivered_demand
from tests.site import build_site

from .test_volunteering import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(world):
    build_site(communities=[world["home"]])
    demand = delivered_demand(world, served=[world["resident"]])
    for person in (world["resident"], world["org_staff"]):
        EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    return {"demand": demand}


def test_rate_answer_and_revise(live_server, browser, page, world, scene):
    base = live_server.url
    sign_in(page, base, world["resident"])
    page.goto(base + "/reviews/mine/")
    page.get_by_role("link", name="去评价").click()
    page.get_by_label("不满意", exact=True).check()
    page.get_by_label("迟到").check()
    page.get_by_label("评价内容（可选）").fill("约好九点，十点才到。")
    page.get_by_role("button", name="提交评价").click()
    expect(page.get_by_text("谢谢！您的评价已保存。")).to_be_visible()
    expect(page.get_by_text("已要求服务方答复并整改。")).to_be_visible()

    provider = browser.new_context(locale="zh-CN").new_page()
    sign_in(provider, base, world["org_staff"])
    provider.goto(base + "/reviews/cases/")
    expect(provider.get_by_text("约好九点，十点才到。")).to_be_visible()
    provider.get_by_label("给评价人的答复").fill("非常抱歉，已和护理员核实。")
    provider.get_by_label("整改了什么").fill("增加了一名备班护理员。")
    provider.get_by_role("button", name="发送答复").click()
    expect(provider.get_by_text("您的答复已发送给评价人。")).to_be_visible()

    page.goto(base + "/reviews/mine/")
    expect(page.get_by_text("增加了一名备班护理员。")).to_be_visible()
    page.get_by_role("link", name="修改我的评价").click()
    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="保存修改").click()
    expect(page.get_by_text("谢谢！您的评价已保存。")).to_be_visible()
    review = Review.objects.get()
    assert review.level == 4 and review.rectification.status == "closed"
    page.goto(base + f"/providers/{world['provider'].pk}/")
    expect(page.get_by_text("共 1 条评价")).to_be_visible()
