"""Two requests from the same resident answer at once: exactly one response is kept.

Each client is a thread with its own database connection, both released together by a
barrier. Runs on SQLite and, in CI, on PostgreSQL.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from marketplace.surveys.models import Answer, Response
from tests.factories import region_tree, staff_of

from .conftest import open_survey, resident_of

CLIENTS = 2


@pytest.mark.django_db(transaction=True)
def test_the_same_resident_answering_twice_at_once_is_kept_once():
    community = region_tree(streets=1, communities_per_street=1)["communities"][0]
    survey = open_survey(staff_of(community), community)
    person = resident_of(community)
    q = {question.kind: question.pk for question in survey.questions.all()}
    forms = [
        {f"q{q['satisfaction']}": "5", f"q{q['scale10']}": "9", f"q{q['choice']}": "0"},
        {f"q{q['satisfaction']}": "1", f"q{q['scale10']}": "2", f"q{q['choice']}": "1"},
    ]
    barrier = threading.Barrier(CLIENTS)

    def post(data):
        try:
            client = Client()
            client.force_login(person)
            barrier.wait(timeout=30)
            return client.post(f"/en/surveys/{survey.pk}/", data)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        responses = list(pool.map(post, forms))

    codes = sorted(r.status_code for r in responses)
    assert codes == [200, 302]  # one thanked and redirected, one shown the refusal
    refused = next(r for r in responses if r.status_code == 200)
    assert "You have already answered this survey." in refused.content.decode()
    assert Response.objects.filter(survey=survey, resident=person).count() == 1
    kept = set(Answer.objects.filter(response__survey=survey).values_list("question_id", "value"))
    assert kept in (
        {(q["satisfaction"], 5), (q["scale10"], 9), (q["choice"], 0)},
        {(q["satisfaction"], 1), (q["scale10"], 2), (q["choice"], 1)},
    )  # one whole set of answers, never a mix
