"""Roles and what each may do in the back office.

Object scope (which community, which organization) is checked separately, in
marketplace.accounts.scope, for every object.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    VOLUNTEER = "volunteer", _("Volunteer")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    ORG_ADMIN = "org_admin", _("Organization administrator")
    ORG_STAFF = "org_staff", _("Organization staff")
    COMMUNITY_STAFF = "community_staff", _("Community staff")
    PURCHASER_STAFF = "purchaser_staff", _("Purchaser staff")
    PLATFORM_ADMIN = "platform_admin", _("Platform administrator")


BACK_OFFICE = "wagtailadmin.access_admin"

# Whoever organizes volunteer tasks: community staff and organization members.
VOLUNTEER_ORGANIZER = frozenset(
    {
        "volunteering.view_task",
        "volunteering.add_task",
        "volunteering.change_task",
        "volunteering.view_shift",
        "volunteering.add_shift",
        "volunteering.change_shift",
        "volunteering.view_signup",
    }
)

# Providers' bookable time and the bookings of it (cancelling checks the scope and the
# service's rules on top of view_booking).
PROVIDER_BOOKINGS = frozenset(
    {
        "payments.view_bookingslot",
        "payments.add_bookingslot",
        "payments.change_bookingslot",
        "payments.view_booking",
    }
)

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.RESIDENT: frozenset(),
    Role.VOLUNTEER: frozenset(),
    Role.SOCIAL_WORKER: frozenset(),
    Role.ORG_ADMIN: frozenset(
        {
            BACK_OFFICE,
            "organizations.view_organization",
            "organizations.change_organization",
            "organizations.view_offering",
            "organizations.add_offering",
            "organizations.change_offering",
            "organizations.delete_offering",
            "organizations.view_membership",
            "organizations.add_membership",
            "organizations.change_membership",
            "organizations.delete_membership",
            "procurement.view_project",
            "procurement.view_bid",
        }
    )
    | VOLUNTEER_ORGANIZER
    | PROVIDER_BOOKINGS,
    Role.ORG_STAFF: frozenset(
        {
            BACK_OFFICE,
            "organizations.view_organization",
            "organizations.view_offering",
            "organizations.add_offering",
            "organizations.change_offering",
            "procurement.view_project",
            "procurement.view_bid",
        }
    )
    | VOLUNTEER_ORGANIZER
    | PROVIDER_BOOKINGS,
    Role.COMMUNITY_STAFF: frozenset(
        {
            BACK_OFFICE,
            "demands.view_demand",
            "demands.add_demand",
            "demands.change_demand",
            "regions.view_facility",
            "regions.add_facility",
            "regions.change_facility",
            "regions.delete_facility",
            "volunteering.view_partymemberregistration",
        }
    )
    | VOLUNTEER_ORGANIZER,
    Role.PURCHASER_STAFF: frozenset(
        {
            BACK_OFFICE,
            "organizations.view_organization",
            "procurement.view_project",
            "procurement.view_bid",
        }
    ),
    Role.PLATFORM_ADMIN: frozenset(),  # superuser: every permission
}

# Roles that must have a second factor (TOTP) before they may do anything.
MFA_REQUIRED_ROLES = frozenset({Role.PURCHASER_STAFF, Role.PLATFORM_ADMIN})
