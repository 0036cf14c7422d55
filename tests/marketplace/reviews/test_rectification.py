"""Bad reviews open a case with a deadline; the provider answers; overdue ones escalate.
Time is controlled: the services take `now`, and created_at is moved where needed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.core.errors import DomainError, NotPermitted
from marketplace.reviews import services
from marketplace.reviews.models import CreditEvent, RectificationCase, Review
from marketplace.reviews.selectors import credit_get
from tests.factories.reviews import delivered_demand

pytestmark = pytest.mark.clock_sweep


@pytest.fixture
def bad(world):
    demand = delivered_demand(world, served=[world["resident"]])
    review = services.review_create(
        actor=world["resident"], service_kind="demand", service_id=demand.pk, level=2, text="迟到了"
    )
    return review


def test_a_bad_review_opens_a_case_and_tells_the_provider(world, bad, settings):
    case = bad.rectification
    assert case.status == "open"
    assert case.due_at == pytest.approx(
        bad.created_at + timedelta(days=settings.RECTIFICATION_DAYS), abs=timedelta(seconds=5)
    )
    assert world["org_admin"].notifications.filter(kind="reviews.case.opened").exists()
    assert world["org_staff"].notifications.filter(kind="reviews.case.opened").exists()


def test_good_and_fair_reviews_open_no_case(world):
    demand = delivered_demand(world, served=[world["resident"]])
    review = services.review_create(
        actor=world["resident"], service_kind="demand", service_id=demand.pk, level=3
    )
    assert not RectificationCase.objects.filter(review=review).exists()


def test_only_the_provider_answers_and_the_reviewer_revises(world, bad):
    case = bad.rectification
    with pytest.raises(NotPermitted):
        services.case_answer(actor=world["staff"], case=case, answer="x", fixed="y")
    with pytest.raises(DomainError, match="what was fixed"):
        services.case_answer(actor=world["org_staff"], case=case, answer="抱歉", fixed=" ")
    services.case_answer(
        actor=world["org_staff"], case=case, answer="非常抱歉", fixed="已调整排班，提前出发"
    )
    assert world["resident"].notifications.filter(kind="reviews.case.answered").exists()
    # Past the edit window, the answer still lets the reviewer revise.
    Review.objects.filter(pk=bad.pk).update(created_at=timezone.now() - timedelta(days=30))
    services.review_update(actor=world["resident"], review=bad, level=4, text="改进了")
    case.refresh_from_db()
    assert case.status == "closed"
    with pytest.raises(DomainError, match="closed"):
        services.case_answer(actor=world["org_staff"], case=case, answer="再补充", fixed="x")


def test_the_reviewer_may_accept_the_answer(world, bad):
    case = bad.rectification
    with pytest.raises(DomainError, match="not possible"):
        services.case_accept(actor=world["resident"], case=case)  # nothing to accept yet
    services.case_answer(actor=world["org_admin"], case=case, answer="抱歉", fixed="已培训")
    with pytest.raises(NotPermitted):
        services.case_accept(actor=world["org_admin"], case=case)
    services.case_accept(actor=world["resident"], case=case)
    case.refresh_from_db()
    assert case.status == "closed"
    bad.refresh_from_db()
    assert bad.level == 2  # accepted, not revised


def test_editing_outside_the_window_without_an_answer_is_refused(world, bad, settings):
    Review.objects.filter(pk=bad.pk).update(
        created_at=timezone.now() - timedelta(days=settings.REVIEW_EDIT_WINDOW_DAYS, seconds=1)
    )
    with pytest.raises(DomainError, match="can be edited for 7 days"):
        services.review_update(actor=world["resident"], review=bad, level=5)
    bad.refresh_from_db()
    assert bad.level == 2


def test_overdue_escalates_once_at_the_deadline_and_costs_credit(world, bad):
    case = bad.rectification
    due = case.due_at
    before = credit_get(organization=world["provider"]).score
    assert services.cases_escalate_overdue(now=due) == {"escalated": 0, "closed": 0}
    assert services.cases_escalate_overdue(now=due + timedelta(seconds=1))["escalated"] == 1
    assert services.cases_escalate_overdue(now=due + timedelta(days=3))["escalated"] == 0
    case.refresh_from_db()
    assert case.escalated_at == due + timedelta(seconds=1)
    assert world["staff"].notifications.filter(kind="reviews.case.escalated").count() == 1
    assert not world["other_staff"].notifications.filter(kind="reviews.case.escalated").exists()
    event = CreditEvent.objects.get(organization=world["provider"])
    assert (event.kind, event.points) == ("rectification_overdue", -5)
    assert credit_get(organization=world["provider"]).score == before - 5
    # A late answer is still welcome, but the lateness stays on the record.
    services.case_answer(actor=world["org_admin"], case=case, answer="抱歉来迟", fixed="已处理")
    assert CreditEvent.objects.filter(organization=world["provider"]).count() == 1


def test_an_answered_case_closes_itself_after_two_weeks(world, bad):
    case = services.case_answer(
        actor=world["org_admin"], case=bad.rectification, answer="抱歉", fixed="已处理"
    )
    later = case.answered_at + timedelta(days=14)
    assert services.cases_escalate_overdue(now=later)["closed"] == 0
    assert services.cases_escalate_overdue(now=later + timedelta(seconds=1))["closed"] == 1
    case.refresh_from_db()
    assert case.status == "closed"


def test_removing_an_abusive_review_closes_its_case_and_stops_counting(world, bad):
    from marketplace.reviews.selectors import rating_get

    assert rating_get(provider_type="organization", provider_id=world["provider"].pk).count == 1
    with pytest.raises(NotPermitted):
        services.review_remove(actor=world["staff"], review=bad, reason="辱骂")
    services.review_hide(actor=world["staff"], review=bad, reason="含不当用语")
    assert rating_get(provider_type="organization", provider_id=world["provider"].pk).count == 1
    services.review_remove(actor=world["admin"], review=bad, reason="辱骂")
    assert rating_get(provider_type="organization", provider_id=world["provider"].pk).count == 0
    told = world["resident"].notifications.order_by("pk").values_list("kind", flat=True)
    assert list(told)[-2:] == ["reviews.review.hidden", "reviews.review.removed"]
    bad.rectification.refresh_from_db()
    assert bad.rectification.status == "closed"


def test_the_word_filter_holds_text_back_but_counts_the_rating(world):
    demand = delivered_demand(world, served=[world["resident"]])
    review = services.review_create(
        actor=world["resident"],
        service_kind="demand",
        service_id=demand.pk,
        level=1,
        text="服务人员态度恶劣，简直是ＳＢ",
    )
    assert review.status == "hidden"
    assert "word filter" in review.moderation_reason
    from marketplace.reviews.selectors import rating_get

    assert rating_get(provider_type="organization", provider_id=world["provider"].pk).count == 1
    with pytest.raises(DomainError, match="Say why"):
        services.review_restore(actor=world["staff"], review=review, reason="")
    services.review_restore(actor=world["staff"], review=review, reason="核实后恢复")
    review.refresh_from_db()
    assert review.status == "visible"


def test_staff_cannot_undo_a_removal_and_a_removed_review_stays_removed(world, bad):
    services.review_remove(actor=world["admin"], review=bad, reason="辱骂")
    with pytest.raises(NotPermitted):
        services.review_restore(actor=world["staff"], review=bad, reason="我觉得可以")
    with pytest.raises(DomainError, match="can be edited"):
        services.review_update(actor=world["resident"], review=bad, level=1)
    bad.refresh_from_db()
    assert (bad.status, bad.level) == ("removed", 2)
    services.review_restore(actor=world["admin"], review=bad, reason="复核后恢复")
    bad.refresh_from_db()
    assert bad.status == "visible"


def test_reviews_of_a_community_are_overseen_by_its_street(world):
    """When the community itself is rated, its own staff neither moderate the review nor
    receive its escalation: the street's staff do."""
    from tests.factories import staff_of
    from tests.factories.reviews import resolved_request

    street_staff = staff_of(world["streets"][0])
    item = resolved_request(world)
    review = services.review_create(
        actor=world["resident"], service_kind="request", service_id=item.pk, level=1
    )
    with pytest.raises(NotPermitted):
        services.review_hide(actor=world["staff"], review=review, reason="不实")
    services.review_hide(actor=street_staff, review=review, reason="含个人信息")
    case = review.rectification
    services.cases_escalate_overdue(now=case.due_at + timedelta(seconds=1))
    assert street_staff.notifications.filter(kind="reviews.case.escalated").exists()
    assert not world["staff"].notifications.filter(kind="reviews.case.escalated").exists()
    # The community's staff answer it: they are the provider.
    services.case_answer(actor=world["staff"], case=case, answer="已处理", fixed="增加夜间值班")
