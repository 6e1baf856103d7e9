"""The route policy of the isolation harness: what each URL kwarg names, and who may open each route.

Every route the resolver lists must be classified here, and every kwarg it takes must be
known: a new route or kwarg makes ``test_every_route_is_covered_by_the_policy`` fail until
it is added below (with the object type its ids name), so that no route escapes the probes.

Object types (the values of the kwarg tables) are resolved to ids by ``targets.py``:
client data (``Client``, ``BpoEngagement``, ``RpoEngagement``, ``AccountAssignment``, client
``User``s and their ``ApiToken``s) has an id of client A and one of client B; provider data
(``DeliveryCenter``, ``Group``, task results) has no foreign id; ``AppLabel``, ``AdminPath``
and ``ContentType`` are the admin's own plumbing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Access(StrEnum):
    PUBLIC = "public"  # anyone, signed in or not
    SIGNED_IN = "signed-in"  # anonymous callers are turned away (redirect to login, 401, 403 or 404)
    PROVIDER_ADMIN = "provider-admin"  # the Django admin: every probed persona is turned away


ADMIN_OBJECT = "<admin model>"  # the kwarg names an object of the admin model the route is under

# The personas probed: each may see client A only, or nothing. (Their scopes are checked in the test.)
PROBED_PERSONAS = (
    "hr_admin_a",
    "hiring_manager_a",
    "process_owner_a",
    "recruiter_a",
    "account_manager_a",
    "bpo_agent_a",
    "outsider",
    "anonymous",
)

KWARG_TARGETS: dict[str, str] = {
    "client_id": "Client",
    "bpo_id": "BpoEngagement",
    "rpo_id": "RpoEngagement",
    "token_id": "ApiToken",
    "user_id": "User",
    "center_id": "DeliveryCenter",  # provider-owned: not client data
    "agent_id": "AgentProfile",  # provider-owned: an agent profile (its certifications are scoped)
    "requisition_id": "Requisition",
    "application_id": "Application",
    "candidate_id": "Candidate",  # provider-owned (the talent pool): not client data
    "item_id": "WorkItem",
    "service_id": "Service",
    "report_id": "AdvisorReport",  # provider data: a prospect's advisor report (no client owns it)
    "lead_id": "Lead",  # provider data: a prospect record
    "queue_id": "Queue",
    "attachment_id": "Attachment",  # a file on a work item (intake)
    "rule_id": "Rule",  # an automation rule (client data)
    "macro_id": "Macro",  # a canned reply of a client's desk (client data)
    "site_slug": "CareerSite",  # a client's public career site (probed: a third client's, see careers_world.py)
    "posting_slug": "JobPosting",  # client B's posting slug under the probed site must be answered like a missing one
    "job_id": "ImportJob",  # provider data: a candidate import (no client owns it)
    "endpoint_id": "WebhookEndpoint",
    "submittal_id": "Submittal",
    "notification_id": "Notification",  # the persona's own notification; B's must be a 404
    "offer_id": "Offer",
    "onboarding_id": "Onboarding",
    "onboarding_task_id": "OnboardingTask",
    "hire_survey_id": "HireSurvey",
    "offer_token": "OfferToken",  # a signed link (no login): probed with a third client's offer
    "onboarding_token": "OnboardingToken",
    "change_id": "ChangeRequest",  # assurance: a maker-checker change
    "sample_id": "QaSample",  # assurance: an item drawn for QA
    "survey_token": "CsatSurvey",  # assurance: the signed CSAT link (public; A's own link is probed)
    "interview_id": "Interview",  # a booked interview (client data)
    "stage_id": "PipelineStage",  # a stage of a pipeline template (client data)
    "slot_token": "SlotOfferToken",  # the candidate's signed slot link (public; a third client's is probed)
}

ADMIN_KWARGS: dict[str, str] = {
    "object_id": ADMIN_OBJECT,
    "id": ADMIN_OBJECT,  # UserAdmin's password change: <id>/password/
    "app_label": "AppLabel",
    "url": "AdminPath",  # the admin's final catch-all
}

# Admin routes that are not under one model, with kwargs of their own where they differ from ADMIN_KWARGS.
ADMIN_SITE_ROUTES: dict[str, Access] = {
    "admin:index": Access.PROVIDER_ADMIN,
    "admin:login": Access.PUBLIC,
    "admin:logout": Access.PROVIDER_ADMIN,
    "admin:password_change": Access.PROVIDER_ADMIN,
    "admin:password_change_done": Access.PROVIDER_ADMIN,
    "admin:autocomplete": Access.PROVIDER_ADMIN,
    "admin:jsi18n": Access.PROVIDER_ADMIN,
    "admin:view_on_site": Access.PROVIDER_ADMIN,
    "admin:app_list": Access.PROVIDER_ADMIN,
    "<unnamed> admin/(?P<url>.*)$": Access.PROVIDER_ADMIN,
}
ROUTE_KWARGS: dict[str, dict[str, str]] = {
    "admin:view_on_site": {"content_type_id": "ContentType", "object_id": "Client"},
}

# "app_label.model_name" of every model registered in the admin → the object type its object_id names.
ADMIN_MODELS: dict[str, str] = {
    "tenancy.client": "Client",
    "tenancy.accountassignment": "AccountAssignment",
    "accounts.user": "User",
    "accounts.apitoken": "ApiToken",
    "engagements.bpoengagement": "BpoEngagement",
    "engagements.rpoengagement": "RpoEngagement",
    "engagements.deliverycenter": "DeliveryCenter",
    "recruiting.requisition": "Requisition",
    "recruiting.pipelinestage": "PipelineStage",
    "recruiting.candidate": "Candidate",
    "recruiting.application": "Application",
    "operations.service": "Service",
    "operations.queue": "Queue",
    "operations.agentprofile": "AgentProfile",
    "operations.agentcertification": "AgentCertification",
    "operations.centerholiday": "CenterHoliday",
    "operations.rejectedemail": "RejectedEmail",
    "advisor.ratecard": "RateCard",
    "advisor.assumptionset": "AssumptionSet",
    "advisor.advisorreport": "AdvisorReport",
    "advisor.lead": "Lead",
    "auth.group": "Group",
    "django_tasks_database.dbtaskresult": "TaskResult",
    "taxonomy.occupation": "Occupation",
    "taxonomy.skill": "Skill",
    "taxonomy.importrun": "ImportRun",
}

# Every web page and API operation, by route name (unnamed routes by "<unnamed> pattern").
ROUTES: dict[str, Access] = {
    # public: signing in, the API's docs and schema, the API's JSON 404s
    "web:login": Access.PUBLIC,
    "web:data_credits": Access.PUBLIC,  # the O*NET / ESCO attributions the licences require
    "web:logout": Access.PUBLIC,
    "admin_login": Access.PUBLIC,
    "api:openapi-json": Access.PUBLIC,
    "api:openapi-view": Access.PUBLIC,
    "api:api-root": Access.PUBLIC,
    "<unnamed> api/": Access.PUBLIC,
    "<unnamed> ^api/": Access.PUBLIC,
    # the public advisor (no sign-in): questionnaire, reports (by unguessable id), PDF, proposal request
    # public career sites (by slug): job list, job page, apply form, thank-you page, logo, colours, feeds
    "web:careers_home": Access.PUBLIC,
    "web:careers_theme": Access.PUBLIC,
    "web:careers_logo": Access.PUBLIC,
    "web:careers_feed_xml": Access.PUBLIC,
    "web:careers_feed_json": Access.PUBLIC,
    "web:careers_job": Access.PUBLIC,
    "web:careers_apply": Access.PUBLIC,
    "web:careers_applied": Access.PUBLIC,
    "web:advisor": Access.PUBLIC,
    "web:advisor_report": Access.PUBLIC,
    "web:advisor_rerun": Access.PUBLIC,
    "web:advisor_pdf": Access.PUBLIC,
    "web:advisor_proposal": Access.PUBLIC,
    "api:post_advice": Access.PUBLIC,
    "api:post_proposal": Access.PUBLIC,
    # web pages
    "web:home": Access.SIGNED_IN,
    "web:password_change": Access.SIGNED_IN,
    "web:token_list": Access.SIGNED_IN,
    "web:token_create": Access.SIGNED_IN,
    "web:token_revoke": Access.SIGNED_IN,
    "web:switch_client": Access.SIGNED_IN,
    "web:client_list": Access.SIGNED_IN,
    "web:client_create": Access.SIGNED_IN,
    "web:client_detail": Access.SIGNED_IN,
    "web:client_edit": Access.SIGNED_IN,
    "web:account_team_assign": Access.SIGNED_IN,
    "web:account_team_unassign": Access.SIGNED_IN,
    "web:engagement_list": Access.SIGNED_IN,
    "web:bpo_create": Access.SIGNED_IN,
    "web:bpo_detail": Access.SIGNED_IN,
    "web:bpo_edit": Access.SIGNED_IN,
    "web:rpo_create": Access.SIGNED_IN,
    "web:rpo_detail": Access.SIGNED_IN,
    "web:rpo_edit": Access.SIGNED_IN,
    "web:rpo_stages": Access.SIGNED_IN,  # stage templates: HR admins and the recruiting team (403 for others)
    "web:client_stages": Access.SIGNED_IN,
    "web:delivery_center_list": Access.SIGNED_IN,
    "web:requisition_list": Access.SIGNED_IN,
    "web:career_site_settings": Access.SIGNED_IN,  # client HR admins and account managers (403 for others)
    "web:posting_edit": Access.SIGNED_IN,  # publishers: recruiters, account managers, client HR admins
    "web:posting_unpublish": Access.SIGNED_IN,
    "web:requisition_create": Access.SIGNED_IN,  # client HR admins and recruiters (403 for others)
    "web:requisition_detail": Access.SIGNED_IN,
    "web:requisition_edit": Access.SIGNED_IN,
    "web:requisition_status": Access.SIGNED_IN,
    "web:requisition_board": Access.SIGNED_IN,
    "web:requisition_applications": Access.SIGNED_IN,
    "web:application_add": Access.SIGNED_IN,
    "web:application_bulk": Access.SIGNED_IN,
    "web:application_detail": Access.SIGNED_IN,
    "web:application_move": Access.SIGNED_IN,
    "web:application_note": Access.SIGNED_IN,
    "web:application_submit": Access.SIGNED_IN,  # provider recruiting staff (403 for others)
    "web:portal_home": Access.SIGNED_IN,  # client HR admins and hiring managers (403 for others)
    "web:portal_submittal": Access.SIGNED_IN,
    "web:notification_list": Access.SIGNED_IN,
    "web:notification_badge": Access.SIGNED_IN,
    "web:notification_read": Access.SIGNED_IN,
    "web:notification_read_all": Access.SIGNED_IN,
    "web:email_templates": Access.SIGNED_IN,  # the active client's templates (editing: HR admins, recruiting staff)
    "web:candidate_list": Access.SIGNED_IN,  # the talent pool: provider recruiting staff only (403 for others)
    "web:candidate_create": Access.SIGNED_IN,
    "web:candidate_detail": Access.SIGNED_IN,
    "web:candidate_edit": Access.SIGNED_IN,
    "web:candidate_note": Access.SIGNED_IN,
    "web:candidate_merge": Access.SIGNED_IN,
    "web:import_list": Access.SIGNED_IN,  # candidate import/export: talent-pool staff only (403 for others)
    "web:import_detail": Access.SIGNED_IN,
    "web:import_progress": Access.SIGNED_IN,
    "web:candidate_export": Access.SIGNED_IN,
    "web:webhook_list": Access.SIGNED_IN,  # webhooks: client HR admins, account managers, provider admins (403)
    "web:webhook_detail": Access.SIGNED_IN,
    "web:webhook_rotate": Access.SIGNED_IN,
    "web:webhook_delete": Access.SIGNED_IN,
    "web:requisition_matches": Access.SIGNED_IN,  # talent-pool staff only, requisitions of their clients (404)
    "web:candidate_suggested_jobs": Access.SIGNED_IN,  # talent-pool staff only; requisitions of their clients
    "web:matching_weights": Access.SIGNED_IN,  # a visible client's weights; edited by admins, AMs, client HR
    "web:work_item_list": Access.SIGNED_IN,  # BPO operations
    "web:work_item_detail": Access.SIGNED_IN,
    "web:work_item_message": Access.SIGNED_IN,
    "web:work_item_status": Access.SIGNED_IN,
    "web:work_item_fields": Access.SIGNED_IN,
    "web:work_item_assign_to_me": Access.SIGNED_IN,
    "web:work_item_create": Access.SIGNED_IN,
    "web:service_csv_upload": Access.SIGNED_IN,  # intake: CSV upload, attachments, merge, team-lead boards
    "web:work_item_attach": Access.SIGNED_IN,
    "web:work_item_attachment": Access.SIGNED_IN,
    "web:work_item_merge": Access.SIGNED_IN,
    "web:queue_boards": Access.SIGNED_IN,  # team leads, account managers, provider admins (403 for others)
    "web:queue_board": Access.SIGNED_IN,
    "web:setup_home": Access.SIGNED_IN,  # delivery set-up: admins, AMs, team leads (centers); 403 else
    "web:setup_service_create": Access.SIGNED_IN,
    "web:setup_service_edit": Access.SIGNED_IN,
    "web:setup_queue_create": Access.SIGNED_IN,
    "web:setup_queue_edit": Access.SIGNED_IN,
    "web:setup_center": Access.SIGNED_IN,
    "web:setup_macros": Access.SIGNED_IN,  # macros: admins, AMs, team leads set up (403 else); workers apply
    "web:setup_macro_create": Access.SIGNED_IN,
    "web:setup_macro_edit": Access.SIGNED_IN,
    "web:setup_macro_deactivate": Access.SIGNED_IN,
    "web:work_item_macro_preview": Access.SIGNED_IN,
    "web:work_item_macro_apply": Access.SIGNED_IN,
    "web:setup_agents": Access.SIGNED_IN,  # agent set-up: provider admins, team leads (403 else)
    "web:setup_agent_create": Access.SIGNED_IN,
    "web:setup_agent_edit": Access.SIGNED_IN,
    "web:sla_attainment": Access.SIGNED_IN,  # the client's items and SLA attainment (item followers)
    "web:my_queue": Access.SIGNED_IN,
    "web:next_item": Access.SIGNED_IN,
    "web:my_state": Access.SIGNED_IN,
    "web:lead_list": Access.SIGNED_IN,  # provider admins and account managers only (403 for others)
    "web:lead_detail": Access.SIGNED_IN,
    "web:lead_status": Access.SIGNED_IN,
    "web:rate_card": Access.SIGNED_IN,  # provider admins only
    "web:assumption_set": Access.SIGNED_IN,
    "web:automation_home": Access.SIGNED_IN,  # automation: provider admins, account managers, team leads (403 else)
    "web:automation_rule_create": Access.SIGNED_IN,
    "web:automation_rule_edit": Access.SIGNED_IN,
    "web:automation_rule_preview": Access.SIGNED_IN,
    "web:automation_classifier_train": Access.SIGNED_IN,
    "web:workforce_queues": Access.SIGNED_IN,  # workforce: provider admins, account managers, team leads (403 else)
    "web:staffing_calculator": Access.SIGNED_IN,
    "web:workforce_queue": Access.SIGNED_IN,
    "web:workforce_roster": Access.SIGNED_IN,
    "web:workforce_scenario_save": Access.SIGNED_IN,
    "web:workforce_capacity": Access.SIGNED_IN,  # recruiter capacity: provider admins, account managers, recruiters
    # API operations
    "api:get_me": Access.SIGNED_IN,
    "api:list_clients": Access.SIGNED_IN,
    "api:post_client": Access.SIGNED_IN,
    "api:get_client": Access.SIGNED_IN,
    "api:patch_client": Access.SIGNED_IN,
    "api:list_account_team": Access.SIGNED_IN,
    "api:list_delivery_centers": Access.SIGNED_IN,
    "api:get_delivery_center": Access.SIGNED_IN,
    "api:list_bpo_engagements": Access.SIGNED_IN,
    "api:post_bpo_engagement": Access.SIGNED_IN,
    "api:get_bpo_engagement": Access.SIGNED_IN,
    "api:patch_bpo_engagement": Access.SIGNED_IN,
    "api:list_rpo_engagements": Access.SIGNED_IN,
    "api:post_rpo_engagement": Access.SIGNED_IN,
    "api:get_rpo_engagement": Access.SIGNED_IN,
    "api:patch_rpo_engagement": Access.SIGNED_IN,
    "api:list_tokens": Access.SIGNED_IN,
    "api:post_token": Access.SIGNED_IN,
    "api:delete_token": Access.SIGNED_IN,
    "api:list_requisitions": Access.SIGNED_IN,
    "api:post_requisition": Access.SIGNED_IN,
    "api:get_requisition": Access.SIGNED_IN,
    "api:patch_requisition": Access.SIGNED_IN,
    "api:post_requisition_status": Access.SIGNED_IN,
    "api:list_requisition_events": Access.SIGNED_IN,
    "api:list_requisition_stages": Access.SIGNED_IN,
    "api:list_candidates": Access.SIGNED_IN,
    "api:post_candidate": Access.SIGNED_IN,
    "api:get_candidate": Access.SIGNED_IN,
    "api:patch_candidate": Access.SIGNED_IN,
    "api:post_candidate_merge": Access.SIGNED_IN,
    "api:list_candidate_duplicates": Access.SIGNED_IN,
    "api:post_import": Access.SIGNED_IN,  # candidate imports: talent-pool staff only
    "api:list_imports": Access.SIGNED_IN,
    "api:get_import": Access.SIGNED_IN,
    "api:post_import_mapping": Access.SIGNED_IN,
    "api:list_import_report": Access.SIGNED_IN,
    "api:list_webhooks": Access.SIGNED_IN,  # webhooks: client HR admins, account managers, provider admins
    "api:post_webhook": Access.SIGNED_IN,
    "api:get_webhook": Access.SIGNED_IN,
    "api:patch_webhook": Access.SIGNED_IN,
    "api:delete_webhook": Access.SIGNED_IN,
    "api:list_webhook_deliveries": Access.SIGNED_IN,
    "api:get_top_matches": Access.SIGNED_IN,
    "api:get_suggested_jobs": Access.SIGNED_IN,
    "api:get_match_weights": Access.SIGNED_IN,
    "api:put_match_weights": Access.SIGNED_IN,
    "api:list_applications": Access.SIGNED_IN,
    "api:post_application": Access.SIGNED_IN,
    "api:get_application": Access.SIGNED_IN,
    "api:post_application_move": Access.SIGNED_IN,
    "api:list_application_transitions": Access.SIGNED_IN,
    "api:list_application_notes": Access.SIGNED_IN,
    "api:post_application_note": Access.SIGNED_IN,
    "api:post_applications_bulk": Access.SIGNED_IN,
    "api:post_application_tag": Access.SIGNED_IN,
    "api:list_client_stages": Access.SIGNED_IN,
    "api:post_client_stage": Access.SIGNED_IN,
    "api:post_client_stages_reorder": Access.SIGNED_IN,
    "api:list_rpo_stages": Access.SIGNED_IN,
    "api:post_rpo_stage": Access.SIGNED_IN,
    "api:post_rpo_stages_reorder": Access.SIGNED_IN,
    "api:patch_stage": Access.SIGNED_IN,
    "api:delete_stage": Access.SIGNED_IN,
    "api:list_submittals": Access.SIGNED_IN,
    "api:post_submittal": Access.SIGNED_IN,
    "api:get_submittal": Access.SIGNED_IN,
    "api:post_submittal_decision": Access.SIGNED_IN,
    "api:list_submittal_decisions": Access.SIGNED_IN,
    "api:list_notifications": Access.SIGNED_IN,
    "api:post_notification_read": Access.SIGNED_IN,
    "api:post_notifications_read_all": Access.SIGNED_IN,
    "api:list_work_items": Access.SIGNED_IN,  # BPO operations
    "api:post_work_item": Access.SIGNED_IN,
    "api:post_work_items": Access.SIGNED_IN,
    "api:post_claim_next": Access.SIGNED_IN,
    "api:get_work_item": Access.SIGNED_IN,
    "api:post_assign_to_me": Access.SIGNED_IN,
    "api:post_assign_item": Access.SIGNED_IN,
    "api:post_item_status": Access.SIGNED_IN,
    "api:post_item_custom_fields": Access.SIGNED_IN,
    "api:list_item_messages": Access.SIGNED_IN,
    "api:post_item_message": Access.SIGNED_IN,
    "api:post_service_csv": Access.SIGNED_IN,  # intake
    "api:get_intake_address": Access.SIGNED_IN,
    "api:list_item_attachments": Access.SIGNED_IN,
    "api:post_item_attachment": Access.SIGNED_IN,
    "api:get_item_attachment": Access.SIGNED_IN,
    "api:post_item_merge": Access.SIGNED_IN,
    "api:get_item_sla": Access.SIGNED_IN,
    "api:get_queue_board": Access.SIGNED_IN,
    "api:post_setup_service": Access.SIGNED_IN,  # delivery set-up: admins, AMs; admins, team leads (centers)
    "api:patch_setup_service": Access.SIGNED_IN,
    "api:post_setup_queue": Access.SIGNED_IN,
    "api:patch_setup_queue": Access.SIGNED_IN,
    "api:put_center_hours": Access.SIGNED_IN,
    "api:post_center_holiday": Access.SIGNED_IN,
    "api:list_macros": Access.SIGNED_IN,  # macros: provider staff who work items see; admins, AMs, leads set up
    "api:post_macro": Access.SIGNED_IN,
    "api:get_macro": Access.SIGNED_IN,
    "api:patch_macro": Access.SIGNED_IN,
    "api:delete_macro": Access.SIGNED_IN,
    "api:list_item_macros": Access.SIGNED_IN,
    "api:post_apply_macro": Access.SIGNED_IN,
    "api:list_setup_agents": Access.SIGNED_IN,  # agent set-up: provider admins, team leads (403 else)
    "api:post_setup_agent": Access.SIGNED_IN,
    "api:get_setup_agent": Access.SIGNED_IN,
    "api:patch_setup_agent": Access.SIGNED_IN,
    "api:patch_my_agent_state": Access.SIGNED_IN,  # the calling agent's own state (403 without a profile)
    "api:list_automation_rules": Access.SIGNED_IN,  # automation: provider admins, account managers, team leads
    "api:post_automation_rule": Access.SIGNED_IN,
    "api:post_rule_preview": Access.SIGNED_IN,
    "api:get_automation_rule": Access.SIGNED_IN,
    "api:patch_automation_rule": Access.SIGNED_IN,
    "api:list_rule_runs": Access.SIGNED_IN,
    "api:get_automation_rate": Access.SIGNED_IN,
    "api:list_classifiers": Access.SIGNED_IN,
    "api:post_classifier_train": Access.SIGNED_IN,
    "api:list_item_suggestions": Access.SIGNED_IN,
    "api:post_staffing": Access.SIGNED_IN,  # workforce planners only (403 for others)
    "api:get_queue_forecast": Access.SIGNED_IN,
    "api:get_queue_requirements": Access.SIGNED_IN,
    "api:post_capacity": Access.SIGNED_IN,
    # offers, onboarding, hire surveys (web and API); the candidate's signed-link pages are public
    "web:offer_respond": Access.PUBLIC,
    "web:offer_respond_letter": Access.PUBLIC,
    "web:onboarding_candidate": Access.PUBLIC,
    "web:offer_list": Access.SIGNED_IN,
    "web:offer_settings": Access.SIGNED_IN,  # client HR admins and account managers (403 for others)
    "web:offer_detail": Access.SIGNED_IN,
    "web:offer_terms": Access.SIGNED_IN,
    "web:offer_decide": Access.SIGNED_IN,
    "web:offer_send": Access.SIGNED_IN,
    "web:offer_withdraw": Access.SIGNED_IN,
    "web:offer_letter": Access.SIGNED_IN,
    "web:offer_create": Access.SIGNED_IN,
    "web:onboarding_detail": Access.SIGNED_IN,
    "web:onboarding_task_complete": Access.SIGNED_IN,
    "web:hire_survey": Access.SIGNED_IN,
    "api:list_offers": Access.SIGNED_IN,
    "api:post_offer": Access.SIGNED_IN,
    "api:get_offer": Access.SIGNED_IN,
    "api:patch_offer": Access.SIGNED_IN,
    "api:list_offer_versions": Access.SIGNED_IN,
    "api:list_offer_approvals": Access.SIGNED_IN,
    "api:post_offer_approve": Access.SIGNED_IN,
    "api:post_offer_reject": Access.SIGNED_IN,
    "api:post_offer_send": Access.SIGNED_IN,
    "api:post_offer_withdraw": Access.SIGNED_IN,
    "api:list_onboardings": Access.SIGNED_IN,
    "api:list_onboarding_tasks": Access.SIGNED_IN,
    "api:post_onboarding_task_complete": Access.SIGNED_IN,
    "api:list_hire_surveys": Access.SIGNED_IN,
    "api:get_quality_of_hire": Access.SIGNED_IN,
    "api:post_hire_survey": Access.SIGNED_IN,
    # assurance: maker-checker (staff who work items; checking: team leads, QA analysts, admins — never the maker),
    # QA and CSAT results (reviewers, account managers, the client's process owners; 403 for others)
    "web:checker_queue": Access.SIGNED_IN,
    "web:change_detail": Access.SIGNED_IN,
    "web:change_approve": Access.SIGNED_IN,
    "web:change_reject": Access.SIGNED_IN,
    "web:change_submit": Access.SIGNED_IN,
    "web:qa_overview": Access.SIGNED_IN,
    "web:qa_service": Access.SIGNED_IN,
    "web:qa_draw": Access.SIGNED_IN,
    "web:qa_sample": Access.SIGNED_IN,
    "web:csat_survey": Access.PUBLIC,  # the signed, single-use survey link
    "api:list_changes": Access.SIGNED_IN,
    "api:post_change": Access.SIGNED_IN,
    "api:get_change": Access.SIGNED_IN,
    "api:post_change_approve": Access.SIGNED_IN,
    "api:post_change_reject": Access.SIGNED_IN,
    "api:list_change_audit": Access.SIGNED_IN,
    "api:get_qa_plan": Access.SIGNED_IN,
    "api:put_qa_plan": Access.SIGNED_IN,
    "api:post_draw_sample": Access.SIGNED_IN,
    "api:list_qa_samples": Access.SIGNED_IN,
    "api:list_qa_reviews": Access.SIGNED_IN,
    "api:post_qa_review": Access.SIGNED_IN,
    "api:get_calibration": Access.SIGNED_IN,
    "api:get_csat": Access.SIGNED_IN,
    # interviews: plans, availability, scheduling (schedulers only, 403 else), scorecards (seated interviewers)
    "web:my_interviews": Access.SIGNED_IN,
    "web:my_availability": Access.SIGNED_IN,
    "web:interview_pick": Access.PUBLIC,  # the candidate's signed, single-use slot link
    "web:interview_reschedule": Access.SIGNED_IN,
    "web:interview_cancel": Access.SIGNED_IN,
    "web:scorecard": Access.SIGNED_IN,
    "web:scorecard_summary": Access.SIGNED_IN,
    "web:round_comparison": Access.SIGNED_IN,
    "web:interview_plan": Access.SIGNED_IN,
    "web:interview_schedule": Access.SIGNED_IN,
    "web:interview_book": Access.SIGNED_IN,
    "web:interview_offer": Access.SIGNED_IN,
    "api:get_interview_plan": Access.SIGNED_IN,
    "api:put_interview_plan": Access.SIGNED_IN,
    "api:get_my_availability": Access.SIGNED_IN,
    "api:put_my_availability": Access.SIGNED_IN,
    "api:post_interview_proposals": Access.SIGNED_IN,
    "api:post_interview_booking": Access.SIGNED_IN,
    "api:post_slot_offer": Access.SIGNED_IN,
    "api:list_interviews": Access.SIGNED_IN,
    "api:get_interview": Access.SIGNED_IN,
    "api:post_interview_reschedule": Access.SIGNED_IN,
    "api:post_interview_cancel": Access.SIGNED_IN,
    "api:list_scorecards": Access.SIGNED_IN,
    "api:put_my_scorecard": Access.SIGNED_IN,
    "api:get_scorecard_summary": Access.SIGNED_IN,
}


@dataclass(frozen=True)
class Policy:
    routes: dict[str, Access] = field(default_factory=lambda: dict(ROUTES))
    kwarg_targets: dict[str, str] = field(default_factory=lambda: dict(KWARG_TARGETS))
    admin_site_routes: dict[str, Access] = field(default_factory=lambda: dict(ADMIN_SITE_ROUTES))
    admin_kwargs: dict[str, str] = field(default_factory=lambda: dict(ADMIN_KWARGS))
    admin_models: dict[str, str] = field(default_factory=lambda: dict(ADMIN_MODELS))
    route_kwargs: dict[str, dict[str, str]] = field(default_factory=lambda: dict(ROUTE_KWARGS))


POLICY = Policy()
