"""Community project pages (社区项目): text by editors, donations from the payments app."""

from decimal import Decimal

import pytest
from django.utils import translation

from cms.models import CommunityPage, HomePage, ProjectPage, StandardPage
from tests.site import build_site


def url_of(page, language="en") -> str:
    """The page's path in a language (Wagtail's page.url follows the active one)."""
    with translation.override(language):
        return page.url


PAYMENTS_OFF = "Online donations are not available on this site yet"


@pytest.fixture
def section(world):
    build_site(communities=[world["home"]])
    return CommunityPage.objects.get(community=world["home"])


def add_project(section, **fields) -> ProjectPage:
    fields = {"title": "社区花园改造", "slug": "garden", "intro": "一起把空地变成花园。", **fields}
    return section.add_child(instance=ProjectPage(**fields))


@pytest.fixture
def payments_on(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_linli"
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing here calls Stripe


def test_a_project_lives_under_a_community_section(db):
    assert ProjectPage.can_create_at(CommunityPage())
    assert not ProjectPage.can_create_at(HomePage())
    assert not ProjectPage.can_create_at(StandardPage())
    assert ProjectPage.allowed_subpage_models() == []


@pytest.mark.usefixtures("payments_on")
def test_the_page_in_english_with_the_donate_form(client, section):
    project = add_project(section, goal=Decimal("2000.00"))
    answer = client.get(url_of(project))
    html = answer.content.decode()
    assert answer.status_code == 200
    assert "社区花园改造" in html and "一起把空地变成花园。" in html
    assert "Donations received" in html and "of a goal of ¥2000.00" in html
    assert "0% of the goal reached" in html and "No donations yet." in html
    assert f'action="/en/donations/donate/{project.pk}/"' in html
    for preset in ("¥20", "¥50", "¥100"):
        assert preset in html
    assert PAYMENTS_OFF not in html


@pytest.mark.usefixtures("payments_on")
def test_the_page_in_chinese_by_default(client, section):
    project = add_project(section)
    answer = client.get(url_of(project, "zh-hans"))
    assert answer.status_code == 200
    assert '<html lang="zh-Hans"' in answer.content.decode()
    assert f'action="/donations/donate/{project.pk}/"' in answer.content.decode()


@pytest.mark.usefixtures("payments_on")
def test_a_page_without_a_goal_shows_no_progress(client, section):
    html = client.get(url_of(add_project(section))).content.decode()
    assert "<progress" not in html and "goal" not in html
    assert "¥0.00" in html


def test_with_payments_off_the_page_says_so_and_has_no_form(client, section):
    project = add_project(section, goal=Decimal("500"))
    answer = client.get(url_of(project))
    html = answer.content.decode()
    assert answer.status_code == 200
    assert PAYMENTS_OFF in html
    assert "/donations/donate/" not in html and 'name="amount"' not in html
    assert "of a goal of ¥500.00" in html


@pytest.mark.usefixtures("payments_on")
def test_a_closed_project_takes_no_more_donations(client, section):
    project = add_project(section, is_open=False)
    html = client.get(url_of(project)).content.decode()
    assert "no longer taking donations" in html
    assert "/donations/donate/" not in html and PAYMENTS_OFF not in html
    assert not project.accepts_donations
