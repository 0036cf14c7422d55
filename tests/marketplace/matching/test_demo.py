"""The seeded demo shows matches: to its community staff on an open demand, and to its
volunteer on the task list."""

from django.core.management import call_command

from marketplace.accounts.models import User
from marketplace.demands.models import Demand
from marketplace.matching.demand import matches_for_demand
from marketplace.matching.recommendations import recommended_tasks


def test_the_demo_has_matches_to_show(db):
    call_command("seed_demo", "--no-progress", stdout=open("/dev/null", "w"))
    staff = User.objects.get(email="communitystaff@demo.linli.cn")
    demands = Demand.objects.filter(status="open", community__staff_assignments__user=staff)
    shown = [matches_for_demand(demand=demand) for demand in demands]
    assert shown and all(m.organizations and m.volunteers for m in shown)
    assert any(m.social_workers for m in shown)
    volunteer = User.objects.get(email="volunteer@demo.linli.cn")
    assert len(recommended_tasks(user=volunteer)) >= 3
