"""Notifications: templates rendered in a sandbox (client's own or the default), e-mails queued after the commit
and sent through Django's backend (mail.outbox), in-app notifications on submittals, the bulk "reject with reason
and e-mail" action, and stage-entry automations."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from handoff.domain.notifications import actions, selectors, templating
from handoff.domain.notifications.models import EmailStatus, Notification, OutboundEmail
from handoff.domain.recruiting import actions as recruiting_actions
from handoff.domain.recruiting.models import PipelineStage
from handoff.domain.recruiting.submittals import actions as submittal_actions
from tests.personas import World
from tests.recruiting import candidate_data, refreshed
from tests.submittals import submitted

type Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_render_uses_plain_values_and_keeps_the_subject_on_one_line() -> None:
    wording = templating.Wording("Hi {{ candidate.first_name }}\nagain", "Role: {{ requisition.title }}")
    rendered = templating.render(wording, templating.SAMPLE_CONTEXT)
    assert rendered.subject == "Hi Ana again"
    assert rendered.body == "Role: Backend engineer"


@pytest.mark.parametrize(
    "body",
    ['{% include "web/base.html" %}', "{% load static %}{% static 'x' %}", "{% if %}", "{{ candidate|nosuchfilter }}"],
)
def test_the_sandbox_refuses_file_access_libraries_and_bad_syntax(body: str) -> None:
    with pytest.raises(ValidationError) as caught:
        templating.check("Subject", body)
    assert "body" in caught.value.message_dict


def test_a_client_template_replaces_the_default_only_for_that_client(world: World) -> None:
    admin = world.users["hr_admin_a"]
    actions.save_template(admin, world.client_a.pk, "application_rejected", "Sorry {{ candidate.first_name }}", "No.")
    assert actions.wording(world.client_a.pk, "application_rejected").subject == "Sorry {{ candidate.first_name }}"
    assert actions.wording(world.client_b.pk, "application_rejected") == templating.DEFAULTS["application_rejected"]
    with pytest.raises(PermissionDenied):
        actions.save_template(world.users["hiring_manager_a"], world.client_a.pk, "stage_entry", "S", "B")
    with pytest.raises(ValidationError):
        actions.save_template(admin, world.client_a.pk, "stage_entry", "S", "{% for %}")
    assert actions.reset_template(admin, world.client_a.pk, "application_rejected") == 1


def test_bulk_reject_with_email_sends_the_clients_template_to_each_candidate(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    recruiter = world.users["recruiter_a"]
    actions.save_template(
        world.users["hr_admin_a"],
        world.client_a.pk,
        "application_rejected",
        "{{ requisition.title }}: an update",
        "Dear {{ candidate.first_name }}, thank you from {{ client.name }}.",
    )
    other = recruiting_actions.create_candidate(
        recruiter, candidate_data(full_name="Ben Okafor", email="ben@mail.test", phone="", profile_url="")
    )
    second = recruiting_actions.add_application(recruiter, world.recruiting.requisition_a, other)
    with django_capture_on_commit_callbacks(execute=True):
        done = recruiting_actions.bulk_apply(
            recruiter, [world.recruiting.application_a, second], "reject_email", "Position filled internally"
        )
    assert done == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["ana.lima@mail.test", "ben@mail.test"]
    ben = next(message for message in mail.outbox if message.to == ["ben@mail.test"])
    assert ben.subject == f"{world.recruiting.requisition_a.title}: an update"
    assert ben.body == f"Dear Ben, thank you from {world.client_a.name}."
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}
    assert refreshed(second).stage.key == "rejected"


def test_a_plain_reject_sends_nothing(world: World, django_capture_on_commit_callbacks: Capture) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        recruiting_actions.bulk_apply(world.users["recruiter_a"], [world.recruiting.application_a], "reject", "No fit")
    assert mail.outbox == []


def test_nothing_is_sent_when_the_move_rolls_back(world: World, django_capture_on_commit_callbacks: Capture) -> None:
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        recruiting_actions.bulk_apply(
            world.users["recruiter_a"], [world.recruiting.application_a], "reject_email", "   "
        )
    assert mail.outbox == []


def test_stage_entry_automation_emails_the_candidate(world: World, django_capture_on_commit_callbacks: Capture) -> None:
    stage = PipelineStage.objects.get(client=world.client_a, engagement=world.rpo_a, key="screened")
    actions.set_stage_automation(world.users["hr_admin_a"], stage, "stage_entry")
    with django_capture_on_commit_callbacks(execute=True):
        recruiting_actions.move_application(world.users["recruiter_a"], world.recruiting.application_a, "screened")
    [message] = mail.outbox
    assert message.to == ["ana.lima@mail.test"]
    assert "Screened" in message.body
    assert actions.set_stage_automation(world.users["hr_admin_a"], stage, "") is None


def test_a_submittal_notifies_the_hiring_manager_and_a_decision_the_recruiter(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    manager, recruiter = world.users["hiring_manager_a"], world.users["recruiter_a"]
    with django_capture_on_commit_callbacks(execute=True):
        submittal = submitted(world)
    [note] = selectors.notifications(manager)
    assert note.kind == "submittal_created"
    assert note.url == f"/portal/submittals/{submittal.pk}/"
    assert selectors.unread_count(manager) == 1
    assert [message.to for message in mail.outbox] == [[manager.email]]
    assert "Seven years of Python" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        submittal_actions.decide(manager, submittal, "interview", feedback="Let's meet her")
    [told] = selectors.notifications(recruiter)
    assert told.kind == "submittal_decided"
    assert told.body == "Let's meet her"
    assert mail.outbox[-1].to == [recruiter.email]
    assert "Interview" in mail.outbox[-1].subject


def test_mark_read_is_for_the_recipient_only(world: World) -> None:
    manager = world.users["hiring_manager_a"]
    note = actions.notify(manager, world.client_a.pk, "test", "Hello")
    with pytest.raises(PermissionDenied):
        actions.mark_read(world.users["hr_admin_a"], note)
    actions.mark_read(manager, note)
    assert selectors.unread_count(manager) == 0
    actions.notify(manager, world.client_a.pk, "test", "Again")
    actions.notify(manager, world.client_b.pk, "test", "Not a client the manager sees")
    assert actions.mark_all_read(manager) == 1
    assert Notification.objects.filter(read_at__isnull=True).count() == 1
    assert list(selectors.notifications(world.users["hr_admin_b"])) == []


def test_a_failing_backend_is_recorded(
    world: World, settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    settings.MAILERS = {"default": {"BACKEND": "tests.domain.test_notifications.BrokenBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        recruiting_actions.bulk_apply(
            world.users["recruiter_a"], [world.recruiting.application_a], "reject_email", "No fit"
        )
    row = OutboundEmail.objects.get()
    assert row.status == EmailStatus.FAILED
    assert "relay refused" in row.error


class BrokenBackend:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def send_messages(self, messages: Any) -> int:
        raise OSError("relay refused")
