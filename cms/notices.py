"""Tender and award notices as Wagtail pages, created when a project reaches the stage.

They are presentation of procurement data, so they follow it through the procurement
signals (sent after commit) instead of the procurement services knowing about pages.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override
from wagtail.models import Page

from .models import AwardNoticePage, HomePage, NoticeIndexPage, TenderNoticePage

TENDER_TITLE = gettext_noop("Tender notice: %(title)s")
AWARD_TITLE = gettext_noop("Award notice: %(title)s")


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


def _notice_publish(page_class, project, title: str, slug_prefix: str):
    """Publish the project's notice of this kind once; later calls do nothing."""
    if page_class.objects.filter(project=project).exists():
        return None
    with override("zh-hans"):
        title = _(title) % {"title": project.title}
    return _publish(page_class(title=title, slug=f"{slug_prefix}-{project.pk}", project=project))


def tender_notice_publish(project) -> TenderNoticePage | None:
    return _notice_publish(TenderNoticePage, project, TENDER_TITLE, "tender")


def award_notice_publish(project) -> AwardNoticePage | None:
    return _notice_publish(AwardNoticePage, project, AWARD_TITLE, "award")
