"""Factories build valid objects; state changes in tests go through services."""

import datetime
import itertools
from decimal import Decimal

import factory
from django.utils import timezone

from marketplace.accounts.models import CommunityStaffAssignment, User
from marketplace.accounts.validators import id_number_check_char
from marketplace.catalog.models import ServiceCategory, ServiceKind, Skill
from marketplace.demands.models import Demand
from marketplace.organizations.models import (
    Membership,
    Offering,
    Organization,
    OrganizationType,
    VerificationStatus,
)
from marketplace.organizations.validators import credit_code_check_char
from marketplace.regions.models import (
    CommunityType,
    Facility,
    FacilityType,
    OpeningHours,
    Region,
    RegionLevel,
)

_credit_serial = itertools.count(1)
_phone_serial = itertools.count(10000000)


def valid_credit_code(serial: int | None = None) -> str:
    serial = next(_credit_serial) if serial is None else serial
    body = f"52330100MJ{serial:07d}"[:17]
    return body + credit_code_check_char(body)


_id_serial = itertools.count(1)


def valid_id_number(birth: str = "19800101", serial: int | None = None) -> str:
    """A valid ID number, different on every call unless `serial` is given."""
    serial = next(_id_serial) % 1000 if serial is None else serial
    body = f"330102{birth}{serial:03d}"
    return body + id_number_check_char(body)


def valid_mobile() -> str:
    return f"+86138{next(_phone_serial):08d}"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"地区{n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    level = RegionLevel.PROVINCE
    latitude = Decimal("30.250000")
    longitude = Decimal("120.160000")


def region_tree(streets: int = 1, communities_per_street: int = 2) -> dict:
    province = RegionFactory(level=RegionLevel.PROVINCE, name="测试省")
    city = RegionFactory(level=RegionLevel.CITY, parent=province, name="测试市")
    district = RegionFactory(level=RegionLevel.DISTRICT, parent=city, name="测试区")
    street_list, communities = [], []
    for s in range(streets):
        street = RegionFactory(level=RegionLevel.STREET, parent=district, name=f"第{s + 1}街道")
        street_list.append(street)
        for c in range(communities_per_street):
            communities.append(
                RegionFactory(
                    level=RegionLevel.COMMUNITY,
                    parent=street,
                    name=f"{street.name}社区{c + 1}",
                    community_type=CommunityType.URBAN,
                    population=5000,
                )
            )
    return {"district": district, "streets": street_list, "communities": communities}


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceCategory
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"category-{n}")
    name_zh = factory.Sequence(lambda n: f"类别{n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    code = factory.Sequence(lambda n: f"skill-{n}")
    name_zh = factory.Sequence(lambda n: f"技能{n}")
    name_en = factory.Sequence(lambda n: f"Skill {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.cn")
    name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.PostGenerationMethodCall("set_password", "pass-word-2026")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"测试社工服务中心{n}")
    type = OrganizationType.SOCIAL_WORK_AGENCY
    credit_code = factory.LazyFunction(valid_credit_code)
    legal_representative = "王芳"
    phone = factory.LazyFunction(valid_mobile)
    address = "测试路1号"
    status = VerificationStatus.VERIFIED


def member_of(organization, *, role: str = "admin", user=None):
    user = user or UserFactory()
    Membership.objects.create(organization=organization, user=user, role=role)
    return user


def staff_of(*communities, user=None):
    user = user or UserFactory()
    for community in communities:
        CommunityStaffAssignment.objects.create(user=user, community=community)
    return user


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"上门服务{n}")
    category = factory.SubFactory(CategoryFactory)
    kind = ServiceKind.CONVENIENCE
    description = "为社区老人提供上门服务。"
    price = Decimal("50.00")
    unit = "次"


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"养老服务站{n}")
    type = FacilityType.ELDERLY_CARE
    address = "测试路2号"
    latitude = Decimal("30.250000")
    longitude = Decimal("120.160000")

    @factory.post_generation
    def hours(obj, create, extracted, **kwargs):
        if not create:
            return
        for weekday in range(5):
            OpeningHours.objects.create(
                facility=obj,
                weekday=weekday,
                opens=datetime.time(8, 0),
                closes=datetime.time(17, 0),
            )


class DemandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Demand

    title = factory.Sequence(lambda n: f"独居老人助餐需求{n}")
    category = factory.SubFactory(CategoryFactory)
    kind = ServiceKind.VOLUNTEER
    description = "为社区独居老人每日送餐。"
    beneficiaries_count = 12
    place = "社区服务中心"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
