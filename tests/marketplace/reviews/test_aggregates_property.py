"""Property: after any sequence of creates, edits, hides, removals and restores, the
incrementally kept aggregates equal a full recomputation from the reviews."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.reviews import services
from marketplace.reviews.models import RatingAggregate, Review
from marketplace.reviews.services.aggregates import counted_levels
from tests.factories import OrganizationFactory, member_of
from tests.factories.reviews import delivered_demand, resident_of

LEVEL = st.integers(min_value=1, max_value=5)
OPS = st.lists(
    st.one_of(
        st.tuples(st.just("create"), st.integers(0, 5), st.integers(0, 1), LEVEL),
        st.tuples(st.just("edit"), st.integers(0, 30), LEVEL),
        st.tuples(st.just("hide"), st.integers(0, 30)),
        st.tuples(st.just("remove"), st.integers(0, 30)),
        st.tuples(st.just("restore"), st.integers(0, 30)),
    ),
    max_size=25,
)


@pytest.fixture
def stage(world):
    """Six residents each served by both of two demands, with two different providers."""
    people = [resident_of(world["home"]) for _ in range(6)]
    second_org = OrganizationFactory(name="第二家服务机构")
    member_of(second_org, role="admin", user=world["org_admin"])
    demands = [
        delivered_demand(world, served=people),
        delivered_demand(world, served=people, organization=second_org),
    ]
    return {"people": people, "demands": demands, "admin": world["admin"]}


def _apply(op, stage):
    reviews = list(Review.objects.order_by("pk"))
    name = op[0]
    if name == "create":
        person, demand = stage["people"][op[1]], stage["demands"][op[2]]
        if not Review.objects.filter(reviewer=person, service_id=demand.pk).exists():
            services.review_create(
                actor=person, service_kind="demand", service_id=demand.pk, level=op[3]
            )
        return
    if not reviews:
        return
    review = reviews[op[1] % len(reviews)]
    admin = stage["admin"]
    if name == "edit" and review.status != "removed":  # a removed review stays as it was
        services.review_update(actor=review.reviewer, review=review, level=op[2], text=review.text)
    elif name == "hide" and review.status == "visible":
        services.review_hide(actor=admin, review=review, reason="待核实")
    elif name == "remove" and review.status != "removed":
        services.review_remove(actor=admin, review=review, reason="辱骂")
    elif name == "restore" and review.status != "visible":
        services.review_restore(actor=admin, review=review, reason="核实无误")


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=OPS)
def test_incremental_equals_recomputed(stage, ops):
    from django.db import transaction

    sid = transaction.savepoint()  # each example starts from the same stage
    try:
        for op in ops:
            _apply(op, stage)
        rows = {(a.provider_type, a.provider_id): a.counts() for a in RatingAggregate.objects.all()}
        providers = set(Review.objects.values_list("provider_type", "provider_id"))
        for ptype, pid in providers:
            expected = counted_levels(Review.objects.filter(provider_type=ptype, provider_id=pid))
            assert rows[(ptype, pid)] == expected
        platform = rows.get((RatingAggregate.PLATFORM, 0), dict.fromkeys(range(1, 6), 0))
        assert platform == counted_levels(Review.objects.all())
        # And the repair path agrees with the increments.
        for ptype, pid in providers:
            assert (
                services.rating_recompute(provider_type=ptype, provider_id=pid).counts()
                == (rows[(ptype, pid)])
            )
    finally:
        transaction.savepoint_rollback(sid)
