"""The rating pages, for each role: who may see and do what."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from marketplace.reviews import services
from marketplace.reviews.models import RectificationCase, Review
from tests.factories import OrganizationFactory
from tests.factories.reviews import delivered_demand, resident_of


@pytest.fixture(autouse=True)
def mfa(world):
    """Admins and purchasers must have TOTP before they see any page."""
    for who in ("admin", "purchaser"):
        TOTP.activate(world[who], "JBSWY3DPEHPK3PXP")


def rate_url(demand):
    return reverse("reviews:rate", args=["demand", demand.pk])


def test_the_served_resident_rates_through_the_page(client, world, served_demand):
    client.force_login(world["resident"])
    page = client.get(reverse("reviews:mine"))
    assert served_demand.title in page.content.decode()
    assert client.get(rate_url(served_demand)).status_code == 200
    response = client.post(
        rate_url(served_demand), {"level": "2", "text": "来晚了", "tags": ["late"]}
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.level, review.tags) == (2, ["late"])
    assert RectificationCase.objects.filter(review=review).exists()
    # Posting again edits, never duplicates.
    client.post(rate_url(served_demand), {"level": "4"})
    assert Review.objects.get().level == 4


@pytest.mark.parametrize("who", ["neighbour", "staff", "org_admin", "anonymous"])
def test_others_cannot_reach_the_rating_page(client, world, served_demand, neighbour, who):
    user = neighbour if who == "neighbour" else world[who]
    if who != "anonymous":
        client.force_login(user)
    get = client.get(rate_url(served_demand))
    post = client.post(rate_url(served_demand), {"level": "5"})
    expected = 302 if who == "anonymous" else 404
    assert (get.status_code, post.status_code) == (expected, expected)
    assert not Review.objects.exists()


def test_bad_level_on_the_page_is_refused(client, world, served_demand):
    client.force_login(world["resident"])
    response = client.post(rate_url(served_demand), {"level": "9"})
    assert response.status_code == 400
    assert not Review.objects.exists()


def test_the_provider_answers_on_the_cases_page(client, world, served_demand):
    review = services.review_create(
        actor=world["resident"], service_kind="demand", service_id=served_demand.pk, level=1
    )
    client.force_login(world["other_staff"])
    assert review.service_title not in client.get(reverse("reviews:cases")).content.decode()
    answer = reverse("reviews:case_answer", args=[review.rectification.pk])
    assert client.post(answer, {"answer": "x", "fixed": "y"}).status_code == 404
    client.force_login(world["org_staff"])
    assert review.service_title in client.get(reverse("reviews:cases")).content.decode()
    client.post(answer, {"answer": "非常抱歉", "fixed": "已更换服务人员"})
    review.rectification.refresh_from_db()
    assert review.rectification.status == "answered"
    client.force_login(world["resident"])
    assert "已更换服务人员" in client.get(reverse("reviews:mine")).content.decode()


def test_recording_people_served_is_for_the_demands_staff(client, world, neighbour):
    demand = delivered_demand(world)
    url = reverse("reviews:served", args=["demand", demand.pk])
    client.force_login(world["other_staff"])
    assert client.get(url).status_code == 404
    client.force_login(world["staff"])
    response = client.post(url, {"contacts": f"{neighbour.email}\n13900000000"})
    assert response.status_code == 400
    assert "13900000000" in response.content.decode()
    client.post(url, {"contacts": neighbour.email})
    client.force_login(neighbour)
    assert client.get(rate_url(demand)).status_code == 200


def test_moderation_is_for_community_staff_and_removal_for_admins(client, world, served_demand):
    review = services.review_create(
        actor=world["resident"],
        service_kind="demand",
        service_id=served_demand.pk,
        level=5,
        text="好",
    )
    hide = reverse("reviews:moderate", args=[review.pk, "hide"])
    client.force_login(world["other_staff"])
    assert client.post(hide, {"reason": "x"}).status_code == 404
    client.force_login(world["staff"])
    assert review.service_title in client.get(reverse("reviews:moderation")).content.decode()
    client.post(hide, {"reason": "核实中"})
    review.refresh_from_db()
    assert review.status == "hidden"
    client.post(reverse("reviews:moderate", args=[review.pk, "remove"]), {"reason": "x"})
    review.refresh_from_db()
    assert review.status == "hidden"  # staff cannot remove; nothing changed
    client.force_login(world["admin"])
    client.post(reverse("reviews:moderate", args=[review.pk, "remove"]), {"reason": "辱骂"})
    review.refresh_from_db()
    assert review.status == "removed"


def test_provider_page_shows_the_rating_and_hides_held_back_text(client, world, served_demand):
    services.review_create(
        actor=world["resident"],
        service_kind="demand",
        service_id=served_demand.pk,
        level=5,
        text="护理员很耐心，去死吧这种话不该说",
    )
    page = client.get(reverse("organizations:detail", args=[world["provider"].pk])).content.decode()
    assert "1 review" in page
    reviews = client.get(
        reverse("reviews:provider", args=["organization", world["provider"].pk])
    ).content.decode()
    assert "护理员很耐心" not in reviews
    assert "hidden by staff" in reviews
    assert "Bayesian average" in reviews


def test_providers_ordered_by_rating(client, world):
    best, unrated = world["provider"], OrganizationFactory(name="啊无评价机构")
    people = [resident_of(world["home"]) for _ in range(3)]
    demand = delivered_demand(world, served=people)
    for person in people:
        services.review_create(actor=person, service_kind="demand", service_id=demand.pk, level=5)
    response = client.get(reverse("organizations:list"), {"order": "rating"})
    names = [p.name for p in response.context["providers"]]
    assert names.index(best.name) < names.index(unrated.name)
    # Beside the rating: the satisfaction rate and its Wilson lower bound (3 of 3: 44%).
    assert "100% satisfied (at least 44%), 3 reviews" in response.content.decode()
    by_name = [p.name for p in client.get(reverse("organizations:list")).context["providers"]]
    assert by_name.index(unrated.name) < by_name.index(best.name)  # 啊 sorts first by name


@pytest.mark.parametrize(
    "who,status", [("org_admin", 200), ("purchaser", 200), ("admin", 200), ("other", 404)]
)
def test_credit_page_is_for_the_organization_purchasers_and_staff(client, world, who, status):
    user = world["resident"] if who == "other" else world[who]
    client.force_login(user)
    response = client.get(reverse("reviews:credit", args=[world["provider"].pk]))
    assert response.status_code == status
    if status == 200:
        assert "80" in response.content.decode()


def test_watch_list_page_for_purchasers(client, world):
    client.force_login(world["resident"])
    assert client.get(reverse("reviews:watch_list")).status_code == 404
    client.force_login(world["purchaser"])
    assert client.get(reverse("reviews:watch_list")).status_code == 200
    response = client.post(
        reverse("reviews:watch_list"),
        {"organization": world["provider"].pk, "action": "add", "reason": "x"},
    )
    assert response.status_code == 403  # only platform admins decide
    client.force_login(world["admin"])
    client.post(
        reverse("reviews:watch_list"),
        {"organization": world["provider"].pk, "action": "add", "reason": "投诉调查中"},
    )
    client.force_login(world["purchaser"])
    assert "投诉调查中" in client.get(reverse("reviews:watch_list")).content.decode()


def test_purchasers_see_bidders_credit_and_the_watch_list_on_the_tender(client, world):
    from tests.factories.procurement import opened_tender

    tender = opened_tender(world)
    watched = tender["bidders"]["乙"]
    services.watch_list_add(actor=world["admin"], organization=watched, reason="多次投诉正在调查")
    client.force_login(world["purchaser"])
    page = client.get(reverse("procurement:detail", args=[tender["project"].pk]))
    rows = {bid.organization_id: bid for bid in page.context["opened_bids"]}
    assert rows[watched.pk].watched is True
    assert all(not bid.watched for pk, bid in rows.items() if pk != watched.pk)
    assert rows[watched.pk].credit_score == 80  # no reviews, no events: the neutral start
    assert "On the watch list" in page.content.decode()
    client.force_login(world["org_admin"])  # a bidder sees no credit column
    assert (
        "On the watch list"
        not in client.get(
            reverse("procurement:detail", args=[tender["project"].pk])
        ).content.decode()
    )


def test_a_resolved_request_offers_its_resident_a_rating(client, world):
    from tests.factories.reviews import resolved_request

    item = resolved_request(world)
    rate = reverse("reviews:rate", args=["request", item.pk])
    client.force_login(world["resident"])
    assert rate in client.get(reverse("hotline:detail", args=[item.pk])).content.decode()
    client.post(rate, {"level": "5", "text": "处理很及时"})
    assert Review.objects.get().provider_type == "community"
    client.force_login(world["staff"])
    assert rate not in client.get(reverse("hotline:detail", args=[item.pk])).content.decode()
