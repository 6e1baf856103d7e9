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
    "requisition_id": "Requisition",
    "application_id": "Application",
    "candidate_id": "Candidate",  # provider-owned (the talent pool): not client data
    "item_id": "WorkItem",
    "service_id": "Service",
    "report_id": "AdvisorReport",  # provider data: a prospect's advisor report (no client owns it)
    "lead_id": "Lead",  # provider data: a prospect record
    "queue_id": "Queue",
    "site_slug": "CareerSite",  # a client's public career site (probed: a third client's, see careers_world.py)
    "posting_slug": "JobPosting",  # client B's posting slug under the probed site must be answered like a missing one
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
    "web:candidate_list": Access.SIGNED_IN,  # the talent pool: provider recruiting staff only (403 for others)
    "web:candidate_create": Access.SIGNED_IN,
    "web:candidate_detail": Access.SIGNED_IN,
    "web:candidate_edit": Access.SIGNED_IN,
    "web:candidate_note": Access.SIGNED_IN,
    "web:candidate_merge": Access.SIGNED_IN,
    "web:work_item_list": Access.SIGNED_IN,  # BPO operations
    "web:work_item_detail": Access.SIGNED_IN,
    "web:work_item_message": Access.SIGNED_IN,
    "web:work_item_status": Access.SIGNED_IN,
    "web:work_item_assign_to_me": Access.SIGNED_IN,
    "web:work_item_create": Access.SIGNED_IN,
    "web:my_queue": Access.SIGNED_IN,
    "web:next_item": Access.SIGNED_IN,
    "web:my_state": Access.SIGNED_IN,
    "web:lead_list": Access.SIGNED_IN,  # provider admins and account managers only (403 for others)
    "web:lead_detail": Access.SIGNED_IN,
    "web:lead_status": Access.SIGNED_IN,
    "web:rate_card": Access.SIGNED_IN,  # provider admins only
    "web:assumption_set": Access.SIGNED_IN,
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
    "api:list_applications": Access.SIGNED_IN,
    "api:post_application": Access.SIGNED_IN,
    "api:get_application": Access.SIGNED_IN,
    "api:post_application_move": Access.SIGNED_IN,
    "api:list_application_transitions": Access.SIGNED_IN,
    "api:list_application_notes": Access.SIGNED_IN,
    "api:post_application_note": Access.SIGNED_IN,
    "api:list_work_items": Access.SIGNED_IN,  # BPO operations
    "api:post_work_item": Access.SIGNED_IN,
    "api:post_work_items": Access.SIGNED_IN,
    "api:post_claim_next": Access.SIGNED_IN,
    "api:get_work_item": Access.SIGNED_IN,
    "api:post_assign_to_me": Access.SIGNED_IN,
    "api:post_assign_item": Access.SIGNED_IN,
    "api:post_item_status": Access.SIGNED_IN,
    "api:list_item_messages": Access.SIGNED_IN,
    "api:post_item_message": Access.SIGNED_IN,
    "api:post_staffing": Access.SIGNED_IN,  # workforce planners only (403 for others)
    "api:get_queue_forecast": Access.SIGNED_IN,
    "api:get_queue_requirements": Access.SIGNED_IN,
    "api:post_capacity": Access.SIGNED_IN,
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
