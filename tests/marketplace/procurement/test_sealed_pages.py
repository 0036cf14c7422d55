"""Sealing end to end on the site: before the opening no page shows a bid's price, plan,
team or documents to anyone; after it, the purchaser and the panel see them."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from marketplace.procurement import services
from marketplace.procurement.models import Bid, Project
from tests.factories import UserFactory
from tests.factories.procurement import PRICE, SECRET_PLAN, submit

SECRETS = [str(PRICE), "186,420", "186420", SECRET_PLAN, "张社工"]
ROLES = [
    "anonymous",
    "resident",
    "volunteer",
    "social_worker",
    "staff",
    "other_staff",
    "org_admin",
    "org_staff",
    "purchaser",
    "admin",
    "evaluator",
]


@pytest.fixture
def sealed(world, project):
    for name in ("purchaser", "admin"):
        TOTP.activate(world[name], "JBSWY3DPEHPK3PXP")
    evaluator = UserFactory(name="评审专家甲")
    services.panel_appoint(actor=world["purchaser"], project=project, user=evaluator)
    bid = submit(world, project)
    return {**world, "project": project, "bid": bid, "evaluator": evaluator}


def pages(scene):
    project, bid = scene["project"], scene["bid"]
    attachment = bid.attachments.first()
    return [
        "/procurement/",
        f"/procurement/{project.pk}/",
        f"/en/procurement/{project.pk}/",
        f"/procurement/{project.pk}/bid/",
        f"/procurement/{project.pk}/score/",
        f"/procurement/{project.pk}/report/",
        f"/procurement/attachments/{attachment.pk}/",
        "/admin/auditevent/",
        "/notifications/",
        "/search/?q=助餐",
        "/admin/project/",
        f"/admin/project/inspect/{project.pk}/",
        "/admin/project/?export=csv",
        "/admin/bid/",
        f"/admin/bid/inspect/{bid.pk}/",
        "/admin/bid/?export=csv",
        "/admin/bid/?export=xlsx",
    ]


def look(client, scene, role, url):
    client.logout()
    if role != "anonymous":
        client.force_login(scene[role])
    response = client.get(url)
    if response.status_code != 200:
        return ""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if url.endswith("xlsx"):
        return _xlsx_text(body)
    return body.decode(errors="replace")


def _xlsx_text(body: bytes) -> str:
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(body)).active
    return "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("role", ROLES)
def test_before_the_opening_no_page_shows_a_bid(client, sealed, role):
    for url in pages(sealed):
        page = look(client, sealed, role, url)
        for secret in SECRETS:
            assert secret not in page, (role, url, secret)
        assert "licence of the bidder" not in page


def test_the_bid_count_is_public(client, sealed):
    page = look(client, sealed, "anonymous", f"/procurement/{sealed['project'].pk}/")
    assert "杏花街道老年助餐服务项目" in page
    assert Bid.objects.filter(project=sealed["project"]).count() == 1


def open_bids(scene):
    Project.objects.filter(pk=scene["project"].pk).update(
        bid_deadline=timezone.now() - datetime.timedelta(minutes=2),
        opening_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    services.tender_open(actor=scene["purchaser"], project=scene["project"])


@pytest.mark.parametrize("role", ROLES)
def test_after_the_opening_purchaser_and_panel_see_it(client, sealed, role):
    open_bids(sealed)
    url = f"/procurement/{sealed['project'].pk}/"
    page = look(client, sealed, role, url)
    insider = role in ("purchaser", "admin", "evaluator")
    assert (str(PRICE) in page) is insider
    assert (SECRET_PLAN in page) is insider
    attachment = sealed["bid"].attachments.get(kind="registration")
    download = look(client, sealed, role, f"/procurement/attachments/{attachment.pk}/")
    assert ("licence of the bidder" in download) is insider
    exported = look(client, sealed, role, "/admin/bid/?export=csv")
    assert (str(PRICE) in exported) is (role in ("purchaser", "admin", "org_admin", "org_staff"))
