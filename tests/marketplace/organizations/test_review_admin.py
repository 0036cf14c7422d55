"""A platform administrator verifies or rejects a submitted organization in the back office."""

import html

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.utils.translation import gettext, override

from marketplace.core.models import AuditEvent
from marketplace.organizations.models import VerificationStatus
from tests.factories import OrganizationFactory


@pytest.fixture
def admin_client(client, world):
    TOTP.activate(world["admin"], "JBSWY3DPEHPK3PXP")
    client.force_login(world["admin"])
    return client


@pytest.fixture
def pending(db):
    return OrganizationFactory(name="待审核社工机构", status=VerificationStatus.SUBMITTED)


def review_url(organization):
    return f"/admin/organization/review/{organization.pk}/"


def test_listing_offers_review_only_for_submitted(admin_client, pending, world):
    page = admin_client.get("/admin/organization/").content.decode()
    assert review_url(pending) in page
    assert review_url(world["provider"]) not in page  # already verified


def test_review_page_shows_what_was_submitted(admin_client, pending):
    page = admin_client.get(review_url(pending)).content.decode()
    assert pending.credit_code in page
    assert 'name="decision"' in page


def test_verify(admin_client, pending, world):
    response = admin_client.post(review_url(pending), {"decision": "verify"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == VerificationStatus.VERIFIED
    assert pending.verified_at is not None
    event = AuditEvent.objects.get(event="organizations.organization.verified")
    assert event.actor == world["admin"]


def test_reject_needs_a_reason_and_changes_nothing_without_one(admin_client, pending):
    response = admin_client.post(review_url(pending), {"decision": "reject", "reason": "  "})
    assert response.status_code == 200
    with override(settings.LANGUAGE_CODE):
        message = gettext("Give the reason for rejecting, so the organization can fix it.")
    assert message in html.unescape(response.content.decode())
    pending.refresh_from_db()
    assert pending.status == VerificationStatus.SUBMITTED
    assert not AuditEvent.objects.filter(event="organizations.organization.rejected").exists()


def test_reject_with_reason(admin_client, pending):
    admin_client.post(review_url(pending), {"decision": "reject", "reason": "营业执照照片不清晰"})
    pending.refresh_from_db()
    assert pending.status == VerificationStatus.REJECTED
    assert pending.rejection_reason == "营业执照照片不清晰"


def test_decided_organization_offers_no_form(admin_client, world):
    provider = world["provider"]
    page = admin_client.get(review_url(provider)).content.decode()
    assert 'name="decision"' not in page
    response = admin_client.post(review_url(provider), {"decision": "reject", "reason": "x"})
    assert response.status_code == 200
    with override(settings.LANGUAGE_CODE):
        refusal = gettext("This is not possible while the %(object)s is “%(status)s”.") % {
            "object": provider._meta.verbose_name,
            "status": provider.get_status_display(),
        }
    assert refusal in html.unescape(response.content.decode())
    provider.refresh_from_db()
    assert provider.status == VerificationStatus.VERIFIED


def test_organization_admin_cannot_verify_itself(client, world, pending):
    owner = world["org_admin"]
    pending.memberships.create(user=owner, role="admin")
    client.force_login(owner)
    response = client.post(review_url(pending), {"decision": "verify"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    pending.refresh_from_db()
    assert pending.status == VerificationStatus.SUBMITTED
