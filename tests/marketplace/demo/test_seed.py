import pytest
from django.core.management import call_command

from marketplace.demands.models import Demand, DemandStatus
from marketplace.organizations.models import Organization
from marketplace.organizations.validators import validate_credit_code
from marketplace.regions.models import CommunityType, Facility, Region, RegionLevel

pytestmark = pytest.mark.clock_sweep
DEMO_SEARCH_INDEX = False  # these tests read the database; tests/search searches the demo


@pytest.fixture
def seeded(seeded_demo, db):
    """The demo, seeded once for this module."""


def test_demo_meets_the_foundation_minimums(seeded):
    communities = Region.objects.filter(level=RegionLevel.COMMUNITY)
    assert Region.objects.filter(level=RegionLevel.DISTRICT).count() >= 1
    assert Region.objects.filter(level=RegionLevel.STREET).count() >= 3
    assert communities.count() >= 12
    types = set(communities.values_list("community_type", flat=True))
    assert types == {CommunityType.URBAN, CommunityType.VILLAGE, CommunityType.RESETTLEMENT}
    assert Facility.objects.count() >= 30
    assert Organization.objects.count() >= 20
    for code in Organization.objects.values_list("credit_code", flat=True):
        validate_credit_code(code)
    from marketplace.accounts.models import SocialWorkerProfile, VolunteerProfile

    assert VolunteerProfile.objects.count() >= 100
    assert SocialWorkerProfile.objects.count() >= 10
    assert Demand.objects.count() >= 40
    assert set(Demand.objects.values_list("status", flat=True)) == set(DemandStatus.values)


def test_seeding_twice_changes_nothing(seeded):
    before = (Demand.objects.count(), Organization.objects.count(), Facility.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert (
        Demand.objects.count(),
        Organization.objects.count(),
        Facility.objects.count(),
    ) == before


def test_demo_accounts_log_in(seeded, client):
    response = client.post(
        "/accounts/login/", {"login": "communitystaff@demo.linli.cn", "password": "linli-demo-2026"}
    )
    assert response.status_code == 302
    assert client.get("/demands/").status_code == 200
    assert client.get("/").status_code == 200 and client.get("/en/").status_code == 200


def test_demo_has_volunteering_and_a_tender_in_every_stage(seeded):
    from marketplace.procurement.models import Project, ProjectStatus
    from marketplace.volunteering.models import ServiceRecord, Signup, Task

    assert set(Project.objects.values_list("status", flat=True)) == set(ProjectStatus.values)
    assert Task.objects.filter(status="published").count() >= 10
    assert Signup.objects.filter(status="waitlisted").exists()
    assert ServiceRecord.objects.filter(volunteer__email="volunteer@demo.linli.cn").exists()


def test_demo_has_ratings_requests_and_surveys(seeded):
    from marketplace.demo.data_people import DEMO_RESIDENT_HOME
    from marketplace.demo.seed_surveys import CLOSED_ANSWERS
    from marketplace.procurement.models import PerformanceEvaluation
    from marketplace.reviews.models import CreditEvent, RatingAggregate, RectificationCase, Review
    from marketplace.reviews.selectors import rateable_for
    from marketplace.reviews.services.aggregates import counted_levels
    from marketplace.surveys.models import Response, Survey, SurveyStatus
    from marketplace.surveys.selectors import survey_list_for_resident, survey_results

    kinds = set(Review.objects.values_list("service_kind", flat=True))
    assert {"demand", "shift", "milestone"} <= kinds
    platform = RatingAggregate.objects.get(provider_type="platform")
    assert platform.counts() == counted_levels(Review.objects.all())
    assert set(RectificationCase.objects.values_list("status", flat=True)) >= {"open", "answered"}
    assert RectificationCase.objects.filter(escalated_at__isnull=False).exists()
    assert PerformanceEvaluation.objects.get().satisfaction is not None
    assert CreditEvent.objects.filter(kind__startswith="performance_").exists()
    resident = ctx_user("resident")
    assert any(item.review is None for item in rateable_for(resident))
    assert Review.objects.get(reviewer=resident).rectification.status == "answered"
    from marketplace.reviews.selectors import cases_for_provider_user

    assert cases_for_provider_user(ctx_user("orgadmin")).filter(status="open").exists()

    assert Review.objects.filter(service_kind="request", provider_type="community").exists()

    from marketplace.hotline.models import Request, RequestStatus

    assert Request.objects.count() >= 15
    assert set(Request.objects.values_list("status", flat=True)) == set(RequestStatus.values)
    escalated = Request.objects.filter(escalated_at__isnull=False)
    assert escalated.count() == 1 and escalated.get().status == RequestStatus.SUBMITTED
    assert Request.objects.filter(upheld=True, about_organization__isnull=False).exists()
    for item in Request.objects.all():
        assert item.community.contains(item.latitude, item.longitude)
        assert item.respond_by < item.resolve_by
        times = list(item.events.values_list("created_at", flat=True))
        assert times == sorted(times) and times[0] == item.created_at
    street_staff = ctx_user("streetstaff")
    assert street_staff.community_assignments.get().community.level == "street"

    statuses = sorted(Survey.objects.values_list("status", flat=True))
    assert statuses == sorted([SurveyStatus.CLOSED, SurveyStatus.OPEN, SurveyStatus.DRAFT])
    closed = Survey.objects.get(status=SurveyStatus.CLOSED)
    assert closed.community.slug == DEMO_RESIDENT_HOME[0]
    assert Response.objects.filter(survey=closed).count() == CLOSED_ANSWERS
    results = survey_results(survey=closed)
    assert all(q.answered == CLOSED_ANSWERS for q in results.questions[:5])
    assert [s.answered for s in survey_list_for_resident(user=resident)] == [False]


def ctx_user(key: str):
    from marketplace.accounts.models import User

    return User.objects.get(email=f"{key}@demo.linli.cn")


def test_the_demo_has_matches_to_show(seeded):
    """Community staff see matches on an open demand; the volunteer gets recommendations."""
    from marketplace.accounts.models import User
    from marketplace.matching.demand import matches_for_demand
    from marketplace.matching.recommendations import recommended_tasks

    staff = User.objects.get(email="communitystaff@demo.linli.cn")
    demands = Demand.objects.filter(status="open", community__staff_assignments__user=staff)
    shown = [matches_for_demand(demand=demand) for demand in demands]
    assert shown and all(m.organizations and m.volunteers for m in shown)
    assert any(m.social_workers for m in shown)
    volunteer = User.objects.get(email="volunteer@demo.linli.cn")
    assert len(recommended_tasks(user=volunteer)) >= 3


def test_the_demo_has_bookable_time_and_the_resident_a_booking(seeded):
    from django.db.models import F

    from marketplace.accounts.models import User
    from marketplace.payments.models import Booking, BookingSlot

    slots = BookingSlot.objects.all()
    assert slots.filter(offering__price__isnull=False).count() >= 20  # paid services
    assert slots.filter(offering__price__isnull=True, taken__lt=F("capacity")).exists()
    for slot in slots.prefetch_related("bookings"):
        assert slot.taken == len(slot.bookings.all()) <= slot.capacity
    resident = User.objects.get(email__startswith="resident@")
    assert Booking.objects.filter(resident=resident, status="confirmed").exists()

    from cms.models import ProjectPage

    (project,) = ProjectPage.objects.live()
    assert project.is_open and project.goal and project.get_parent().specific.community
