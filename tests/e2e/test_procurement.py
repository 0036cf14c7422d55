"""The whole purchased-service lifecycle in Chromium, through the pages: the purchaser
sets up and publishes a project, two organizations bid, the panel scores, the award is
published, the contract is signed and one milestone is delivered and accepted.

Signing in is done by session cookie (the login form and its second factor have their
own tests); the clock's moving on (deadline, opening, objection period) is done in the
database, as in the service tests.
"""

import datetime
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from cms.models import AwardNoticePage
from marketplace.procurement.models import Award, Milestone, Project
from tests.factories import OrganizationFactory, UserFactory, member_of
from tests.site import build_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def as_user(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context.new_page()


def clock_moves_past(project, **fields):
    past = timezone.now() - datetime.timedelta(minutes=1)
    Project.objects.filter(pk=project.pk).update(**{f: past for f in fields})


def test_tender_to_accepted_milestone(live_server, browser, world, tmp_path):
    build_site()
    base = live_server.url
    TOTP.activate(world["purchaser"], "JBSWY3DPEHPK3PXP")
    soon = timezone.localtime() + datetime.timedelta(days=10)

    # 1. The purchaser sets up the project and publishes it.
    page = as_user(browser, live_server, world["purchaser"])
    page.goto(base + "/procurement/new/")
    page.locator("#id_title").fill("杏花街道助浴服务项目")
    page.locator("#id_purpose").fill("为失能老人提供上门助浴。")
    page.locator("#id_category").select_option(label="养老")
    page.locator("#id_budget").fill("100000")
    page.locator("#id_funding_source").select_option("fiscal")
    page.locator("#id_service_starts").fill(
        (soon + datetime.timedelta(days=30)).strftime("%Y-%m-%d")
    )
    page.locator("#id_service_ends").fill(
        (soon + datetime.timedelta(days=300)).strftime("%Y-%m-%d")
    )
    page.locator("input[name=eligible_types][value=social_work_agency]").check()
    page.locator("input[name=required_documents][value=plan]").check()
    page.locator("#id_bid_deadline").fill(soon.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_opening_at").fill(soon.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_c-0-name").fill("服务方案")
    page.locator("#id_c-0-max_score").fill("70")
    page.get_by_role("button", name="保存项目").click()
    page.get_by_role("button", name="发布招标公告").click()
    project = Project.objects.get(title="杏花街道助浴服务项目")
    assert project.status == "tendering"

    # 2. Two social-work agencies bid.
    plan = tmp_path / "方案.pdf"
    plan.write_bytes(b"%PDF-1.4 plan")
    for name, price in (("甲", "90000"), ("乙", "80000")):
        org = OrganizationFactory(name=f"{name}社工服务中心")
        bidder = as_user(browser, live_server, member_of(org, role="admin"))
        bidder.goto(base + f"/procurement/{project.pk}/bid/")
        bidder.locator("#id_price").fill(price)
        bidder.locator("#id_plan").fill(f"{name}的助浴方案")
        bidder.locator("input[type=file]").set_input_files(str(plan))
        bidder.get_by_role("button", name="密封提交").click()
        expect(bidder.get_by_text("投标已提交，开标前保持密封。")).to_be_visible()
        bidder.context.close()

    # 3. The panel is appointed; the bids are opened after the deadline.
    panel = [UserFactory(name=f"专家{i}") for i in range(3)]
    for person in panel:
        page.get_by_label("聘请评审专家（邮箱）").fill(person.email)
        page.get_by_role("button", name="聘请", exact=True).click()
    clock_moves_past(project, bid_deadline=True, opening_at=True)
    page.get_by_role("button", name="开标").click()
    expect(page.get_by_text("¥90000.00")).to_be_visible()

    # 4. Each evaluator declares and scores.
    for points, person in zip(("60", "65", "62"), panel, strict=True):
        sheet = as_user(browser, live_server, person)
        sheet.goto(base + f"/procurement/{project.pk}/score/")
        sheet.get_by_role("checkbox").check()
        sheet.get_by_role("button", name="声明").click()
        for field in sheet.locator("input[type=number]").all():
            field.fill(points)
        sheet.get_by_role("button", name=re.compile("提交评分表")).click()
        expect(sheet.get_by_text("评分表已提交。")).to_be_visible()
        sheet.context.close()

    # 5. The award is made and its notice published.
    page.reload()
    page.get_by_role("button", name="确定排名第一的投标为中标").click()
    notice = AwardNoticePage.objects.get(project=project)
    page.goto(base + notice.url)
    expect(page.get_by_text("乙社工服务中心").first).to_be_visible()

    # 6. After the objection period: contract, then a milestone delivered and accepted.
    Award.objects.filter(project=project).update(standstill_ends_at=timezone.now())
    page.goto(base + f"/procurement/{project.pk}/contract/")
    page.locator("#id_m-0-title").fill("全程服务")
    page.locator("#id_m-0-deliverables").fill("服务台账与结项报告")
    page.locator("#id_m-0-due_date").fill(
        (soon + datetime.timedelta(days=200)).strftime("%Y-%m-%d")
    )
    page.locator("#id_m-0-payment_share").fill("100")
    page.get_by_role("button", name="签订").click()
    winner = Award.objects.get(project=project).bid.organization
    undertaker = as_user(browser, live_server, winner.memberships.get().user)
    undertaker.goto(base + f"/procurement/{project.pk}/")
    undertaker.get_by_label("交付证明").fill("结项报告已上传")
    undertaker.get_by_role("button", name="提交交付").click()
    undertaker.context.close()
    page.goto(base + f"/procurement/{project.pk}/")
    page.get_by_role("button", name="验收通过").click()
    assert Milestone.objects.get().status == "accepted"
    expect(page.get_by_text("已验收")).to_be_visible()
