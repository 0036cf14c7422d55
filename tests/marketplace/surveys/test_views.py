"""The survey pages for each role, the answer form, the results with charts, the CSV."""

import csv
import io
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from marketplace.surveys import services
from marketplace.surveys.models import Response, Survey, SurveyStatus
from tests.factories import staff_of

from .conftest import answers_for, draft_survey, resident_of


@pytest.fixture(autouse=True)
def admin_has_mfa(world):
    TOTP.activate(world["admin"], "JBSWY3DPEHPK3PXP")  # RequireMfaMiddleware


@pytest.fixture
def people(world):
    return {
        "resident": world["resident"],
        "other_resident": resident_of(world["other"]),
        "staff": world["staff"],
        "other_staff": world["other_staff"],
        "street_staff": staff_of(world["streets"][0]),
        "district_staff": staff_of(world["district"]),
        "admin": world["admin"],
    }


def get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


RESULTS_ACCESS = {
    "resident": 404,
    "other_resident": 404,
    "staff": 200,
    "other_staff": 404,
    "street_staff": 200,
    "district_staff": 200,
    "admin": 200,
}


@pytest.mark.parametrize("who, code", RESULTS_ACCESS.items())
def test_results_and_csv_by_role(client, people, survey, who, code):
    assert get(client, people[who], f"/en/surveys/{survey.pk}/results/").status_code == code
    assert client.get(f"/en/surveys/{survey.pk}/results.csv").status_code == code


def test_anonymous_is_sent_to_sign_in(client, survey, world):
    for url in ("/surveys/", f"/surveys/{survey.pk}/", f"/surveys/{survey.pk}/results/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    coverage = client.get(f"/surveys/coverage/{world['district'].pk}/")
    assert coverage.status_code == 302


ANSWER_ACCESS = {
    "resident": 200,
    "other_resident": 404,
    "staff": 200,  # a preview, without a submit button
    "other_staff": 404,
    "street_staff": 404,
    "admin": 200,
}


@pytest.mark.parametrize("who, code", ANSWER_ACCESS.items())
def test_answer_page_by_role(client, people, survey, who, code):
    assert get(client, people[who], f"/en/surveys/{survey.pk}/").status_code == code


def test_a_draft_is_hidden_from_residents(client, world):
    draft = draft_survey(world["staff"], world["home"])
    assert get(client, world["resident"], f"/en/surveys/{draft.pk}/").status_code == 404
    assert get(client, world["staff"], f"/en/surveys/{draft.pk}/").status_code == 200


def test_the_answer_form_is_fieldsets_of_labelled_radios(client, world, survey):
    page = get(client, world["resident"], f"/en/surveys/{survey.pk}/").content.decode()
    assert page.count("<fieldset") == 3 and page.count("<legend>") == 3  # the text is a label
    sat = survey.questions.get(kind="satisfaction")
    for value, label in [(5, "Very satisfied"), (1, "Very dissatisfied")]:
        radio = re.search(
            rf'<label for="(id_q{sat.pk}_\d+)"><input type="radio" name="q{sat.pk}" '
            rf'value="{value}"[^>]*>\s*{label}</label>',
            page,
        )
        assert radio, label
    assert page.count(f'name="q{survey.questions.get(kind="scale10").pk}"') == 11
    assert "儿童托管" in page and '<button type="submit">Send my answers' in page


def test_resident_answers_through_the_page(client, world, survey):
    client.force_login(world["resident"])
    data = {f"q{pk}": value for pk, value in answers_for(survey).items()}
    response = client.post(f"/en/surveys/{survey.pk}/", data)
    assert response.status_code == 302 and response["Location"] == "/en/surveys/"
    listing = client.get("/en/surveys/").content.decode()
    assert survey.title in listing and "Answered" in listing
    again = client.get(f"/en/surveys/{survey.pk}/").content.decode()
    assert "You answered this survey on" in again and "Send my answers" not in again
    second = client.post(f"/en/surveys/{survey.pk}/", data)
    assert second.status_code == 200 and "You have already answered" in second.content.decode()
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_missing_answer_is_shown_on_its_question(client, world, survey):
    client.force_login(world["resident"])
    sat = survey.questions.get(kind="satisfaction")
    data = {f"q{pk}": v for pk, v in answers_for(survey).items() if pk != sat.pk}
    response = client.post(f"/en/surveys/{survey.pk}/", data)
    assert response.status_code == 200
    assert f'id="id_q{sat.pk}_error"' in response.content.decode()
    assert not Response.objects.exists()


def test_staff_preview_cannot_answer(client, world, survey):
    client.force_login(world["staff"])
    data = {f"q{pk}": value for pk, value in answers_for(survey).items()}
    assert client.post(f"/en/surveys/{survey.pk}/", data).status_code == 403
    assert not Response.objects.exists()


def test_results_page_has_charts_with_tables_and_no_names(client, world, survey):
    other = resident_of(world["home"])
    resident_of(world["home"])  # registered, does not answer
    for person, level in [(world["resident"], 5), (other, 2)]:
        services.response_submit(
            actor=person, survey=survey, answers=answers_for(survey, satisfaction=level)
        )
    page = get(client, world["staff"], f"/en/surveys/{survey.pk}/results/").content.decode()
    charts = re.findall(r"<svg [^>]*>", page)
    assert len(charts) == 3  # satisfaction, 0–10 and choice; free text has no chart
    assert all('role="img"' in svg and 'aria-label="Chart of answers' in svg for svg in charts)
    assert "<script" not in page
    assert page.count('<table class="table">') == 3
    assert re.search(r'<th scope="row">Very satisfied</th><td>1</td><td>50.0%</td>', page)
    assert "satisfaction rate 50.0%" in page
    assert "response rate" in page and "66.7%" in page  # 2 of 3 registered residents
    assert "很好" in page  # the free text, without its author
    assert world["resident"].name not in page and other.name not in page


def test_results_csv(client, world, survey):
    services.response_submit(
        actor=world["resident"], survey=survey, answers=answers_for(survey, satisfaction=4)
    )
    response = get(client, world["staff"], f"/en/surveys/{survey.pk}/results.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Survey", survey.title]
    assert ["Responses", "1"] in rows and ["Response rate", "100.0%"] in rows
    sat_text = survey.questions.get(kind="satisfaction").text
    assert ["1", sat_text, "Satisfied", "1", "100.0%"] in rows
    assert ["1", sat_text, "Mean", "4.00", ""] in rows
    assert ["1", sat_text, "Satisfaction rate", "", "100.0%"] in rows
    assert ["4", "其他意见和建议", "很好", "", ""] in rows
    assert world["resident"].email not in response.content.decode("utf-8-sig")


def test_manage_list_and_actions(client, world, survey):
    draft = draft_survey(world["staff"], world["home"], title="草稿调查")
    draft_survey(world["other_staff"], world["other"], title="别的社区")
    page = get(client, world["staff"], "/en/surveys/manage/").content.decode()
    assert "草稿调查" in page and survey.title in page and "别的社区" not in page
    client.post(f"/en/surveys/manage/{draft.pk}/open/")
    assert Survey.objects.get(pk=draft.pk).status == SurveyStatus.OPEN
    client.post(f"/en/surveys/manage/{draft.pk}/close/")
    assert Survey.objects.get(pk=draft.pk).status == SurveyStatus.CLOSED
    assert client.post(f"/en/surveys/manage/{draft.pk}/reopen/").status_code == 404
    client.force_login(world["other_staff"])
    assert client.post(f"/en/surveys/manage/{survey.pk}/close/").status_code == 404
    assert Survey.objects.get(pk=survey.pk).status == SurveyStatus.OPEN


@pytest.mark.parametrize("who", ["resident", "street_staff"])
def test_manage_pages_are_for_community_staff(client, people, who):
    assert get(client, people[who], "/en/surveys/manage/").status_code == 403
    assert client.get("/en/surveys/manage/new/").status_code == 403


def management_form(total, initial=0):
    return {"q-TOTAL_FORMS": str(total), "q-INITIAL_FORMS": str(initial), "q-MIN_NUM_FORMS": "1"}


def test_create_a_survey_with_the_form(client, world):
    client.force_login(world["staff"])
    form = client.get("/en/surveys/manage/new/").content.decode()
    assert f'value="{world["home"].pk}"' in form and f'value="{world["other"].pk}"' not in form
    data = {
        "community": world["home"].pk,
        "title": "助餐服务满意度调查",
        "introduction": "",
        "closes_at": "",
        **management_form(3),
        "q-0-text": "您对助餐服务满意吗？",
        "q-0-kind": "satisfaction",
        "q-0-required": "on",
        "q-0-ORDER": "2",
        "q-1-text": "希望的就餐时间",
        "q-1-kind": "choice",
        "q-1-options": "11:00\n11:30\n12:00",
        "q-1-ORDER": "1",
        "q-2-kind": "satisfaction",
        "q-2-required": "on",
    }
    assert client.post("/en/surveys/manage/new/", data).status_code == 302
    survey = Survey.objects.get(title="助餐服务满意度调查")
    assert list(survey.questions.values_list("kind", "options", "required")) == [
        ("choice", ["11:00", "11:30", "12:00"], False),
        ("satisfaction", [], True),
    ]


def test_edit_questions_only_while_draft(client, world, survey):
    client.force_login(world["staff"])
    page = client.get(f"/en/surveys/manage/{survey.pk}/edit/").content.decode()
    assert "can no longer change" in page and "q-TOTAL_FORMS" not in page
    data = {"title": "改名后的调查", "introduction": "", "closes_at": "", **management_form(1)}
    data |= {"q-0-text": "新问题", "q-0-kind": "text"}
    assert client.post(f"/en/surveys/manage/{survey.pk}/edit/", data).status_code == 302
    survey.refresh_from_db()
    assert survey.title == "改名后的调查" and survey.questions.count() == 4


def test_coverage_by_role(client, people, world):
    url = f"/en/surveys/coverage/{world['district'].pk}/"
    for who, code in [
        ("district_staff", 200),
        ("admin", 200),
        ("street_staff", 404),
        ("staff", 404),
        ("resident", 404),
    ]:
        assert get(client, people[who], url).status_code == code, who
    street_url = f"/en/surveys/coverage/{world['streets'][0].pk}/"
    assert get(client, people["street_staff"], street_url).status_code == 200
    assert get(client, people["district_staff"], street_url).status_code == 200
    community_url = f"/en/surveys/coverage/{world['home'].pk}/"
    assert get(client, people["admin"], community_url).status_code == 404


def test_coverage_page_has_chart_and_table(client, world, survey):
    page = get(client, world["admin"], f"/en/surveys/coverage/{world['district'].pk}/")
    text = page.content.decode()
    assert re.search(r'<svg role="img" aria-label="Chart of surveys run in \d{4}', text)
    assert "50.0%" in text and "1 of 2 communities ran a survey" in text
    assert world["home"].name in text and world["other"].name in text


def test_back_office_lists_surveys_read_only_for_admins(client, people, survey):
    client.force_login(people["admin"])
    page = client.get("/admin/survey/")
    assert page.status_code == 200 and survey.title in page.content.decode()
    assert client.get(f"/admin/survey/inspect/{survey.pk}/").status_code == 200
    assert client.get(f"/admin/survey/edit/{survey.pk}/").status_code == 404
    client.force_login(people["staff"])
    assert client.get("/admin/survey/").status_code in (302, 403)
