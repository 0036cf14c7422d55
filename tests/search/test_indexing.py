"""The index follows the database: after each commit, and by the reindex and status
commands."""

import io

import pytest
from django.core.management import call_command

from marketplace.demands import services as demands
from marketplace.volunteering.models import Shift
from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from search.models import Entry
from tests.factories import DemandFactory
from tests.factories.volunteering import published_task


@pytest.fixture
def index():
    return DatabaseBackend()


def found(index, text, **query):
    return [hit.doc_id for hit in index.search(SearchQuery(text=text, **query)).hits]


def test_a_change_reaches_the_index_after_commit(world, index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        demand = DemandFactory(
            community=world["home"], category=world["category"], title="居家养老服务需求"
        )
    assert found(index, "养老") == []  # a draft is never searchable
    with django_capture_on_commit_callbacks(execute=True):
        demands.demand_publish(actor=world["staff"], demand=demand)
    assert found(index, "养老") == [f"demand-{demand.pk}"]
    with django_capture_on_commit_callbacks(execute=True):
        demands.demand_cancel(actor=world["staff"], demand=demand, reason="需求取消")
    # A cancelled demand stays findable, with its status.
    assert Entry.objects.get(type="demand").summary
    with django_capture_on_commit_callbacks(execute=True):
        demand.delete()
    assert found(index, "养老") == []


def test_nothing_is_sent_for_a_rollback(world, index, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            demand = DemandFactory(community=world["home"], category=world["category"])
            demands.demand_publish(actor=world["staff"], demand=demand)
            transaction.set_rollback(True)
    assert callbacks == [] and index.count() == 0


def test_a_shift_change_reindexes_its_task(world, index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        task = published_task(world["staff"], world["home"], title="老年人助餐点志愿服务")
    (hit,) = index.search(SearchQuery(types=("task",), open_seats=True)).hits
    assert hit.object_id == str(task.pk)
    with django_capture_on_commit_callbacks(execute=True):
        shift = task.shifts.get()
        shift.confirmed_count = shift.capacity
        shift.save()
    assert index.search(SearchQuery(types=("task",), open_seats=True)).hits == []


def test_reindex_and_status_commands(world, index):
    demand = DemandFactory(community=world["home"], category=world["category"], title="助浴服务")
    demands.demand_publish(actor=world["staff"], demand=demand)  # never committed: not indexed
    out = io.StringIO()
    call_command("search_status", stdout=out, stderr=io.StringIO())
    assert "DRIFT" in out.getvalue()
    assert "database demand: 1 missing, 0 out of date, 0 that should not be there" in (
        out.getvalue()
    )
    call_command("search_status", "--fix", stdout=io.StringIO(), stderr=io.StringIO())
    assert found(index, "助浴") == [f"demand-{demand.pk}"]
    out = io.StringIO()
    call_command("search_status", stdout=out, stderr=io.StringIO())
    assert "DRIFT" not in out.getvalue()

    # Same number of documents, one out of date (a change the index never heard of).
    type(demand).objects.filter(pk=demand.pk).update(title="助餐服务")
    out = io.StringIO()
    call_command("search_status", stdout=out, stderr=io.StringIO())
    assert "database demand: 0 missing, 1 out of date, 0 that should not be there" in (
        out.getvalue()
    )
    call_command("search_status", "--fix", stdout=io.StringIO(), stderr=io.StringIO())
    assert found(index, "助餐") == [f"demand-{demand.pk}"] and found(index, "助浴") == []

    Entry.objects.create(
        doc_id="demand-999999",
        type="demand",
        object_id="999999",
        visibility="public",
        title="x",
        text="",
        display_title="已删除的需求",
    )
    call_command("search_reindex", "demand", stdout=io.StringIO(), stderr=io.StringIO())
    assert not Entry.objects.filter(doc_id="demand-999999").exists()  # stale removed
    assert Shift.objects.count() == 0


def test_publishing_and_unpublishing_a_page(world, index, django_capture_on_commit_callbacks):
    from cms.models import StandardPage
    from tests.site import build_site

    home = build_site()
    with django_capture_on_commit_callbacks(execute=True):
        page = home.add_child(instance=StandardPage(title="办事指南：高龄津贴申领", slug="g"))
        page.save_revision().publish()
    assert found(index, "高龄津贴") == [f"page-{page.pk}"]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert found(index, "高龄津贴") == []


def test_a_review_moves_its_provider_in_the_index(world, index, django_capture_on_commit_callbacks):
    from marketplace.reviews.services import review_create
    from search.indexing import index_objects
    from tests.factories.reviews import delivered_demand

    provider = world["provider"]
    demand = delivered_demand(world, served=[world["resident"]])
    index_objects("organization", [provider.pk])
    index_objects("demand", [demand.pk])
    carried = [f"organization-{provider.pk}", f"demand-{demand.pk}"]
    before = dict(Entry.objects.filter(doc_id__in=carried).values_list("doc_id", "rating"))
    with django_capture_on_commit_callbacks(execute=True):
        review_create(actor=world["resident"], service_kind="demand", service_id=demand.pk, level=5)
    after = dict(Entry.objects.filter(doc_id__in=carried).values_list("doc_id", "rating"))
    assert len(before) == 2 and all(after[doc] > before[doc] for doc in carried)


def test_restricting_or_moving_a_page_takes_its_subtree_out(
    world, index, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    from cms.models import StandardPage
    from tests.site import build_site

    home = build_site()
    with django_capture_on_commit_callbacks(execute=True):
        section = home.add_child(instance=StandardPage(title="内部资料", slug="inside"))
        guide = home.add_child(instance=StandardPage(title="高龄津贴申领指南", slug="guide"))
        section.add_child(instance=StandardPage(title="高龄津贴内部口径", slug="rules"))
    assert len(found(index, "高龄津贴")) == 2
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=section, restriction_type="login")
    assert found(index, "高龄津贴") == [f"page-{guide.pk}"]
    with django_capture_on_commit_callbacks(execute=True):
        guide.move(section, pos="last-child")
    assert found(index, "高龄津贴") == []
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert len(found(index, "高龄津贴")) == 2


def test_a_deactivated_social_worker_leaves_the_index(
    world, index, django_capture_on_commit_callbacks
):
    from search.indexing import index_objects

    person = world["social_worker"]
    index_objects("socialworker", [person.social_worker_profile.pk])
    staff = ("public", "staff")
    assert found(index, "", types=("socialworker",), visibilities=staff)
    with django_capture_on_commit_callbacks(execute=True):
        person.is_active = False
        person.save()
    assert found(index, "", types=("socialworker",), visibilities=staff) == []
