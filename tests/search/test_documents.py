"""Search documents: built from the domain by one function per type; what must never be
searchable stays out (drafts, unverified providers, pages not live, anything of a bid)."""

import json

import pytest

from cms.models import TenderNoticePage
from marketplace.demands import services as demands
from search.registry import TYPES, documents_of
from search.text import matches, query_terms
from tests.factories import DemandFactory, FacilityFactory, OfferingFactory, OrganizationFactory
from tests.factories.procurement import PRICE, SECRET_PLAN, published_project, submit
from tests.factories.volunteering import published_task
from tests.site import build_site


def all_documents() -> dict[str, list]:
    return {key: list(documents_of(search_type)) for key, search_type in TYPES.items()}


def dumped(documents: dict) -> str:
    return json.dumps(
        {key: [d.to_dict() for d in docs] for key, docs in documents.items()},
        ensure_ascii=False,
        default=str,
    )


def test_every_type_builds_and_drafts_stay_out(world):
    draft = DemandFactory(community=world["home"], category=world["category"], title="草稿需求")
    open_demand = DemandFactory(
        community=world["home"], category=world["category"], title="居家养老服务需求"
    )
    demands.demand_publish(actor=world["staff"], demand=open_demand)
    published_task(world["staff"], world["home"], title="老年人助餐点志愿服务")
    FacilityFactory(community=world["home"], name="杏花社区食堂（助餐点）")
    OfferingFactory(organization=world["provider"], category=world["category"])
    OrganizationFactory(status="submitted", name="未认证机构")
    found = all_documents()
    assert [d.object_id for d in found["demand"]] == [str(open_demand.pk)]
    assert draft.title not in dumped(found)
    assert "未认证机构" not in dumped(found)
    assert {d.type for docs in found.values() for d in docs} >= {
        "demand",
        "task",
        "organization",
        "offering",
        "facility",
        "socialworker",
    }
    (demand,) = found["demand"]
    assert demand.community == str(world["home"].pk)
    assert demand.street == str(world["home"].parent_id)
    assert demand.rating == 3.0  # no provider yet: the neutral default
    assert matches(demand.title, query_terms("养老"))
    (task,) = found["task"]
    assert task.open_seats == 2 and matches(task.title, query_terms("助餐"))
    (worker,) = found["socialworker"]
    assert worker.visibility == "staff"  # never public


def test_sealed_bids_never_enter_a_document(world, django_capture_on_commit_callbacks):
    """Issue 4's sealing bar, for search: whatever exists while a bid is sealed (the
    project, its tender notice page, the bidding organization), no document carries the
    bid's price or plan — and bids have no search type at all."""
    build_site()
    with django_capture_on_commit_callbacks(execute=True):
        project = published_project(world)
    submit(world, project)
    assert TenderNoticePage.objects.filter(project=project, live=True).exists()
    found = all_documents()
    assert project.title in dumped(found)  # the notice is searchable ...
    text = dumped(found)
    assert str(PRICE) not in text and SECRET_PLAN not in text  # ... the bid is not
    assert "186420" not in text
    assert not any("bid" in key for key in TYPES)


@pytest.mark.parametrize("live", [True, False])
def test_only_live_unrestricted_pages(world, live):
    from wagtail.models import PageViewRestriction

    from cms.models import StandardPage

    home = build_site()
    page = home.add_child(instance=StandardPage(title="办事指南：养老补贴申领", slug="guide"))
    if not live:
        page.unpublish()
    found = [d.display_title for d in documents_of(TYPES["page"])]
    assert ("办事指南：养老补贴申领" in found) is live
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert "办事指南：养老补贴申领" not in [d.display_title for d in documents_of(TYPES["page"])]


def test_reviews_never_enter_a_document(world):
    """Review texts (visible, hidden or removed) are not searchable; only the provider's
    rating travels."""
    from marketplace.reviews.services import review_create, review_hide
    from tests.factories.reviews import delivered_demand

    demand = delivered_demand(world, served=[world["resident"]])
    review = review_create(
        actor=world["resident"],
        service_kind="demand",
        service_id=demand.pk,
        level=1,
        text="护理员态度恶劣，电话一三八零零零零",
    )
    review_hide(actor=world["staff"], review=review, reason="含个人信息")
    text = dumped(all_documents())
    assert "态度恶劣" not in text and "一三八" not in text


@pytest.mark.parametrize("key", ["organization", "offering", "page"])
def test_a_reindex_reads_in_constant_queries(world, key):
    """Ratings and page restrictions are read once per batch, not once per document."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms.models import StandardPage

    home = build_site()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            list(documents_of(TYPES[key]))
        return len(captured)

    OfferingFactory(organization=world["provider"], category=world["category"])
    few = queries()
    for _ in range(4):
        organization = OrganizationFactory(status="verified")
        OfferingFactory(organization=organization, category=world["category"])
        home.add_child(instance=StandardPage(title="办事指南", slug=f"g{organization.pk}"))
    assert queries() == few


def test_a_service_area_covers_the_regions_below_and_above_it(world):
    """A provider serving a street is found by its communities and by its district."""
    street, (first, second) = world["streets"][0], world["communities"]
    world["provider"].service_area.set([street])
    (document,) = [
        d for d in documents_of(TYPES["organization"]) if d.object_id == str(world["provider"].pk)
    ]
    assert document.community == [str(first.pk), str(second.pk)]
    assert document.street == [str(street.pk)]
    assert document.district == [str(world["district"].pk)]
    world["provider"].service_area.set([first])
    (document,) = [
        d for d in documents_of(TYPES["organization"]) if d.object_id == str(world["provider"].pk)
    ]
    assert document.community == [str(first.pk)] and document.street == [str(street.pk)]
