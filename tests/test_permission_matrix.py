"""Every role against every public and back-office view: the access policy, as a table.

Each table maps a URL (with {placeholders} filled from the `scene` fixture) to what each
role gets. Outcomes:

  ok        200
  login     302 to the sign-in page (anonymous visitors)
  no_admin  signed in but without back office: Wagtail 8 sends them to the sign-in page
            with "You do not have permission to access the admin."
  denied    back office but not this screen: Wagtail 8 redirects to the admin home with
            "Sorry, you do not have permission to access this area."
  missing   404 (objects outside the user's community or organization do not exist for them)

Wagtail checks the model permission before the edit view loads its object (out of scope
without the permission: denied), but inspect, history, usage and delete load the object in
setup(), first: there, out of scope is a 404 whatever the permissions (see object_view).
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import gettext, override
from wagtail.models import Page, Site

from cms.models import HomePage
from marketplace.core.models import AuditEvent
from marketplace.demands import services
from marketplace.demands.models import DemandStatus
from marketplace.organizations.models import Membership, VerificationStatus
from marketplace.volunteering import services as volunteering
from tests.factories import (
    DemandFactory,
    FacilityFactory,
    OfferingFactory,
    OrganizationFactory,
    SkillFactory,
    member_of,
)
from tests.factories.volunteering import published_task

OK, LOGIN, NO_ADMIN, DENIED, MISSING = "ok", "login", "no_admin", "denied", "missing"

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
]
WITHOUT_BACK_OFFICE = ("resident", "volunteer", "social_worker")


def everyone(outcome, **exceptions):
    return {role: exceptions.get(role, outcome) for role in ROLES}


def back_office(**allowed):
    """Anonymous: sign in; no back office: refused; back office without this screen: denied."""
    table = {"anonymous": LOGIN, **dict.fromkeys(WITHOUT_BACK_OFFICE, NO_ADMIN)}
    table.update({role: DENIED for role in ROLES if role not in table})
    table.update(allowed)
    return table


def object_view(**allowed):
    """Views that load the object before checking the permission (inspect, history, usage,
    delete): an object outside the user's scope is a 404 whatever their permissions."""
    table = back_office(**allowed)
    return {
        role: MISSING if outcome == DENIED and role not in allowed else outcome
        for role, outcome in table.items()
    }


PUBLIC = {
    "/": everyone(OK),
    "/en/": everyone(OK),
    "/demands/": everyone(OK),
    "/demands/{open}/": everyone(OK),
    "/demands/{draft}/": everyone(MISSING, staff=OK, admin=OK),
    "/demands/{draft_other}/": everyone(MISSING, other_staff=OK, admin=OK),
    "/providers/": everyone(OK),
    "/providers/{provider}/": everyone(OK),
    "/providers/{pending}/": everyone(MISSING),
    "/facilities/": everyone(OK),
    "/facilities/{facility_home}/": everyone(OK),
    "/me/": everyone(OK, anonymous=LOGIN),
    "/volunteering/": everyone(OK),
    "/volunteering/{task}/": everyone(OK),
    "/volunteering/{task_draft}/": everyone(MISSING, staff=OK, admin=OK),
    # An organization's draft in the other community: its members and that community's staff.
    "/volunteering/{task_draft_org}/": everyone(
        MISSING, org_admin=OK, org_staff=OK, other_staff=OK, admin=OK
    ),
    "/volunteering/mine/": everyone(OK, anonymous=LOGIN),
    "/search/?q=x": everyone(OK),
    "/bookings/": everyone(OK, anonymous=LOGIN),
}

ORG_ADMINS = {"org_admin": OK, "admin": OK}
ORG_MEMBERS = {"org_admin": OK, "org_staff": OK, "admin": OK}
HOME_STAFF = {"staff": OK, "other_staff": MISSING, "admin": OK}
OTHER_STAFF = {"staff": MISSING, "other_staff": OK, "admin": OK}
ORGANIZERS = {r: OK for r in ("staff", "other_staff", "org_admin", "org_staff", "admin")}
EVERY_BACK_OFFICE_ROLE = {
    r: OK for r in ("staff", "other_staff", "org_admin", "org_staff", "purchaser", "admin")
}

BACK_OFFICE = {
    "/admin/": back_office(**EVERY_BACK_OFFICE_ROLE),
    # Platform data: administrators only.
    "/admin/region/": back_office(admin=OK),
    "/admin/region/edit/{home}/": back_office(admin=OK),
    "/admin/servicecategory/": back_office(admin=OK),
    "/admin/servicecategory/edit/{category}/": back_office(admin=OK),
    "/admin/skill/": back_office(admin=OK),
    "/admin/skill/edit/{skill}/": back_office(admin=OK),
    "/admin/volunteerprofile/": back_office(admin=OK),
    "/admin/volunteerprofile/edit/{volunteer_profile}/": back_office(admin=OK),
    "/admin/socialworkerprofile/": back_office(admin=OK),
    "/admin/socialworkerprofile/edit/{social_worker_profile}/": back_office(admin=OK),
    "/admin/communitystaffassignment/": back_office(admin=OK),
    "/admin/communitystaffassignment/edit/{assignment}/": back_office(admin=OK),
    "/admin/auditevent/": back_office(admin=OK),
    "/admin/auditevent/inspect/{audit}/": back_office(admin=OK),
    # Community staff: their own community's demands and facilities.
    "/admin/demand/": back_office(staff=OK, other_staff=OK, admin=OK),
    "/admin/demand/new/": back_office(staff=OK, other_staff=OK, admin=OK),
    "/admin/demand/edit/{draft}/": back_office(**HOME_STAFF),
    "/admin/demand/edit/{demand_other}/": back_office(**OTHER_STAFF),
    "/admin/demand/inspect/{draft}/": object_view(staff=OK, admin=OK),
    "/admin/demand/inspect/{demand_other}/": object_view(other_staff=OK, admin=OK),
    "/admin/demand/history/{demand_other}/": object_view(other_staff=OK, admin=OK),
    "/admin/demand/usage/{demand_other}/": object_view(other_staff=OK, admin=OK),
    "/admin/demand/delete/{draft}/": object_view(staff=DENIED, admin=OK),  # no delete_demand
    "/admin/facility/": back_office(staff=OK, other_staff=OK, admin=OK),
    "/admin/facility/new/": back_office(staff=OK, other_staff=OK, admin=OK),
    "/admin/facility/edit/{facility_home}/": back_office(**HOME_STAFF),
    "/admin/facility/edit/{facility_other}/": back_office(**OTHER_STAFF),
    "/admin/facility/inspect/{facility_home}/": object_view(staff=OK, admin=OK),
    "/admin/facility/inspect/{facility_other}/": object_view(other_staff=OK, admin=OK),
    "/admin/facility/history/{facility_other}/": object_view(other_staff=OK, admin=OK),
    "/admin/facility/delete/{facility_other}/": object_view(other_staff=OK, admin=OK),
    # Organizations: members see their own, only its admins change it; purchaser staff see
    # every verified organization, read only. Nobody but an administrator adds one.
    "/admin/organization/": back_office(**ORG_MEMBERS, purchaser=OK),
    "/admin/organization/new/": back_office(admin=OK),
    "/admin/organization/edit/{provider}/": back_office(**ORG_ADMINS),
    "/admin/organization/edit/{rival}/": back_office(org_admin=MISSING, admin=OK),
    "/admin/organization/inspect/{provider}/": object_view(**ORG_MEMBERS, purchaser=OK),
    "/admin/organization/inspect/{rival}/": object_view(purchaser=OK, admin=OK),
    "/admin/organization/inspect/{pending}/": object_view(admin=OK),
    "/admin/organization/history/{rival}/": object_view(purchaser=DENIED, admin=OK),
    "/admin/organization/review/{pending}/": back_office(admin=OK),
    "/admin/organization/review/{provider}/": back_office(admin=OK),
    "/admin/offering/": back_office(**ORG_MEMBERS),
    "/admin/offering/new/": back_office(**ORG_MEMBERS),
    "/admin/offering/edit/{offering}/": back_office(**ORG_MEMBERS),
    "/admin/offering/edit/{rival_offering}/": back_office(
        org_admin=MISSING, org_staff=MISSING, admin=OK
    ),
    "/admin/offering/inspect/{rival_offering}/": object_view(admin=OK),
    "/admin/offering/usage/{rival_offering}/": object_view(admin=OK),
    "/admin/offering/delete/{rival_offering}/": object_view(admin=OK),
    # Volunteering: organizers (community staff, organization members) and administrators.
    "/admin/task/": back_office(**ORGANIZERS),
    "/admin/task/new/": back_office(**ORGANIZERS),
    "/admin/task/edit/{task}/": back_office(
        staff=OK, admin=OK, other_staff=MISSING, org_admin=MISSING, org_staff=MISSING
    ),
    "/admin/task/edit/{task_draft_org}/": back_office(
        other_staff=OK, org_admin=OK, org_staff=OK, admin=OK, staff=MISSING
    ),
    "/admin/shift/": back_office(**ORGANIZERS),
    "/admin/signup/": back_office(**ORGANIZERS),
    "/admin/signup/hours/": back_office(**ORGANIZERS),
    "/admin/membership/": back_office(**ORG_ADMINS),
    "/admin/membership/new/": back_office(**ORG_ADMINS),
    "/admin/membership/edit/{membership}/": back_office(**ORG_ADMINS),
    "/admin/membership/edit/{rival_membership}/": back_office(org_admin=MISSING, admin=OK),
    "/admin/membership/inspect/{rival_membership}/": object_view(admin=OK),
    "/admin/membership/delete/{rival_membership}/": object_view(admin=OK),
    # Bookings: providers' slots and bookings; payments and Stripe's events: administrators.
    "/admin/bookingslot/": back_office(**ORG_MEMBERS),
    "/admin/bookingslot/new/": back_office(**ORG_MEMBERS),
    "/admin/booking/": back_office(**ORG_MEMBERS),
    "/admin/payment/": back_office(admin=OK),
    "/admin/stripeevent/": back_office(admin=OK),
}

# POST actions: "done" is a 302 to the demand's page and the change made.
DONE = "done"
PUBLISH = everyone(MISSING, anonymous=LOGIN, staff=DONE, admin=DONE)
ACCEPT = everyone(MISSING, anonymous=LOGIN, staff=DONE, admin=DONE)


def cases(table):
    return [
        pytest.param(url, role, outcome, id=f"{url} as {role}")
        for url, by_role in table.items()
        for role, outcome in by_role.items()
    ]


@pytest.fixture
def site_home(db):
    root = Page.get_first_root_node()
    home_page = root.add_child(instance=HomePage(title="邻里首页", slug="linli-home"))
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", is_default_site=True
    )
    site.root_page = home_page
    site.save()
    return home_page


@pytest.fixture
def scene(world, site_home):
    w = world
    for name in ("purchaser", "admin"):
        TOTP.activate(w[name], "JBSWY3DPEHPK3PXP")
    draft = DemandFactory(community=w["home"], category=w["category"], title="本社区草稿需求")
    open_ = services.demand_publish(
        actor=w["staff"],
        demand=DemandFactory(community=w["home"], category=w["category"], title="本社区公开需求"),
    )
    demand_other = services.demand_publish(
        actor=w["other_staff"],
        demand=DemandFactory(community=w["other"], category=w["category"], title="隔壁社区需求"),
    )
    rival = OrganizationFactory(name="隔壁机构")
    rival_member = member_of(rival, role="staff")
    draft_other = DemandFactory(community=w["other"], category=w["category"], title="隔壁社区草稿")
    pending = OrganizationFactory(name="待审核机构", status=VerificationStatus.SUBMITTED)
    return {
        **w,
        "draft": draft,
        "open": open_,
        "demand_other": demand_other,
        "draft_other": draft_other,
        "facility_home": FacilityFactory(community=w["home"], name="本社区服务站"),
        "facility_other": FacilityFactory(community=w["other"], name="隔壁服务站"),
        "rival": rival,
        "pending": pending,
        "offering": OfferingFactory(organization=w["provider"], title="本机构助浴服务"),
        "rival_offering": OfferingFactory(organization=rival, title="隔壁机构助浴服务"),
        "membership": Membership.objects.get(user=w["org_staff"]),
        "rival_membership": Membership.objects.get(user=rival_member),
        "rival_member": rival_member,
        "skill": SkillFactory(),
        "volunteer_profile": w["volunteer"].volunteer_profile,
        "social_worker_profile": w["social_worker"].social_worker_profile,
        "assignment": w["staff"].community_assignments.get(),
        "audit": AuditEvent.objects.first(),
        "task": published_task(w["staff"], w["home"], category=w["category"]),
        "task_draft": volunteering.task_create(
            actor=w["staff"],
            title="本社区草稿项目",
            category=w["category"],
            description="草稿",
            community=w["home"],
            place="社区",
            contact_name="王老师",
            contact_phone="0571-87001234",
        ),
        "task_draft_org": volunteering.task_create(
            actor=w["org_staff"],
            title="机构草稿项目",
            category=w["category"],
            description="草稿",
            community=w["other"],
            organization=w["provider"],
            place="社区",
            contact_name="李老师",
            contact_phone="0571-87001235",
        ),
    }


def client_for(client, scene, role):
    if role != "anonymous":
        client.force_login(scene[role])
    return client


def fill(url, scene):
    return url.format(**{k: getattr(v, "pk", v) for k, v in scene.items()})


def message_texts(response):
    return [str(m).strip() for m in get_messages(response.wsgi_request)]


def in_site_language(text):
    with override(settings.LANGUAGE_CODE):
        return gettext(text)


def assert_outcome(response, outcome):
    login_url = reverse("account_login")
    if outcome == OK:
        assert response.status_code == 200
    elif outcome == MISSING:
        assert response.status_code == 404
    elif outcome == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(login_url + "?next=")
    elif outcome == NO_ADMIN:
        assert response.status_code == 302
        assert response["Location"].startswith(login_url + "?next=")
        assert in_site_language("You do not have permission to access the admin.") in (
            message_texts(response)
        )
    elif outcome == DENIED:
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert in_site_language("Sorry, you do not have permission to access this area.") in (
            message_texts(response)
        )
    else:  # pragma: no cover
        raise AssertionError(outcome)


@pytest.mark.parametrize(("url", "role", "outcome"), cases(PUBLIC))
def test_public_view(client, scene, url, role, outcome):
    response = client_for(client, scene, role).get(fill(url, scene))
    assert_outcome(response, outcome)


@pytest.mark.parametrize(("url", "role", "outcome"), cases(BACK_OFFICE))
def test_back_office_view(client, scene, url, role, outcome):
    response = client_for(client, scene, role).get(fill(url, scene))
    assert_outcome(response, outcome)


@pytest.mark.parametrize(("role", "outcome"), PUBLISH.items())
def test_publish_a_draft(client, scene, role, outcome):
    draft = scene["draft"]
    response = client_for(client, scene, role).post(f"/demands/{draft.pk}/publish/")
    draft.refresh_from_db()
    if outcome == DONE:
        assert response.status_code == 302
        assert response["Location"] == reverse("demands:detail", args=[draft.pk])
        assert draft.status == DemandStatus.OPEN
    else:
        assert_outcome(response, outcome)
        assert draft.status == DemandStatus.DRAFT


@pytest.mark.parametrize(("role", "outcome"), ACCEPT.items())
def test_accept_a_response(client, scene, role, outcome):
    demand = scene["open"]
    offer = services.response_submit(
        actor=scene["org_staff"], demand=demand, organization=scene["provider"], message="我们可以"
    )
    response = client_for(client, scene, role).post(
        f"/demands/{demand.pk}/responses/{offer.pk}/accept/"
    )
    demand.refresh_from_db()
    if outcome == DONE:
        assert response.status_code == 302
        assert response["Location"] == reverse("demands:detail", args=[demand.pk])
        assert demand.status == DemandStatus.MATCHED
        assert demand.accepted_response_id == offer.pk
    else:
        assert_outcome(response, outcome)
        assert demand.status == DemandStatus.OPEN
        assert demand.accepted_response_id is None


# Listings show what is in scope and nothing else: (role, url, shown, hidden).
LISTINGS = [
    ("staff", "/admin/demand/", "draft", "demand_other"),
    ("other_staff", "/admin/demand/", "demand_other", "draft"),
    ("staff", "/admin/facility/", "facility_home", "facility_other"),
    ("other_staff", "/admin/facility/", "facility_other", "facility_home"),
    ("org_admin", "/admin/organization/", "provider", "rival"),
    ("org_staff", "/admin/organization/", "provider", "rival"),
    ("purchaser", "/admin/organization/", "rival", "pending"),
    ("org_admin", "/admin/offering/", "offering", "rival_offering"),
    ("org_staff", "/admin/offering/", "offering", "rival_offering"),
    ("org_admin", "/admin/membership/", "org_staff", "rival_member"),
    ("staff", "/demands/", "draft", "draft_other"),
    ("resident", "/demands/", "open", "draft"),
    ("other_staff", "/demands/", "open", "draft"),
]


@pytest.mark.parametrize(
    ("role", "url", "shown", "hidden"), LISTINGS, ids=[f"{u} as {r}" for r, u, _s, _h in LISTINGS]
)
def test_listing_shows_only_what_is_in_scope(client, scene, role, url, shown, hidden):
    response = client_for(client, scene, role).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert str(scene[shown]) in html
    assert str(scene[hidden]) not in html


def test_home_is_the_cms_home_page(client, scene, site_home):
    assert site_home.title in client.get("/").content.decode()


def test_admin_listing_shows_every_community(client, scene):
    html = client_for(client, scene, "admin").get("/admin/demand/").content.decode()
    assert scene["draft"].title in html and scene["demand_other"].title in html


def test_mfa_is_required_before_the_back_office(client, world):
    """Without the TOTP set up in `scene`, purchaser staff and admins are sent to set it up."""
    for role in ("purchaser", "admin"):
        client.force_login(world[role])
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp") + "?next=/admin/"


def test_no_back_office_refusal_does_not_loop(client, scene):
    """A signed-in resident refused the back office must land on a page, not bounce forever."""
    client.force_login(scene["resident"])
    url, seen = "/admin/", []
    while (response := client.get(url)).status_code == 302 and url not in seen:
        seen.append(url)
        url = response["Location"]
    assert response.status_code == 200, f"redirect loop: {' -> '.join([*seen, url])}"


def test_audit_log_is_read_only(client, scene):
    """The audit trail is "read-only": not even an administrator may change or delete it."""
    audit = scene["audit"]
    stored = AuditEvent.objects.filter(pk=audit.pk).values_list("event", "target_repr")
    before = stored.get()
    client_for(client, scene, "admin")
    client.post(f"/admin/auditevent/edit/{audit.pk}/", {"event": "tampered"})
    client.post(f"/admin/auditevent/delete/{audit.pk}/")
    client.post("/admin/auditevent/new/", {"event": "forged"})
    assert stored.first() == before, "an administrator changed or deleted an audit event"
    assert not AuditEvent.objects.filter(event="forged").exists()
