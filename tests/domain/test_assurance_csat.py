"""CSAT: a survey on resolution e-mailed after commit with a signed single-use link; CSAT % per service and agent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError

from handoff.domain.assurance import selectors
from handoff.domain.assurance.actions.csat import SALT, LinkProblem, answer_survey, open_link, survey_token
from handoff.domain.assurance.models import CsatSurvey
from handoff.domain.engagements.models import ProcessType
from handoff.domain.operations.actions.items import change_status
from handoff.domain.operations.models import ItemStatus
from tests.domain.assurance_desk import MONDAY_9_MANILA, AssuranceDesk, build_assurance_desk, worked_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def ad(settings: Any) -> AssuranceDesk:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.SITE_URL = "http://testserver"
    return build_assurance_desk("Care", ProcessType.CUSTOMER_SERVICE)


def resolved_survey(ad: AssuranceDesk, capture: Any) -> CsatSurvey:
    item = worked_item(ad.desk)
    with capture(execute=True):
        change_status(ad.desk.agent, item, ItemStatus.RESOLVED, now=MONDAY_9_MANILA + dt.timedelta(hours=2))
    return CsatSurvey.objects.get(item=item)


def test_resolution_mails_a_signed_link_to_the_requester_after_commit(
    ad: AssuranceDesk, django_capture_on_commit_callbacks: Any
) -> None:
    item = worked_item(ad.desk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        change_status(ad.desk.agent, item, ItemStatus.RESOLVED)
    assert mail.outbox == []
    assert len(callbacks) == 1
    survey = resolved_survey(ad, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.to == [ad.desk.owner.email]
    assert survey.agent_id == ad.desk.agent.pk
    assert survey.sent_at is not None
    token = message.body.split("/csat/")[1].split("/")[0]
    assert open_link(token).survey == survey  # the mailed link opens this survey


def test_no_second_survey_when_an_item_is_resolved_again(
    ad: AssuranceDesk, django_capture_on_commit_callbacks: Any
) -> None:
    survey = resolved_survey(ad, django_capture_on_commit_callbacks)
    change_status(ad.desk.agent, survey.item, ItemStatus.IN_PROGRESS)
    change_status(ad.desk.agent, survey.item, ItemStatus.RESOLVED)
    assert CsatSurvey.objects.filter(item=survey.item).count() == 1


def test_items_raised_by_staff_get_no_survey(ad: AssuranceDesk) -> None:
    from handoff.domain.operations.actions.items import create_item

    item = create_item(
        ad.desk.agent, ad.desk.service.pk, {"title": "x", "custom_fields": {"order_id": "1", "channel": "email"}}
    )
    change_status(ad.desk.agent, item, ItemStatus.RESOLVED)
    assert not CsatSurvey.objects.filter(item=item).exists()


def test_link_opens_once_and_tells_expired_tampered_and_reused_apart(
    ad: AssuranceDesk, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    survey = resolved_survey(ad, django_capture_on_commit_callbacks)
    token = survey_token(survey)
    opened = open_link(token)
    assert opened.problem is None
    assert opened.survey == survey
    assert open_link(token[:-2] + "xx").problem == LinkProblem.INVALID
    assert open_link("garbage").problem == LinkProblem.INVALID
    assert open_link(signing.dumps({"survey": 987654}, salt=SALT)).problem == LinkProblem.INVALID
    assert open_link(signing.dumps({"survey": survey.pk}, salt="other")).problem == LinkProblem.INVALID
    answer_survey(survey, 4, "Fast")
    assert open_link(token).problem == LinkProblem.USED
    with pytest.raises(ValidationError, match="already answered"):
        answer_survey(survey, 5)
    survey.refresh_from_db()
    assert (survey.score, survey.comment) == (4, "Fast")


def test_expired_link(ad: AssuranceDesk, django_capture_on_commit_callbacks: Any, monkeypatch: Any) -> None:
    survey = resolved_survey(ad, django_capture_on_commit_callbacks)
    token = survey_token(survey)
    monkeypatch.setattr("handoff.domain.assurance.actions.csat.CSAT_LINK_DAYS", -1)
    assert open_link(token).problem == LinkProblem.EXPIRED


@pytest.mark.parametrize("score", [0, 6, "x", None])
def test_score_is_one_to_five(ad: AssuranceDesk, django_capture_on_commit_callbacks: Any, score: Any) -> None:
    survey = resolved_survey(ad, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError):
        answer_survey(survey, score)
    survey.refresh_from_db()
    assert survey.answered_at is None


def test_csat_percent_per_service_and_agent(ad: AssuranceDesk, django_capture_on_commit_callbacks: Any) -> None:
    for score in (5, 4, 2):
        answer_survey(resolved_survey(ad, django_capture_on_commit_callbacks), score)
    resolved_survey(ad, django_capture_on_commit_callbacks)  # unanswered: not counted
    [row] = selectors.csat_by_service(ad.desk.lead)
    assert (row.key, row.responses, row.satisfied, row.percent) == (ad.desk.service.pk, 3, 2, 66.67)
    [agent_row] = selectors.csat_by_agent(ad.desk.owner)
    assert agent_row.key == ad.desk.agent.pk
    assert agent_row.percent == 66.67
    other = build_assurance_desk("Else", ProcessType.CUSTOMER_SERVICE)
    assert selectors.csat_by_service(other.desk.owner) == []
    assert selectors.csat_by_service(ad.desk.agent) == []
