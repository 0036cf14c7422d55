"""The request kind in the reviews' served-record registry."""

from marketplace.accounts.models import ResidentProfile
from marketplace.hotline import services
from marketplace.hotline.models import Request
from marketplace.reviews.registry import Provider, ProviderType, kind_get
from tests.factories import UserFactory

from .helpers import file_request


def resolved(world, category, **fields):
    item = file_request(world, category, **fields)
    services.request_accept(actor=world["staff"], resident_request=item)
    services.request_resolve(actor=world["staff"], resident_request=item, resolution="已处理完毕")
    return item


def test_request_kind_is_registered():
    kind = kind_get("request")
    assert kind.model_class() is Request


def test_served_is_the_residents_finished_requests(world, category):
    kind = kind_get("request")
    done = resolved(world, category)
    closed = resolved(world, category)
    services.request_close(actor=world["resident"], resident_request=closed)
    file_request(world, category)  # submitted
    accepted = file_request(world, category)
    services.request_accept(actor=world["staff"], resident_request=accepted)
    rejected = file_request(world, category)
    services.request_reject(actor=world["staff"], resident_request=rejected, reason="不属于职责")
    neighbour = UserFactory()
    ResidentProfile.objects.create(user=neighbour, community=world["home"])
    resolved(world, category, resident=neighbour)

    # Resolved, closed, or turned away as not within remit: the handling is rated.
    assert set(kind.served(world["resident"])) == {done, closed, rejected}
    assert kind.served(world["staff"]).count() == 0
    assert kind.served(world["anonymous"]).count() == 0


def test_provider_is_the_community(world, category):
    kind = kind_get("request")
    item = resolved(world, category)
    assert kind.provider(item) == Provider(
        type=ProviderType.COMMUNITY, id=world["home"].pk, name=world["home"].name
    )
    assert kind.community_id(item, world["resident"]) == world["home"].pk
    assert kind.url(item) == f"/en/requests/{item.pk}/"
    # The title shows on the public reviews page: never the resident's words.
    assert kind.title(item) == f"Sanitation · No. {item.pk}"
    assert item.text[:4] not in kind.title(item)
