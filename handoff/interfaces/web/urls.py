"""The web pages. URL kwargs name the object they identify (client_id, bpo_id, ...): the isolation tests rely on it."""

from django.urls import path

from handoff.interfaces.web.urls_interviews import urlpatterns as interview_urls
from handoff.interfaces.web.views import advisor as advisor_views
from handoff.interfaces.web.views import assurance as assurance_views
from handoff.interfaces.web.views import auth, clients, engagements, home, recruiting, switcher, tokens
from handoff.interfaces.web.views import automation as automation_views
from handoff.interfaces.web.views import capacity as capacity_views
from handoff.interfaces.web.views import careers as careers_views
from handoff.interfaces.web.views import credits as credits_views
from handoff.interfaces.web.views import imports as imports_views
from handoff.interfaces.web.views import matching as matching_views
from handoff.interfaces.web.views import notifications as notifications_views
from handoff.interfaces.web.views import offers as offers_views
from handoff.interfaces.web.views import operations as operations_views
from handoff.interfaces.web.views import operations_agents as agent_views
from handoff.interfaces.web.views import operations_intake as intake_views
from handoff.interfaces.web.views import operations_macros as macro_views
from handoff.interfaces.web.views import operations_setup as setup_views
from handoff.interfaces.web.views import portal as portal_views
from handoff.interfaces.web.views import stages as stages_views
from handoff.interfaces.web.views import webhooks as webhooks_views
from handoff.interfaces.web.views import workforce as workforce_views

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("credits/", credits_views.data_credits, name="data_credits"),
    path("login/", auth.login_view, name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("account/password/", auth.password_change, name="password_change"),
    path("account/tokens/", tokens.token_list, name="token_list"),
    path("account/tokens/new/", tokens.token_create, name="token_create"),
    path("account/tokens/<int:token_id>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("switch-client/", switcher.switch_client, name="switch_client"),
    path("clients/", clients.client_list, name="client_list"),
    path("clients/new/", clients.client_create, name="client_create"),
    path("clients/<int:client_id>/", clients.client_detail, name="client_detail"),
    path("clients/<int:client_id>/edit/", clients.client_edit, name="client_edit"),
    path("clients/<int:client_id>/team/", clients.account_team_assign, name="account_team_assign"),
    path(
        "clients/<int:client_id>/team/<int:user_id>/remove/",
        clients.account_team_unassign,
        name="account_team_unassign",
    ),
    path("engagements/", engagements.engagement_list, name="engagement_list"),
    path("engagements/bpo/new/", engagements.bpo_create, name="bpo_create"),
    path("engagements/bpo/<int:bpo_id>/", engagements.bpo_detail, name="bpo_detail"),
    path("engagements/bpo/<int:bpo_id>/edit/", engagements.bpo_edit, name="bpo_edit"),
    path("engagements/rpo/new/", engagements.rpo_create, name="rpo_create"),
    path("engagements/rpo/<int:rpo_id>/", engagements.rpo_detail, name="rpo_detail"),
    path("engagements/rpo/<int:rpo_id>/edit/", engagements.rpo_edit, name="rpo_edit"),
    path("engagements/rpo/<int:rpo_id>/stages/", stages_views.rpo_stages, name="rpo_stages"),
    path("clients/<int:client_id>/stages/", stages_views.client_stages, name="client_stages"),
    path("delivery-centers/", engagements.delivery_center_list, name="delivery_center_list"),
    path("operations/items/", operations_views.work_item_list, name="work_item_list"),
    path("operations/items/<int:item_id>/", operations_views.work_item_detail, name="work_item_detail"),
    path("operations/items/<int:item_id>/messages/", operations_views.work_item_message, name="work_item_message"),
    path("operations/items/<int:item_id>/status/", operations_views.work_item_status, name="work_item_status"),
    path("operations/items/<int:item_id>/fields/", operations_views.work_item_fields, name="work_item_fields"),
    path(
        "operations/items/<int:item_id>/assign-to-me/",
        operations_views.work_item_assign_to_me,
        name="work_item_assign_to_me",
    ),
    path("operations/services/<int:service_id>/new-item/", operations_views.work_item_create, name="work_item_create"),
    path("operations/my-queue/", operations_views.my_queue, name="my_queue"),
    path("operations/my-queue/next/", operations_views.next_item, name="next_item"),
    path("operations/my-queue/state/", operations_views.my_state, name="my_state"),
    path("operations/services/<int:service_id>/csv/", intake_views.service_csv_upload, name="service_csv_upload"),
    path("operations/items/<int:item_id>/attach/", intake_views.work_item_attach, name="work_item_attach"),
    path(
        "operations/items/<int:item_id>/attachments/<int:attachment_id>/",
        intake_views.work_item_attachment,
        name="work_item_attachment",
    ),
    path("operations/items/<int:item_id>/merge/", intake_views.work_item_merge, name="work_item_merge"),
    path("operations/queues/", intake_views.queue_boards, name="queue_boards"),
    path("operations/queues/<int:queue_id>/", intake_views.queue_board, name="queue_board"),
    path("operations/setup/", setup_views.setup_home, name="setup_home"),
    path(
        "operations/setup/bpo/<int:bpo_id>/services/new/",
        setup_views.setup_service_create,
        name="setup_service_create",
    ),
    path("operations/setup/services/<int:service_id>/", setup_views.setup_service_edit, name="setup_service_edit"),
    path(
        "operations/setup/services/<int:service_id>/queues/new/",
        setup_views.setup_queue_create,
        name="setup_queue_create",
    ),
    path("operations/setup/queues/<int:queue_id>/", setup_views.setup_queue_edit, name="setup_queue_edit"),
    path("operations/setup/centers/<int:center_id>/", setup_views.setup_center, name="setup_center"),
    path("operations/setup/agents/", agent_views.setup_agents, name="setup_agents"),
    path("operations/setup/agents/new/", agent_views.setup_agent_create, name="setup_agent_create"),
    path("operations/setup/agents/<int:agent_id>/", agent_views.setup_agent_edit, name="setup_agent_edit"),
    path("operations/setup/macros/", macro_views.setup_macros, name="setup_macros"),
    path(
        "operations/setup/clients/<int:client_id>/macros/new/",
        macro_views.setup_macro_create,
        name="setup_macro_create",
    ),
    path("operations/setup/macros/<int:macro_id>/", macro_views.setup_macro_edit, name="setup_macro_edit"),
    path(
        "operations/setup/macros/<int:macro_id>/deactivate/",
        macro_views.setup_macro_deactivate,
        name="setup_macro_deactivate",
    ),
    path(
        "operations/items/<int:item_id>/macros/preview/",
        macro_views.work_item_macro_preview,
        name="work_item_macro_preview",
    ),
    path(
        "operations/items/<int:item_id>/macros/apply/",
        macro_views.work_item_macro_apply,
        name="work_item_macro_apply",
    ),
    path("operations/sla/", setup_views.sla_attainment_page, name="sla_attainment"),
    path("recruiting/requisitions/", recruiting.requisition_list, name="requisition_list"),
    path("recruiting/requisitions/new/", recruiting.requisition_create, name="requisition_create"),
    path("recruiting/requisitions/<int:requisition_id>/", recruiting.requisition_detail, name="requisition_detail"),
    path("recruiting/requisitions/<int:requisition_id>/edit/", recruiting.requisition_edit, name="requisition_edit"),
    path(
        "recruiting/requisitions/<int:requisition_id>/status/",
        recruiting.requisition_status,
        name="requisition_status",
    ),
    path("recruiting/requisitions/<int:requisition_id>/board/", recruiting.requisition_board, name="requisition_board"),
    path(
        "recruiting/requisitions/<int:requisition_id>/applications/",
        recruiting.requisition_applications,
        name="requisition_applications",
    ),
    path(
        "recruiting/requisitions/<int:requisition_id>/applications/add/",
        recruiting.application_add,
        name="application_add",
    ),
    path(
        "recruiting/requisitions/<int:requisition_id>/applications/bulk/",
        recruiting.application_bulk,
        name="application_bulk",
    ),
    path("recruiting/applications/<int:application_id>/", recruiting.application_detail, name="application_detail"),
    path("recruiting/applications/<int:application_id>/move/", recruiting.application_move, name="application_move"),
    path("recruiting/applications/<int:application_id>/notes/", recruiting.application_note, name="application_note"),
    path(
        "recruiting/applications/<int:application_id>/submit/",
        portal_views.application_submit,
        name="application_submit",
    ),
    path("portal/", portal_views.portal_home, name="portal_home"),
    path("portal/submittals/<int:submittal_id>/", portal_views.portal_submittal, name="portal_submittal"),
    path("notifications/", notifications_views.notification_list, name="notification_list"),
    path("notifications/badge/", notifications_views.notification_badge, name="notification_badge"),
    path("notifications/read-all/", notifications_views.notification_read_all, name="notification_read_all"),
    path(
        "notifications/<int:notification_id>/read/",
        notifications_views.notification_read,
        name="notification_read",
    ),
    path("notifications/templates/", notifications_views.email_templates, name="email_templates"),
    path("recruiting/imports/", imports_views.import_list, name="import_list"),
    path("recruiting/imports/<int:job_id>/", imports_views.import_detail, name="import_detail"),
    path("recruiting/imports/<int:job_id>/progress/", imports_views.import_progress, name="import_progress"),
    path("recruiting/candidates/export/", imports_views.candidate_export, name="candidate_export"),
    path("webhooks/", webhooks_views.webhook_list, name="webhook_list"),
    path("webhooks/<int:endpoint_id>/", webhooks_views.webhook_detail, name="webhook_detail"),
    path("webhooks/<int:endpoint_id>/rotate/", webhooks_views.webhook_rotate, name="webhook_rotate"),
    path("webhooks/<int:endpoint_id>/delete/", webhooks_views.webhook_delete, name="webhook_delete"),
    path("recruiting/candidates/", recruiting.candidate_list, name="candidate_list"),
    path("recruiting/candidates/new/", recruiting.candidate_create, name="candidate_create"),
    path("recruiting/candidates/<int:candidate_id>/", recruiting.candidate_detail, name="candidate_detail"),
    path("recruiting/candidates/<int:candidate_id>/edit/", recruiting.candidate_edit, name="candidate_edit"),
    path("recruiting/candidates/<int:candidate_id>/notes/", recruiting.candidate_note, name="candidate_note"),
    path("recruiting/candidates/<int:candidate_id>/merge/", recruiting.candidate_merge, name="candidate_merge"),
    # matching: top matches of a requisition, suggested jobs of a candidate, a client's weights
    path(
        "recruiting/requisitions/<int:requisition_id>/matches/",
        matching_views.top_matches,
        name="requisition_matches",
    ),
    path(
        "recruiting/candidates/<int:candidate_id>/suggested-jobs/",
        matching_views.suggested_jobs,
        name="candidate_suggested_jobs",
    ),
    path("matching/clients/<int:client_id>/weights/", matching_views.client_weights, name="matching_weights"),
    # public career sites (one per client, by slug) and the staff pages that feed them
    path("careers/<slug:site_slug>/", careers_views.careers_home, name="careers_home"),
    path("careers/<slug:site_slug>/theme.css", careers_views.careers_theme, name="careers_theme"),
    path("careers/<slug:site_slug>/logo/", careers_views.careers_logo, name="careers_logo"),
    path("careers/<slug:site_slug>/feed.xml", careers_views.careers_feed_xml, name="careers_feed_xml"),
    path("careers/<slug:site_slug>/feed.json", careers_views.careers_feed_json, name="careers_feed_json"),
    path("careers/<slug:site_slug>/jobs/<slug:posting_slug>/", careers_views.careers_job, name="careers_job"),
    path("careers/<slug:site_slug>/jobs/<slug:posting_slug>/apply/", careers_views.careers_apply, name="careers_apply"),
    path(
        "careers/<slug:site_slug>/jobs/<slug:posting_slug>/applied/",
        careers_views.careers_applied,
        name="careers_applied",
    ),
    path("recruiting/career-site/", careers_views.career_site_settings, name="career_site_settings"),
    path("recruiting/requisitions/<int:requisition_id>/posting/", careers_views.posting_edit, name="posting_edit"),
    path(
        "recruiting/requisitions/<int:requisition_id>/posting/unpublish/",
        careers_views.posting_unpublish,
        name="posting_unpublish",
    ),
    path("advisor/", advisor_views.advisor_form, name="advisor"),
    path("advisor/reports/<uuid:report_id>/", advisor_views.advisor_report, name="advisor_report"),
    path("advisor/reports/<uuid:report_id>/rerun/", advisor_views.advisor_rerun, name="advisor_rerun"),
    path("advisor/reports/<uuid:report_id>/pdf/", advisor_views.advisor_pdf, name="advisor_pdf"),
    path("advisor/reports/<uuid:report_id>/proposal/", advisor_views.advisor_proposal, name="advisor_proposal"),
    path("advisor/leads/", advisor_views.lead_list, name="lead_list"),
    path("advisor/leads/<int:lead_id>/", advisor_views.lead_detail, name="lead_detail"),
    path("advisor/leads/<int:lead_id>/status/", advisor_views.lead_status, name="lead_status"),
    path("advisor/rate-card/", advisor_views.rate_card, name="rate_card"),
    path("advisor/assumptions/", advisor_views.assumption_set, name="assumption_set"),
    path("automation/", automation_views.automation_home, name="automation_home"),
    path("automation/rules/new/", automation_views.automation_rule_create, name="automation_rule_create"),
    path("automation/rules/preview/", automation_views.automation_rule_preview, name="automation_rule_preview"),
    path("automation/rules/<int:rule_id>/", automation_views.automation_rule_edit, name="automation_rule_edit"),
    path(
        "automation/classifier/train/",
        automation_views.automation_classifier_train,
        name="automation_classifier_train",
    ),
    path("workforce/", workforce_views.workforce_queues, name="workforce_queues"),
    path("workforce/calculator/", workforce_views.staffing_calculator, name="staffing_calculator"),
    path("workforce/queues/<int:queue_id>/", workforce_views.workforce_queue, name="workforce_queue"),
    path("workforce/queues/<int:queue_id>/roster/", workforce_views.workforce_roster, name="workforce_roster"),
    path(
        "workforce/queues/<int:queue_id>/scenarios/",
        workforce_views.workforce_scenario_save,
        name="workforce_scenario_save",
    ),
    path("workforce/capacity/<int:rpo_id>/", capacity_views.capacity_page, name="workforce_capacity"),
    # offers, onboarding and hire surveys; the candidate's pages are reached by signed link (no login)
    path("offers/", offers_views.offer_list, name="offer_list"),
    path("offers/settings/", offers_views.offer_settings, name="offer_settings"),
    path("offers/<int:offer_id>/", offers_views.offer_detail, name="offer_detail"),
    path("offers/<int:offer_id>/terms/", offers_views.offer_terms, name="offer_terms"),
    path("offers/<int:offer_id>/decide/", offers_views.offer_decide, name="offer_decide"),
    path("offers/<int:offer_id>/send/", offers_views.offer_send, name="offer_send"),
    path("offers/<int:offer_id>/withdraw/", offers_views.offer_withdraw, name="offer_withdraw"),
    path("offers/<int:offer_id>/letter.pdf", offers_views.offer_letter, name="offer_letter"),
    path("offers/new/<int:application_id>/", offers_views.offer_create, name="offer_create"),
    path("onboarding/<int:onboarding_id>/", offers_views.onboarding_detail, name="onboarding_detail"),
    path(
        "onboarding/tasks/<int:onboarding_task_id>/complete/",
        offers_views.onboarding_task_complete,
        name="onboarding_task_complete",
    ),
    path("surveys/<int:hire_survey_id>/", offers_views.hire_survey, name="hire_survey"),
    path("offer/<str:offer_token>/", offers_views.offer_respond, name="offer_respond"),
    path("offer/<str:offer_token>/letter.pdf", offers_views.offer_respond_letter, name="offer_respond_letter"),
    path("welcome/<str:onboarding_token>/", offers_views.onboarding_candidate, name="onboarding_candidate"),
    # assurance: maker-checker, QA, CSAT (the survey page is public: a signed, single-use link)
    path("assurance/changes/", assurance_views.checker_queue, name="checker_queue"),
    path("assurance/changes/<int:change_id>/", assurance_views.change_detail, name="change_detail"),
    path("assurance/changes/<int:change_id>/approve/", assurance_views.change_approve, name="change_approve"),
    path("assurance/changes/<int:change_id>/reject/", assurance_views.change_reject, name="change_reject"),
    path("assurance/items/<int:item_id>/change/", assurance_views.change_submit, name="change_submit"),
    path("assurance/qa/", assurance_views.qa_overview, name="qa_overview"),
    path("assurance/qa/services/<int:service_id>/", assurance_views.qa_service, name="qa_service"),
    path("assurance/qa/services/<int:service_id>/draw/", assurance_views.qa_draw, name="qa_draw"),
    path("assurance/qa/samples/<int:sample_id>/", assurance_views.qa_sample, name="qa_sample"),
    path("csat/<str:survey_token>/", assurance_views.csat_survey, name="csat_survey"),
    *interview_urls,  # interviews: plans, availability, scheduling, the candidate's slot page, scorecards
]
