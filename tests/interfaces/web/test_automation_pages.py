"""Automation pages: rules list and rate, rule create/edit with the live dry run, the classifier's train button."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from handoff.domain.automation.models import Rule
from handoff.domain.operations.actions.items import create_item
from handoff.domain.operations.models import WorkItem
from tests.domain.operations_desk import VALID_VALUES, Desk, build_desk

pytestmark = pytest.mark.django_db

CONDITIONS = json.dumps({"field": "title", "op": "contains", "value": "refund"})
ACTIONS = json.dumps([{"type": "resolve"}])


@pytest.fixture
def desk(settings: Any, tmp_path: Path) -> Desk:
    settings.VAR_DIR = tmp_path
    return build_desk()


def browser_for(desk: Desk) -> Client:
    browser = Client()
    browser.force_login(desk.lead)
    browser.post(reverse("web:switch_client"), {"client_id": desk.client.pk})
    return browser


def form(**changes: str) -> dict[str, str]:
    return {
        "name": "Auto refunds",
        "trigger": "create",
        "order": "10",
        "is_active": "on",
        "conditions": CONDITIONS,
        "actions": ACTIONS,
        "service_id": "",
        **changes,
    }


def test_a_rule_is_created_listed_and_the_rate_shown(desk: Desk) -> None:
    browser = browser_for(desk)
    response = browser.post(reverse("web:automation_rule_create"), form())
    assert response.status_code == 302
    rule = Rule.objects.get()
    assert rule.client_id == desk.client.pk
    assert rule.order == 10
    create_item(desk.owner, desk.service.pk, {"title": "Refund A-1", "custom_fields": VALID_VALUES})
    create_item(desk.owner, desk.service.pk, {"title": "Password", "custom_fields": VALID_VALUES})
    page = browser.get(reverse("web:automation_home")).content.decode()
    assert "Auto refunds" in page
    assert "50.0 %" in page
    assert "of 2 items" in page
    edit = browser.get(reverse("web:automation_rule_edit", kwargs={"rule_id": rule.pk}))
    assert edit.status_code == 200
    assert "hx-post" in edit.content.decode()


def test_bad_json_and_bad_rules_come_back_on_the_page_and_nothing_is_saved(desk: Desk) -> None:
    browser = browser_for(desk)
    response = browser.post(reverse("web:automation_rule_create"), form(conditions="{not json"))
    assert response.status_code == 400
    assert "not valid JSON" in response.content.decode()
    response = browser.post(reverse("web:automation_rule_create"), form(actions='[{"type": "explode"}]'))
    assert response.status_code == 400
    assert "actions.0.type" in response.content.decode()
    assert not Rule.objects.exists()


def test_the_live_preview_lists_matches_and_writes_nothing(desk: Desk) -> None:
    item = create_item(desk.owner, desk.service.pk, {"title": "Refund A-1", "custom_fields": VALID_VALUES})
    response = browser_for(desk).post(reverse("web:automation_rule_preview"), form(), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>1</strong> of the latest 1 item" in page
    assert "Refund A-1" in page
    assert WorkItem.objects.get(pk=item.pk).status == "new"
    bad = browser_for(desk).post(reverse("web:automation_rule_preview"), form(conditions='{"field": "x", "op": "??"}'))
    assert "conditions" in bad.content.decode().lower()


def test_train_button_validates_and_other_roles_are_refused(desk: Desk) -> None:
    browser = browser_for(desk)
    response = browser.post(reverse("web:automation_classifier_train"), {"target": "queue", "threshold": "7"})
    assert response.status_code == 400
    response = browser.post(reverse("web:automation_classifier_train"), {"target": "queue", "threshold": "0.9"})
    assert response.status_code == 302
    agent = Client()
    agent.force_login(desk.agent)
    assert agent.get(reverse("web:automation_home")).status_code == 403
