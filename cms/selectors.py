"""What CMS pages show of the marketplace."""

from marketplace.demands.models import DemandStatus
from marketplace.demands.selectors import demand_list
from marketplace.organizations.selectors import provider_list
from marketplace.regions.selectors import facility_list


def home_highlights() -> dict:
    from django.contrib.auth.models import AnonymousUser

    open_demands = demand_list(user=AnonymousUser()).filter(status=DemandStatus.OPEN)
    return {
        "open_demands": open_demands.order_by("starts_at")[:6],
        "open_demand_count": open_demands.count(),
        "facility_count": facility_list().count(),
        "provider_count": provider_list().count(),
    }


def community_page_data(community) -> dict:
    from django.contrib.auth.models import AnonymousUser

    return {
        "facilities": facility_list().filter(community=community),
        "open_demands": demand_list(user=AnonymousUser()).filter(
            community=community, status=DemandStatus.OPEN
        ),
    }
