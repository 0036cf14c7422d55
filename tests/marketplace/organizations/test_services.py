import pytest
from django.core.exceptions import ValidationError

from marketplace.accounts.roles import Role
from marketplace.accounts.scope import scope_of
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.organizations import services
from marketplace.organizations.models import Organization, VerificationStatus
from tests.factories import UserFactory, valid_credit_code, valid_mobile


def _register(user, **overrides):
    fields = dict(
        name="阳光社工服务中心",
        type="social_work_agency",
        credit_code=valid_credit_code(),
        legal_representative="李明",
        phone=valid_mobile(),
        address="滨江路8号",
    )
    return services.organization_register(actor=user, **{**fields, **overrides})


def test_registration_waits_for_verification_and_grants_no_role_until_verified(world):
    founder = UserFactory()
    organization = _register(founder)
    assert organization.status == VerificationStatus.SUBMITTED
    assert Role.ORG_ADMIN not in scope_of(founder).roles
    services.organization_verify(actor=world["admin"], organization=organization)
    founder = type(founder).objects.get(pk=founder.pk)
    assert Role.ORG_ADMIN in scope_of(founder).roles


def test_rejection_needs_a_reason_and_can_be_resubmitted(world):
    founder = UserFactory()
    organization = _register(founder)
    with pytest.raises(DomainError):
        services.organization_reject(actor=world["admin"], organization=organization, reason="")
    services.organization_reject(
        actor=world["admin"], organization=organization, reason="营业执照照片不清晰"
    )
    organization.refresh_from_db()
    assert organization.status == VerificationStatus.REJECTED
    assert organization.rejection_reason == "营业执照照片不清晰"
    services.organization_resubmit(actor=founder, organization=organization, address="滨江路9号")
    organization.refresh_from_db()
    assert organization.status == VerificationStatus.SUBMITTED
    assert organization.address == "滨江路9号"


@pytest.mark.parametrize("actor", ["org_admin", "purchaser", "staff"])
def test_only_platform_admins_verify(world, actor):
    organization = _register(UserFactory())
    with pytest.raises(NotPermitted):
        services.organization_verify(actor=world[actor], organization=organization)
    organization.refresh_from_db()
    assert organization.status == VerificationStatus.SUBMITTED


@pytest.mark.parametrize(
    "field, value",
    [("credit_code", "91350100M000100Y44"), ("phone", "12345"), ("latitude", 80)],
)
def test_invalid_fields_are_named_and_nothing_is_saved(world, field, value):
    before = Organization.objects.count()
    with pytest.raises(ValidationError) as error:
        _register(UserFactory(), **{field: value})
    assert field in error.value.message_dict
    assert Organization.objects.count() == before


def test_members_change_only_their_own_organization(world):
    from tests.factories import OrganizationFactory

    stranger = OrganizationFactory()
    with pytest.raises(NotPermitted):
        services.organization_update(actor=world["org_admin"], organization=stranger, name="改名")
    with pytest.raises(NotPermitted):
        services.organization_update(
            actor=world["org_staff"], organization=world["provider"], name="改名"
        )
    services.organization_update(
        actor=world["org_admin"], organization=world["provider"], description="新介绍"
    )
    world["provider"].refresh_from_db()
    assert world["provider"].description == "新介绍"
