"""Recruiting pages: requisitions and their approval, the board and its htmx moves, the list with filters and
bulk actions, application pages as each role sees them, and the talent pool."""

from __future__ import annotations

from django.urls import reverse

from handoff.domain.recruiting.models import (
    Application,
    Candidate,
    Requisition,
    RequisitionStatus,
    StageTransition,
)
from tests.interfaces.web.conftest import LoginAs
from tests.interfaces.web.html import field_errors, find, find_all
from tests.personas import MARKER_A, MARKER_B, World
from tests.recruiting import INTERNAL_NOTE, SALARY_EXPECTATION


def _url(name: str, **kwargs: int) -> str:
    return reverse(f"web:{name}", kwargs=kwargs)


def requisition_form(world: World, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "engagement_choice": world.rpo_a.pk,
        "title": "Data analyst",
        "department": "Finance",
        "location": "New York",
        "employment_type": "full_time",
        "headcount": "1",
        "salary_min": "70000",
        "salary_max": "90000",
        "currency": "USD",
        "required_skills": "SQL, Python, sql",
        "preferred_skills": "",
        "languages": "English, Spanish",
        "priority": "normal",
        "allowed_countries": "",
        "allowed_time_zones": "",
        "hiring_manager": world.users["hiring_manager_a"].pk,
    }
    data.update(overrides)
    return data


def test_navigation_shows_recruiting_by_role(login_as: LoginAs) -> None:
    recruiter = login_as("recruiter_a").get("/").content.decode()
    assert 'href="/recruiting/requisitions/"' in recruiter
    assert 'href="/recruiting/candidates/"' in recruiter
    manager = login_as("hiring_manager_a").get("/").content.decode()
    assert 'href="/recruiting/requisitions/"' in manager
    assert 'href="/recruiting/candidates/"' not in manager
    agent = login_as("bpo_agent_a").get("/").content.decode()
    assert "/recruiting/" not in agent


def test_the_requisition_list_shows_only_the_own_clients(world: World, login_as: LoginAs) -> None:
    for persona in ("hr_admin_a", "recruiter_a"):
        page = login_as(persona).get(_url("requisition_list")).content.decode()
        assert MARKER_A in page
        assert MARKER_B not in page
    both = login_as("provider_admin").get(_url("requisition_list")).content.decode()
    assert MARKER_A in both
    assert MARKER_B in both
    drafts = login_as("hr_admin_a").get(_url("requisition_list"), {"status": "draft"}).content.decode()
    assert f"Welder {MARKER_A}" not in drafts


def test_client_hr_raises_a_requisition_with_skills_as_entries(world: World, login_as: LoginAs) -> None:
    response = login_as("hr_admin_a").post(_url("requisition_create"), requisition_form(world))
    assert response.status_code == 302
    requisition = Requisition.objects.get(title="Data analyst")
    assert requisition.client_id == world.client_a.pk
    assert requisition.status == RequisitionStatus.DRAFT
    assert requisition.required_skills == [
        {"name": "SQL", "skill_id": None},
        {"name": "Python", "skill_id": None},
    ]
    assert requisition.languages == ["English", "Spanish"]
    assert requisition.hiring_manager == world.users["hiring_manager_a"]


def test_bad_requisition_input_is_a_400_with_field_messages(world: World, login_as: LoginAs) -> None:
    browser = login_as("hr_admin_a")
    response = browser.post(_url("requisition_create"), requisition_form(world, salary_max="10", location=""))
    assert response.status_code == 400
    assert field_errors(response.content, "salary_max")
    assert field_errors(response.content, "location")
    foreign = browser.post(_url("requisition_create"), requisition_form(world, engagement_choice=world.rpo_b.pk))
    assert foreign.status_code == 400
    assert field_errors(foreign.content, "engagement_choice")
    assert not Requisition.objects.filter(title="Data analyst").exists()


def test_hiring_managers_and_process_owners_do_not_raise_requisitions(login_as: LoginAs) -> None:
    for persona in ("hiring_manager_a", "process_owner_a"):
        assert login_as(persona).get(_url("requisition_create")).status_code == 403


def test_submit_and_approve_through_the_detail_page(world: World, login_as: LoginAs) -> None:
    login_as("recruiter_a").post(_url("requisition_create"), requisition_form(world, engagement_choice=world.rpo_a.pk))
    requisition = Requisition.objects.get(title="Data analyst")
    recruiter = login_as("recruiter_a")
    page = recruiter.get(_url("requisition_detail", requisition_id=requisition.pk)).content.decode()
    assert "Submit for approval" in page
    recruiter.post(_url("requisition_status", requisition_id=requisition.pk), {"status": "pending_approval"})
    page = recruiter.get(_url("requisition_detail", requisition_id=requisition.pk)).content.decode()
    assert "Approve and open" not in page  # the client approves in an enterprise engagement
    assert "Waiting for approval by the client" in page
    denied = recruiter.post(_url("requisition_status", requisition_id=requisition.pk), {"status": "open"})
    assert denied.status_code == 403
    hr = login_as("hr_admin_a")
    hr.post(_url("requisition_status", requisition_id=requisition.pk), {"status": "open", "note": "Budget ok"})
    requisition.refresh_from_db()
    assert requisition.status == RequisitionStatus.OPEN
    history = find(hr.get(_url("requisition_detail", requisition_id=requisition.pk)).content, "ol", data_history=True)
    assert "Pending approval → Open" in history.text
    assert "Budget ok" in history.text


def test_an_impossible_status_change_is_a_message_not_an_error(world: World, login_as: LoginAs) -> None:
    requisition = world.recruiting.requisition_a
    response = login_as("hr_admin_a").post(
        _url("requisition_status", requisition_id=requisition.pk), {"status": "draft"}, follow=True
    )
    assert response.status_code == 200
    assert "cannot become draft" in response.content.decode()


def test_the_board_lists_columns_and_cards(world: World, login_as: LoginAs) -> None:
    page = login_as("recruiter_a").get(_url("requisition_board", requisition_id=world.recruiting.requisition_a.pk))
    assert page.status_code == 200
    columns = find_all(page.content, "ul", class_="board-cards")
    assert [column.attrs["data-stage-key"] for column in columns][:3] == ["sourced", "applied", "screened"]
    cards = find_all(page.content, "li", data_application_id=str(world.recruiting.application_a.pk))
    assert len(cards) == 1
    assert "Ana Lima" in cards[0].text
    assert find(page.content, "div", class_="board").attrs.get("data-sortable") is not None


def test_an_htmx_move_answers_a_status_line_and_stores_the_transition(world: World, login_as: LoginAs) -> None:
    application = world.recruiting.application_a
    response = login_as("recruiter_a").post(
        _url("application_move", application_id=application.pk), {"stage": "screened"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert find(response.content, "span", data_move_result="ok").text == "Ana Lima moved to Screened."
    last = StageTransition.objects.filter(application=application).last()
    assert last is not None
    assert last.to_stage.key == "screened"
    assert last.actor == world.users["recruiter_a"]


def test_a_refused_htmx_move_is_a_422_so_the_card_goes_back(world: World, login_as: LoginAs) -> None:
    application = world.recruiting.application_a
    browser = login_as("hr_admin_a")
    refused = browser.post(
        _url("application_move", application_id=application.pk), {"stage": "interview"}, HTTP_HX_REQUEST="true"
    )
    assert refused.status_code == 422
    assert find(refused.content, "span", data_move_result="failed")
    no_reason = login_as("recruiter_a").post(
        _url("application_move", application_id=application.pk), {"stage": "rejected"}, HTTP_HX_REQUEST="true"
    )
    assert no_reason.status_code == 422
    assert "reason" in no_reason.content.decode()
    assert Application.objects.get(pk=application.pk).stage.key == "sourced"


def test_moving_a_foreign_application_is_a_404(world: World, login_as: LoginAs) -> None:
    response = login_as("recruiter_a").post(
        _url("application_move", application_id=world.recruiting.application_b.pk), {"stage": "screened"}
    )
    assert response.status_code == 404


def test_the_list_filters_sorts_and_searches(world: World, login_as: LoginAs) -> None:
    url = _url("requisition_applications", requisition_id=world.recruiting.requisition_a.pk)
    browser = login_as("recruiter_a")
    assert find_all(browser.get(url, {"q": "lima"}).content, "tr", data_application=True)
    assert not find_all(browser.get(url, {"q": "nobody"}).content, "tr", data_application=True)
    assert not find_all(browser.get(url, {"stage": "offer"}).content, "tr", data_application=True)
    assert find_all(browser.get(url, {"tag": f"tag-{MARKER_A}"}).content, "tr", data_application=True)
    assert browser.get(url, {"order": "nonsense"}).status_code == 200


def test_bulk_move_tag_and_reject(world: World, login_as: LoginAs) -> None:
    application = world.recruiting.application_a
    url = _url("application_bulk", requisition_id=world.recruiting.requisition_a.pk)
    browser = login_as("recruiter_a")
    browser.post(url, {"applications": [application.pk], "operation": "tag", "value": "priority"})
    assert "priority" in Application.objects.get(pk=application.pk).tags
    browser.post(url, {"applications": [application.pk], "operation": "reject", "value": "Not eligible"})
    row = Application.objects.get(pk=application.pk)
    assert row.stage.key == "rejected"
    assert row.rejection_reason == "Not eligible"


def test_bulk_refuses_another_clients_application(world: World, login_as: LoginAs) -> None:
    url = _url("application_bulk", requisition_id=world.recruiting.requisition_a.pk)
    foreign = world.recruiting.application_b
    response = login_as("provider_admin").post(
        url, {"applications": [foreign.pk], "operation": "move", "value": "screened"}, follow=True
    )
    assert "Choose applications of this requisition." in response.content.decode()
    assert Application.objects.get(pk=foreign.pk).stage.key == "sourced"


def test_the_application_page_hides_salary_and_internal_notes_by_role(world: World, login_as: LoginAs) -> None:
    url = _url("application_detail", application_id=world.recruiting.application_a.pk)
    salary = str(SALARY_EXPECTATION)
    manager = login_as("hiring_manager_a").get(url).content.decode()
    assert "Ana Lima" in manager
    assert f"Interview feedback {MARKER_A}-NOTE" in manager
    assert salary not in manager
    assert INTERNAL_NOTE not in manager
    assert MARKER_B not in manager
    hr = login_as("hr_admin_a").get(url).content.decode()
    assert salary in hr
    assert INTERNAL_NOTE not in hr
    assert (
        login_as("hr_admin_a")
        .get(_url("application_detail", application_id=world.recruiting.application_b.pk))
        .status_code
        == 404
    )


def test_notes_on_an_application(world: World, login_as: LoginAs) -> None:
    url = _url("application_note", application_id=world.recruiting.application_a.pk)
    login_as("hiring_manager_a").post(url, {"body": "Strong portfolio"})
    page = login_as("recruiter_a").get(_url("application_detail", application_id=world.recruiting.application_a.pk))
    assert "Strong portfolio" in find(page.content, "ul", data_notes=True).text
    assert login_as("process_owner_a").post(url, {"body": "x"}).status_code == 403


def test_the_talent_pool_is_closed_to_client_users(world: World, login_as: LoginAs) -> None:
    for persona in ("hr_admin_a", "hiring_manager_a", "bpo_agent_a"):
        browser = login_as(persona)
        assert browser.get(_url("candidate_list")).status_code == 403
        assert browser.get(_url("candidate_detail", candidate_id=world.recruiting.candidate.pk)).status_code == 403


def test_the_candidate_page_shows_only_the_staffs_clients_applications(world: World, login_as: LoginAs) -> None:
    url = _url("candidate_detail", candidate_id=world.recruiting.candidate.pk)
    page = login_as("recruiter_a").get(url).content.decode()
    assert INTERNAL_NOTE in page
    assert MARKER_A in page
    assert MARKER_B not in page
    outsider = login_as("outsider").get(url).content.decode()
    assert MARKER_A not in outsider
    assert MARKER_B not in outsider


def test_a_duplicate_candidate_is_shown_with_the_existing_profile(world: World, login_as: LoginAs) -> None:
    data = {
        "full_name": "A. Lima",
        "email": "ANA.LIMA@mail.test",
        "source": "sourced",
        "skills": "Python",
        "languages": "",
        "tags": "",
    }
    response = login_as("recruiter_a").post(_url("candidate_create"), data)
    assert response.status_code == 400
    assert f"#{world.recruiting.candidate.pk}" in " ".join(field_errors(response.content, "email"))
    assert find(response.content, "section", data_duplicates=True)
    assert Candidate.objects.count() == 1


def test_adding_a_candidate_twice_to_a_requisition_says_so(world: World, login_as: LoginAs) -> None:
    url = _url("application_add", requisition_id=world.recruiting.requisition_a.pk)
    response = login_as("recruiter_a").post(url, {"candidate": world.recruiting.candidate.pk}, follow=True)
    assert "already has an application for this requisition" in response.content.decode()


def test_merge_from_the_candidate_page(world: World, login_as: LoginAs) -> None:
    browser = login_as("recruiter_a")
    browser.post(
        _url("candidate_create"),
        {"full_name": "Ana Lima", "email": "ana.second@mail.test", "city": "Boston", "country": "US",
         "source": "referral", "skills": "", "languages": "", "tags": ""},
    )  # fmt: skip
    duplicate = Candidate.objects.get(email="ana.second@mail.test")
    keep = world.recruiting.candidate
    page = browser.get(_url("candidate_detail", candidate_id=keep.pk)).content.decode()
    assert f"#{duplicate.pk}" in page  # suggested: same name, same city
    browser.post(_url("candidate_merge", candidate_id=keep.pk), {"duplicate": duplicate.pk})
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == keep.pk


def test_edit_a_candidate_and_refuse_a_taken_email(world: World, login_as: LoginAs) -> None:
    browser = login_as("recruiter_a")
    browser.post(
        _url("candidate_create"),
        {"full_name": "Kai Wong", "email": "kai@mail.test", "source": "sourced", "skills": "", "languages": "",
         "tags": ""},
    )  # fmt: skip
    kai = Candidate.objects.get(email="kai@mail.test")
    url = _url("candidate_edit", candidate_id=kai.pk)
    form = {"full_name": "Kai Wong", "email": "kai@mail.test", "source": "referral", "skills": "Go, Rust",
            "languages": "", "tags": "night shift", "notice_period_days": "14"}  # fmt: skip
    assert browser.post(url, form).status_code == 302
    kai.refresh_from_db()
    assert kai.skills == [{"name": "Go", "skill_id": None}, {"name": "Rust", "skill_id": None}]
    assert kai.tags == ["night shift"]
    taken = browser.post(url, {**form, "email": world.recruiting.candidate.email})
    assert taken.status_code == 400
    assert f"#{world.recruiting.candidate.pk}" in " ".join(field_errors(taken.content, "email"))
    assert login_as("hr_admin_a").get(url).status_code == 403


def test_edit_a_requisition(world: World, login_as: LoginAs) -> None:
    requisition = world.recruiting.requisition_a
    url = _url("requisition_edit", requisition_id=requisition.pk)
    browser = login_as("hr_admin_a")
    page = browser.get(url)
    assert find(page.content, "input", name="title").attrs["value"] == requisition.title
    assert find(page.content, "input", name="required_skills").attrs["value"] == "Python, Django"
    saved = browser.post(url, requisition_form(world, title="Welder (night shift)", headcount="4"))
    assert saved.status_code == 302
    requisition.refresh_from_db()
    assert (requisition.title, requisition.headcount) == ("Welder (night shift)", 4)
    assert (
        login_as("hr_admin_a")
        .get(_url("requisition_edit", requisition_id=world.recruiting.requisition_b.pk))
        .status_code
        == 404
    )
