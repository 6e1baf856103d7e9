"""Onboarding checklists made on acceptance, tasks by side, the candidate's uploads; hire surveys and the KPIs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from handoff.domain.offers import actions, selectors
from handoff.domain.offers.actions import onboarding, surveys
from handoff.domain.offers.models import HireSurvey, Onboarding, OnboardingTask, TaskSide
from handoff.engines.resumes.sniff import MAX_UPLOAD_BYTES
from tests.offers import sent_offer
from tests.personas import World

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def accepted(world: World) -> Onboarding:
    _, token = sent_offer(world)
    offer = actions.respond(token, accept=True, ip="198.51.100.4")
    return Onboarding.objects.get(offer=offer)


def test_acceptance_makes_the_checklist_from_the_client_template(world: World) -> None:
    onboarding.add_checklist_item(
        world.users["hr_admin_a"],
        world.client_a.pk,
        {"title": "Passport copy", "kind": "document", "side": "candidate", "due_offset_days": -3},
    )
    onboarding.add_checklist_item(
        world.users["account_manager_a"],
        world.client_a.pk,
        {"title": "Badge", "kind": "equipment", "side": "client", "due_offset_days": 0},
    )
    row = accepted(world)
    tasks = list(selectors.tasks_of(row).order_by("position"))
    assert [(t.title, t.side, t.due_on - row.start_date) for t in tasks] == [
        ("Passport copy", "candidate", dt.timedelta(days=-3)),
        ("Badge", "client", dt.timedelta(days=0)),
    ]
    assert sorted(HireSurvey.objects.filter(onboarding=row).values_list("milestone_days", flat=True)) == [30, 90, 180]


def test_the_default_checklist_applies_without_a_template(world: World) -> None:
    row = accepted(world)
    assert selectors.tasks_of(row).count() == len(onboarding.DEFAULT_CHECKLIST)
    assert selectors.progress(row).done == 0


def test_each_side_ticks_its_own_tasks(world: World) -> None:
    row = accepted(world)
    client_task = selectors.tasks_of(row).filter(side=TaskSide.CLIENT).first()
    provider_task = selectors.tasks_of(row).filter(side=TaskSide.PROVIDER).first()
    assert client_task is not None
    assert provider_task is not None
    onboarding.complete_task(world.users["hr_admin_a"], client_task)
    with pytest.raises(PermissionDenied):
        onboarding.complete_task(world.users["hr_admin_a"], provider_task)
    onboarding.complete_task(world.users["recruiter_a"], provider_task)
    assert selectors.progress(row).done == 2


def test_uploads_are_checked_for_type_and_size(world: World) -> None:
    row = accepted(world)
    token = onboarding.candidate_token(row)
    found = onboarding.onboarding_from_token(token)
    task = selectors.tasks_of(found).filter(side=TaskSide.CANDIDATE, kind="document").first()
    assert task is not None
    with pytest.raises(ValidationError, match="larger than 10 MB"):
        onboarding.upload_document(found, task.pk, "big.pdf", b"%PDF" + b"0" * MAX_UPLOAD_BYTES)
    with pytest.raises(ValidationError, match="PDF, DOCX, TXT, PNG or JPEG"):
        onboarding.upload_document(found, task.pk, "tool.exe", b"MZ\x90\x00" + b"\x00" * 100)
    with pytest.raises(ValidationError, match="empty"):
        onboarding.upload_document(found, task.pk, "empty.pdf", b"")
    assert not OnboardingTask.objects.get(pk=task.pk).done
    done = onboarding.upload_document(found, task.pk, "contract.pdf", PDF)
    assert done.done
    assert done.document_name == "contract.pdf"
    assert str(done.document.name).endswith(".pdf")
    other = selectors.tasks_of(found).exclude(side=TaskSide.CANDIDATE).first()
    assert other is not None
    with pytest.raises(ValidationError):  # not one of the candidate's tasks
        onboarding.upload_document(found, other.pk, "x.pdf", PDF)


def test_survey_sending_is_idempotent(world: World, django_capture_on_commit_callbacks) -> None:
    row = accepted(world)
    day_30 = row.start_date + dt.timedelta(days=30)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert surveys.send_due_surveys(day_30 - dt.timedelta(days=1)) == 0
        assert surveys.send_due_surveys(day_30) == 1
        assert surveys.send_due_surveys(day_30) == 0
        assert surveys.send_due_surveys(day_30 + dt.timedelta(days=1)) == 0
    assert [m.to for m in mail.outbox] == [[world.users["hiring_manager_a"].email]]
    assert "30-day check-in" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert surveys.send_due_surveys(row.start_date + dt.timedelta(days=200)) == 2  # the 90 and 180 days
    assert HireSurvey.objects.filter(onboarding=row, sent_at__isnull=True).count() == 0


def test_answers_feed_quality_of_hire_and_retention(world: World) -> None:
    row = accepted(world)
    manager = world.users["hiring_manager_a"]
    by_days = {s.milestone_days: s for s in HireSurvey.objects.filter(onboarding=row)}
    surveys.answer_survey(manager, by_days[30], {"performance_rating": 4, "satisfaction": 5, "still_employed": True})
    surveys.answer_survey(manager, by_days[90], {"performance_rating": 3, "satisfaction": 3, "still_employed": True})
    with pytest.raises(ValidationError) as caught:
        surveys.answer_survey(manager, by_days[180], {"performance_rating": 9, "satisfaction": 0})
    assert set(caught.value.message_dict) == {"performance_rating", "satisfaction", "still_employed"}
    with pytest.raises(PermissionDenied):
        surveys.answer_survey(world.users["process_owner_a"], by_days[180], {})
    kpis = selectors.quality_of_hire(selectors.surveys(world.users["hr_admin_a"]))
    assert kpis.performance == 70.0  # (4 + 3) / (2 × 5) × 100
    assert kpis.satisfaction == 80.0
    assert kpis.retention == 100.0
    assert kpis.quality_of_hire == round((70 + 80 + 100) / 3, 1)
    assert kpis.retention_90 == 100.0
    assert kpis.cohort_90 == 1
    assert selectors.quality_of_hire(selectors.surveys(world.users["hr_admin_b"])).answered == 0
