"""Tender and award notices as Wagtail pages, created when a project reaches the stage.

They are presentation of procurement data, so they follow it through the procurement
signals (sent after commit) instead of the procurement services knowing about pages.
"""

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.models import Page

from .models import AwardNoticePage, HomePage, NoticeIndexPage, TenderNoticePage


def notice_index() -> NoticeIndexPage | None:
    index = NoticeIndexPage.objects.first()
    if index is not None:
        return index
    home = HomePage.objects.first()
    if home is None:
        return None  # no site yet (a bare test database): nothing to publish under
    with override("zh-hans"):
        index = NoticeIndexPage(title=_("Procurement notices"), slug="notices")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _publish(page: Page) -> Page:
    index = notice_index()
    if index is None:
        return page
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def tender_notice_publish(project) -> TenderNoticePage | None:
    if TenderNoticePage.objects.filter(project=project).exists():
        return None
    with override("zh-hans"):
        title = _("Tender notice: %(title)s") % {"title": project.title}
    return _publish(
        TenderNoticePage(title=title, slug=slugify(f"tender-{project.pk}"), project=project)
    )


def award_notice_publish(project) -> AwardNoticePage | None:
    if AwardNoticePage.objects.filter(project=project).exists():
        return None
    with override("zh-hans"):
        title = _("Award notice: %(title)s") % {"title": project.title}
    return _publish(
        AwardNoticePage(title=title, slug=slugify(f"award-{project.pk}"), project=project)
    )
