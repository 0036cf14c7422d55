"""The matches on the demand page: for the community's staff (and those above), nobody else."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from marketplace.matching.access import may_see_matches
from tests.factories import UserFactory, staff_of

HEADING = "Suggested providers and volunteers"


def page(client, user, demand):
    if user is not None:
        if user.is_superuser or user.memberships.filter(organization__type="purchaser"):
            TOTP.activate(user, "JBSWY3DPEHPK3PXP")  # RequireMfaMiddleware
        client.force_login(user)
    return client.get(f"/en/demands/{demand.pk}/")


def test_the_communitys_staff_see_three_ranked_lists_with_reasons(client, matching):
    response = page(client, matching["staff"], matching["demand"])
    html = response.content.decode()
    assert response.status_code == 200 and HEADING in html
    matches = response.context["matches"]
    assert matches.organizations[0].candidate == matching["orgs"]["best"]
    assert matches.social_workers[0].candidate == matching["workers"]["senior"]
    assert matches.volunteers[0].candidate == matching["people"]["signer"]
    assert "乐龄养老服务中心" in html and f"/en/providers/{matching['orgs']['best'].pk}/" in html
    assert "Has the skills asked for: Sign language." in html
    assert "Lives in this community." in html
    assert "Match score:" in html and "How this score is made" in html
    assert "/admin/task/new/" in html  # inviting volunteers: post a task
    for left_out in ("未认证机构", "隔壁机构", "街道办", "托育中心"):
        assert left_out not in html


def test_volunteers_personal_data_is_not_shown(client, matching):
    html = page(client, matching["staff"], matching["demand"]).content.decode()
    signer = matching["people"]["signer"]
    assert signer.name in html
    assert signer.email not in html
    assert signer.volunteer_profile.id_number not in html


@pytest.mark.parametrize(
    "who", ["resident", "other_staff", "org_admin", "volunteer", "social_worker", "purchaser"]
)
def test_others_get_no_matches(client, matching, who):
    response = page(client, matching[who], matching["demand"])
    assert response.status_code == 200
    assert "matches" not in response.context
    assert HEADING not in response.content.decode()
    assert matching["people"]["signer"].name not in response.content.decode()


def test_anonymous_visitors_get_no_matches(client, matching):
    response = page(client, None, matching["demand"])
    assert response.status_code == 200 and "matches" not in response.context


def test_the_street_above_and_platform_admins_see_them(client, matching):
    street_staff = staff_of(matching["streets"][0])
    assert may_see_matches(matching["demand"], street_staff)
    assert HEADING in page(client, street_staff, matching["demand"]).content.decode()
    client.logout()
    assert HEADING in page(client, matching["admin"], matching["demand"]).content.decode()


def test_staff_of_another_street_do_not(matching):
    from tests.factories import region_tree

    elsewhere = region_tree(streets=1, communities_per_street=1)["streets"][0]
    assert not may_see_matches(matching["demand"], staff_of(elsewhere))
    assert not may_see_matches(matching["demand"], UserFactory())


def test_the_page_runs_a_bounded_number_of_queries(client, matching, django_assert_max_num_queries):
    client.force_login(matching["staff"])
    client.get(f"/en/demands/{matching['demand'].pk}/")  # warm the caches
    # The page itself (session, user, roles, demand, notifications, responses) and the
    # nine queries of the matches, whatever the number of candidates.
    with django_assert_max_num_queries(20):
        client.get(f"/en/demands/{matching['demand'].pk}/")
