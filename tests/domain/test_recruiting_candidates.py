"""The talent pool: who sees it, normalised contact details, duplicate detection, merging, consent, salary."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from hypothesis import given
from hypothesis import strategies as st

from handoff.domain.recruiting import actions, selectors
from handoff.domain.recruiting.models import (
    Application,
    ApplicationNote,
    CandidateEvent,
    CandidateEventKind,
    CandidateNote,
    StageTransition,
)
from handoff.domain.recruiting.normalise import normalise_email, normalise_phone, normalise_profile_url, skill_entries
from handoff.domain.tenancy.access import sees_salary_expectations
from tests.personas import World
from tests.recruiting import INTERNAL_NOTE, candidate_data, open_requisition


def test_normalised_contact_details() -> None:
    assert normalise_email("  Ana.Lima@Mail.TEST ") == "ana.lima@mail.test"
    assert normalise_phone("(415) 555-0100", "US") == "+14155550100"
    assert normalise_phone("+1 415 555 0100") == "+14155550100"
    assert normalise_phone("0412 345 678", "AU") == "+61412345678"
    assert normalise_phone("not a phone", "US") == ""
    assert normalise_profile_url("https://www.LinkedIn.com/in/Ana-Lima/?trk=x") == "linkedin.com/in/ana-lima"
    assert normalise_profile_url("linkedin.com/in/ana-lima") == "linkedin.com/in/ana-lima"


@given(st.lists(st.text(max_size=12), max_size=8))
def test_skill_entries_are_unique_trimmed_names_with_an_empty_id(names: list[str]) -> None:
    entries = skill_entries(names)
    lowered = [str(entry["name"]).lower() for entry in entries]
    assert len(lowered) == len(set(lowered))
    assert all(entry["skill_id"] is None and str(entry["name"]).strip() == entry["name"] for entry in entries)
    assert all(entry["name"] for entry in entries)


def test_the_pool_is_for_the_providers_recruiting_staff_only(world: World) -> None:
    candidate = world.recruiting.candidate
    for persona in ("recruiter_a", "account_manager_a", "provider_admin", "outsider"):
        assert list(selectors.candidates(world.users[persona])) == [candidate]
    for persona in ("hr_admin_a", "hiring_manager_a", "process_owner_a", "bpo_agent_a"):
        user = world.users[persona]
        assert list(selectors.candidates(user)) == []
        with pytest.raises(Http404):
            selectors.candidate(user, candidate.pk)
        assert list(selectors.candidate_notes(user, candidate)) == []
        with pytest.raises(PermissionDenied):
            actions.create_candidate(user, candidate_data(email="x@mail.test", phone="", profile_url=""))


def test_internal_notes_stay_provider_side(world: World) -> None:
    candidate = world.recruiting.candidate
    notes = [note.body for note in selectors.candidate_notes(world.users["recruiter_a"], candidate)]
    assert notes == [INTERNAL_NOTE]
    timeline = selectors.candidate_timeline(world.users["recruiter_a"], candidate)
    assert {entry.kind for entry in timeline} == {"event", "note", "move"}
    assert not any("ZQXB" in entry.text for entry in timeline)  # B's requisition is not on A's team's timeline


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", " ANA.LIMA@mail.test"),
        ("phone", "(415) 555-0100"),
        ("profile_url", "http://linkedin.com/in/ana-lima"),
    ],
)
def test_an_exact_duplicate_is_refused_naming_the_existing_profile(world: World, field: str, value: str) -> None:
    data = candidate_data(full_name="Someone Else", email="other@mail.test", phone="", profile_url="")
    data[field] = value
    with pytest.raises(ValidationError) as caught:
        actions.create_candidate(world.users["recruiter_a"], data)
    message = caught.value.message_dict[field][0]
    assert f"#{world.recruiting.candidate.pk}" in message
    assert caught.value.error_dict[field][0].code == "unique"


def test_fuzzy_name_and_location_are_suggested_not_refused(world: World) -> None:
    recruiter = world.users["recruiter_a"]
    similar = actions.create_candidate(
        recruiter, candidate_data(full_name="Ana  Lyma", email="ana.l@other.test", phone="", profile_url="")
    )
    matches = selectors.find_duplicates(
        recruiter,
        selectors.ContactDetails(full_name=similar.full_name, city="Boston", country="US"),
        exclude_pk=similar.pk,
    )
    assert [(m.candidate, m.exact) for m in matches] == [(world.recruiting.candidate, False)]
    elsewhere = selectors.find_duplicates(
        recruiter, selectors.ContactDetails(full_name="Ana Lima", city="Lisbon", country="PT")
    )
    assert elsewhere == []
    unlike = selectors.find_duplicates(
        recruiter, selectors.ContactDetails(full_name="Bruno Costa", city="Boston", country="US")
    )
    assert unlike == []


def test_merging_keeps_every_application_note_and_move_and_is_recorded(world: World) -> None:
    admin = world.users["provider_admin"]
    keep = world.recruiting.candidate
    duplicate = actions.create_candidate(
        admin, candidate_data(full_name="Ana Lima", email="ana.work@corp.test", phone="", profile_url="")
    )
    actions.add_candidate_note(admin, duplicate, "Met at the career fair")
    # the duplicate has an application of its own (to a new requisition of B) and one to the requisition of A
    # that keep is also on: the latter's note and moves must end up on keep's application
    extra = open_requisition(admin, world.users["hr_admin_b"], world.rpo_b, title="Second role")
    moved = actions.add_application(admin, extra, duplicate)
    twin_requisition = world.recruiting.requisition_a
    Application.objects.filter(requisition=twin_requisition, candidate=keep).update(candidate=duplicate)
    keep_row = actions.add_application(admin, twin_requisition, keep)
    duplicate_row = Application.objects.get(requisition=twin_requisition, candidate=duplicate)
    notes_before = ApplicationNote.objects.filter(application=duplicate_row).count()
    moves_before = StageTransition.objects.filter(application__in=[duplicate_row, keep_row]).count()

    actions.merge_candidates(admin, keep, duplicate)

    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep
    assert Application.objects.get(pk=moved.pk).candidate == keep
    assert not Application.objects.filter(pk=duplicate_row.pk).exists()
    assert ApplicationNote.objects.filter(application=keep_row).count() == notes_before == 1
    assert StageTransition.objects.filter(application=keep_row).count() == moves_before
    assert "tag-ZQXA-ACME-MARKER" in Application.objects.get(pk=keep_row.pk).tags
    assert CandidateNote.objects.filter(candidate=keep).count() == 2
    assert CandidateEvent.objects.filter(candidate=keep, kind=CandidateEventKind.MERGED).count() == 1
    assert CandidateEvent.objects.filter(candidate=duplicate, kind=CandidateEventKind.MERGED_AWAY).count() == 1
    assert duplicate not in selectors.candidates(admin)
    with pytest.raises(ValidationError):
        actions.add_application(admin, extra, duplicate)  # a merged profile is not added again


def test_a_profile_cannot_be_merged_into_itself_or_twice(world: World) -> None:
    admin = world.users["provider_admin"]
    keep = world.recruiting.candidate
    with pytest.raises(ValidationError):
        actions.merge_candidates(admin, keep, keep)
    other = actions.create_candidate(admin, candidate_data(email="o@mail.test", phone="", profile_url=""))
    actions.merge_candidates(admin, keep, other)
    with pytest.raises(ValidationError):
        actions.merge_candidates(admin, keep, other)
    with pytest.raises(PermissionDenied):
        actions.merge_candidates(world.users["hr_admin_a"], keep, other)


def test_a_consent_record_is_complete_and_needed_for_sharing(world: World) -> None:
    recruiter = world.users["recruiter_a"]
    base = {"email": "c@mail.test", "phone": "", "profile_url": ""}
    with pytest.raises(ValidationError) as caught:
        actions.create_candidate(recruiter, candidate_data(**base, consent_channel=""))
    assert "consent_policy_version" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        actions.create_candidate(
            recruiter,
            candidate_data(**base, consent_policy_version="", consent_date=None, consent_channel=""),
        )
    assert "share_across_clients" in caught.value.message_dict


def test_a_candidate_needs_a_way_to_be_reached(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        actions.create_candidate(world.users["recruiter_a"], candidate_data(email="", phone="", profile_url=""))
    assert "email" in caught.value.message_dict


def test_salary_expectations_are_hidden_from_hiring_managers(world: World) -> None:
    assert not sees_salary_expectations(world.users["hiring_manager_a"])
    assert not sees_salary_expectations(world.users["process_owner_a"])
    for persona in ("hr_admin_a", "recruiter_a", "provider_admin"):
        assert sees_salary_expectations(world.users[persona])
