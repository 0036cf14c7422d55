"""Tender and award notices are Wagtail pages, published when the project reaches the stage."""

from cms.models import AwardNoticePage, NoticeIndexPage, TenderNoticePage
from marketplace.procurement import services
from tests.factories.procurement import (
    PRICE,
    SECRET_PLAN,
    opened_tender,
    published_project,
    score_all,
    submit,
)
from tests.site import build_site


def test_publishing_a_project_publishes_its_tender_notice(
    client, world, django_capture_on_commit_callbacks
):
    build_site()
    with django_capture_on_commit_callbacks(execute=True):
        project = published_project(world)
    notice = TenderNoticePage.objects.get(project=project)
    assert notice.live and isinstance(notice.get_parent().specific, NoticeIndexPage)
    submit(world, project)
    page = client.get(notice.url).content.decode()
    assert project.title in page and "服务方案" in page and "团队与经验" in page
    assert str(PRICE) not in page and SECRET_PLAN not in page
    index = client.get(notice.get_parent().url).content.decode()
    assert notice.title in index


def test_the_award_publishes_its_notice_with_the_ranking(
    client, world, django_capture_on_commit_callbacks
):
    build_site()
    tender = opened_tender(world)
    score_all(tender)
    with django_capture_on_commit_callbacks(execute=True):
        services.project_award(actor=world["purchaser"], project=tender["project"])
    notice = AwardNoticePage.objects.get(project=tender["project"])
    page = client.get(notice.url).content.decode()
    assert "甲社工服务中心" in page and "85.00" in page and "74.50" in page
