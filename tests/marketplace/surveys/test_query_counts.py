"""No N+1: the survey lists, results and coverage run as many queries for many rows as
for a few (warm the caches with one GET, count a second, add rows, count again)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.surveys import services
from tests.factories import RegionFactory, staff_of

from .conftest import answers_for, draft_survey, open_survey, resident_of


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_manage_list(client, world):
    def add(n):
        for i in range(n):
            survey = open_survey(world["staff"], world["home"], title=f"调查{i}")
            services.response_submit(
                actor=resident_of(world["home"]), survey=survey, answers=answers_for(survey)
            )

    client.force_login(world["staff"])
    add(2)
    few = count(client, "/surveys/manage/")
    add(20)
    assert count(client, "/surveys/manage/") == few


def test_resident_list(client, world):
    client.force_login(world["resident"])
    open_survey(world["staff"], world["home"])
    few = count(client, "/surveys/")
    for i in range(15):
        survey = open_survey(world["staff"], world["home"], title=f"调查{i}")
        if i % 2:
            services.response_submit(
                actor=world["resident"], survey=survey, answers=answers_for(survey)
            )
    assert count(client, "/surveys/") == few


def test_results(client, world, survey):
    client.force_login(world["staff"])
    services.response_submit(actor=world["resident"], survey=survey, answers=answers_for(survey))
    few = count(client, f"/surveys/{survey.pk}/results/")
    for _ in range(20):
        services.response_submit(
            actor=resident_of(world["home"]), survey=survey, answers=answers_for(survey)
        )
    assert count(client, f"/surveys/{survey.pk}/results/") == few


@pytest.mark.parametrize("viewer", ["district", "admin"])
def test_coverage(client, world, viewer):
    if viewer == "admin":
        TOTP.activate(world["admin"], "JBSWY3DPEHPK3PXP")  # RequireMfaMiddleware
        client.force_login(world["admin"])
    else:
        client.force_login(staff_of(world["district"]))
    street = world["streets"][0]
    url = f"/surveys/coverage/{world['district'].pk}/"
    open_survey(world["staff"], world["home"])
    few = count(client, url)
    for i in range(12):
        community = RegionFactory(
            level="community", parent=street, community_type="urban", name=f"新社区{i}"
        )
        staff = staff_of(community)
        survey = open_survey(staff, community)
        services.response_submit(
            actor=resident_of(community), survey=survey, answers=answers_for(survey)
        )
        draft_survey(staff, community)
    assert count(client, url) == few
