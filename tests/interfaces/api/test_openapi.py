"""The OpenAPI document lists every route; the docs page is served from the app under the CSP."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

# On PostgreSQL every request runs in a transaction scoped for row-level security, so it needs the database.
pytestmark = pytest.mark.django_db

ROUTES = {
    "/api/v1/me": {"get"},
    "/api/v1/clients": {"get", "post"},
    "/api/v1/clients/{client_id}": {"get", "patch"},
    "/api/v1/clients/{client_id}/account-team": {"get"},
    "/api/v1/delivery-centers": {"get"},
    "/api/v1/delivery-centers/{center_id}": {"get"},
    "/api/v1/engagements/bpo": {"get", "post"},
    "/api/v1/engagements/bpo/{bpo_id}": {"get", "patch"},
    "/api/v1/engagements/rpo": {"get", "post"},
    "/api/v1/engagements/rpo/{rpo_id}": {"get", "patch"},
    "/api/v1/tokens": {"get", "post"},
    "/api/v1/tokens/{token_id}": {"delete"},
    "/api/v1/requisitions": {"get", "post"},
    "/api/v1/requisitions/{requisition_id}": {"get", "patch"},
    "/api/v1/requisitions/{requisition_id}/status": {"post"},
    "/api/v1/requisitions/{requisition_id}/events": {"get"},
    "/api/v1/requisitions/{requisition_id}/stages": {"get"},
    "/api/v1/candidates": {"get", "post"},
    "/api/v1/candidates/{candidate_id}": {"get", "patch"},
    "/api/v1/candidates/{candidate_id}/merge": {"post"},
    "/api/v1/candidates/{candidate_id}/duplicates": {"get"},
    "/api/v1/applications": {"get", "post"},
    "/api/v1/applications/{application_id}": {"get"},
    "/api/v1/applications/{application_id}/move": {"post"},
    "/api/v1/applications/{application_id}/transitions": {"get"},
    "/api/v1/applications/{application_id}/notes": {"get", "post"},
    "/api/v1/applications/bulk": {"post"},
    "/api/v1/applications/{application_id}/tags": {"post"},
    "/api/v1/stage-templates/clients/{client_id}/stages": {"get", "post"},
    "/api/v1/stage-templates/clients/{client_id}/stages/reorder": {"post"},
    "/api/v1/stage-templates/rpo/{rpo_id}/stages": {"get", "post"},
    "/api/v1/stage-templates/rpo/{rpo_id}/stages/reorder": {"post"},
    "/api/v1/stage-templates/stages/{stage_id}": {"patch", "delete"},
    "/api/v1/submittals": {"get", "post"},
    "/api/v1/submittals/{submittal_id}": {"get"},
    "/api/v1/submittals/{submittal_id}/decision": {"post"},
    "/api/v1/submittals/{submittal_id}/decisions": {"get"},
    "/api/v1/notifications": {"get"},
    "/api/v1/notifications/read-all": {"post"},
    "/api/v1/notifications/{notification_id}/read": {"post"},
    "/api/v1/work-items": {"get", "post"},
    "/api/v1/work-items/batch": {"post"},
    "/api/v1/work-items/claim-next": {"post"},
    "/api/v1/work-items/{item_id}": {"get"},
    "/api/v1/work-items/{item_id}/assign-to-me": {"post"},
    "/api/v1/work-items/{item_id}/assign": {"post"},
    "/api/v1/work-items/{item_id}/status": {"post"},
    "/api/v1/work-items/{item_id}/custom-fields": {"post"},
    "/api/v1/work-items/{item_id}/messages": {"get", "post"},
    "/api/v1/advisor/advice": {"post"},
    "/api/v1/advisor/reports/{report_id}/proposal": {"post"},
    "/api/v1/workforce/staffing": {"post"},
    "/api/v1/workforce/queues/{queue_id}/forecast": {"get"},
    "/api/v1/workforce/queues/{queue_id}/requirements": {"get"},
    "/api/v1/workforce/capacity/{rpo_id}": {"post"},
    "/api/v1/matching/requisitions/{requisition_id}/top-matches": {"get"},
    "/api/v1/matching/candidates/{candidate_id}/suggested-jobs": {"get"},
    "/api/v1/matching/clients/{client_id}/weights": {"get", "put"},
    "/api/v1/automation/rules": {"get", "post"},
    "/api/v1/automation/rules/preview": {"post"},
    "/api/v1/automation/rules/{rule_id}": {"get", "patch"},
    "/api/v1/automation/runs": {"get"},
    "/api/v1/automation/rate": {"get"},
    "/api/v1/automation/classifiers": {"get"},
    "/api/v1/automation/classifiers/train": {"post"},
    "/api/v1/automation/items/{item_id}/suggestions": {"get"},
    "/api/v1/offers": {"get", "post"},
    "/api/v1/offers/{offer_id}": {"get", "patch"},
    "/api/v1/offers/{offer_id}/versions": {"get"},
    "/api/v1/offers/{offer_id}/approvals": {"get"},
    "/api/v1/offers/{offer_id}/approve": {"post"},
    "/api/v1/offers/{offer_id}/reject": {"post"},
    "/api/v1/offers/{offer_id}/send": {"post"},
    "/api/v1/offers/{offer_id}/withdraw": {"post"},
    "/api/v1/onboarding": {"get"},
    "/api/v1/onboarding/{onboarding_id}/tasks": {"get"},
    "/api/v1/onboarding/tasks/{onboarding_task_id}/complete": {"post"},
    "/api/v1/hire-surveys": {"get"},
    "/api/v1/hire-surveys/quality": {"get"},
    "/api/v1/hire-surveys/{hire_survey_id}": {"post"},
    "/api/v1/operations/services/{service_id}/csv": {"post"},
    "/api/v1/operations/services/{service_id}/intake-address": {"get"},
    "/api/v1/operations/items/{item_id}/attachments": {"get", "post"},
    "/api/v1/operations/items/{item_id}/attachments/{attachment_id}": {"get"},
    "/api/v1/operations/items/{item_id}/merge": {"post"},
    "/api/v1/operations-setup/bpo/{bpo_id}/services": {"post"},
    "/api/v1/operations-setup/services/{service_id}": {"patch"},
    "/api/v1/operations-setup/services/{service_id}/queues": {"post"},
    "/api/v1/operations-setup/queues/{queue_id}": {"patch"},
    "/api/v1/operations-setup/centers/{center_id}/hours": {"put"},
    "/api/v1/operations-setup/centers/{center_id}/holidays": {"post"},
    "/api/v1/macros": {"get", "post"},
    "/api/v1/macros/{macro_id}": {"get", "patch", "delete"},
    "/api/v1/work-items/{item_id}/macros": {"get"},
    "/api/v1/work-items/{item_id}/macros/{macro_id}/apply": {"post"},
    "/api/v1/operations-setup/agents": {"get", "post"},
    "/api/v1/operations-setup/agents/{agent_id}": {"get", "patch"},
    "/api/v1/operations-setup/my-agent-state": {"patch"},
    "/api/v1/operations/items/{item_id}/sla": {"get"},
    "/api/v1/operations/queues/{queue_id}/board": {"get"},
    "/api/v1/assurance/changes": {"get", "post"},
    "/api/v1/assurance/changes/{change_id}": {"get"},
    "/api/v1/assurance/changes/{change_id}/approve": {"post"},
    "/api/v1/assurance/changes/{change_id}/reject": {"post"},
    "/api/v1/assurance/changes/{change_id}/audit": {"get"},
    "/api/v1/assurance/services/{service_id}/qa-plan": {"get", "put"},
    "/api/v1/assurance/services/{service_id}/qa-samples/draw": {"post"},
    "/api/v1/assurance/qa-samples": {"get"},
    "/api/v1/assurance/qa-samples/{sample_id}/reviews": {"get", "post"},
    "/api/v1/assurance/qa-samples/{sample_id}/calibration": {"get"},
    "/api/v1/assurance/csat": {"get"},
    "/api/v1/interviews/requisitions/{requisition_id}/plan": {"get", "put"},
    "/api/v1/interviews/availability/me": {"get", "put"},
    "/api/v1/interviews/applications/{application_id}/proposals": {"post"},
    "/api/v1/interviews/applications/{application_id}/bookings": {"post"},
    "/api/v1/interviews/applications/{application_id}/slot-offers": {"post"},
    "/api/v1/interviews": {"get"},
    "/api/v1/interviews/{interview_id}": {"get"},
    "/api/v1/interviews/{interview_id}/reschedule": {"post"},
    "/api/v1/interviews/{interview_id}/cancel": {"post"},
    "/api/v1/interviews/{interview_id}/scorecards": {"get"},
    "/api/v1/interviews/{interview_id}/scorecards/me": {"put"},
    "/api/v1/interviews/{interview_id}/scorecard-summary": {"get"},
    "/api/v1/imports": {"get", "post"},
    "/api/v1/imports/{job_id}": {"get"},
    "/api/v1/imports/{job_id}/mapping": {"post"},
    "/api/v1/imports/{job_id}/report": {"get"},
    "/api/v1/webhooks": {"get", "post"},
    "/api/v1/webhooks/{endpoint_id}": {"delete", "get", "patch"},
    "/api/v1/webhooks/{endpoint_id}/deliveries": {"get"},
}
# The public advisor: no authentication (rate-limited per address instead).
PUBLIC_OPERATIONS = {("/api/v1/advisor/advice", "post"), ("/api/v1/advisor/reports/{report_id}/proposal", "post")}


def openapi() -> dict[str, object]:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    document: dict[str, object] = response.json()
    return document


def test_openapi_lists_every_route() -> None:
    paths = openapi()["paths"]
    assert isinstance(paths, dict)
    assert {path: set(methods) for path, methods in paths.items()} == ROUTES


def test_every_operation_needs_auth_and_documents_the_error_format() -> None:
    document = openapi()
    paths = document["paths"]
    assert isinstance(paths, dict)
    for path, methods in paths.items():
        for method, operation in methods.items():
            public = (path, method) in PUBLIC_OPERATIONS
            assert bool(operation.get("security")) is not public, (path, method)
            for code in ("429",) if public else ("401", "429"):
                schema = operation["responses"][code]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (path, method, code)
    schemes = document["components"]["securitySchemes"]  # type: ignore[index]
    assert {scheme["type"] for scheme in schemes.values()} == {"http", "apiKey"}


def test_list_responses_are_page_objects() -> None:
    document = openapi()
    schemas = document["components"]["schemas"]  # type: ignore[index]
    assert set(schemas["PagedClientOut"]["properties"]) == {"items", "count", "page", "pages"}
    params = {p["name"] for p in document["paths"]["/api/v1/clients"]["get"]["parameters"]}  # type: ignore[index]
    assert params == {"page", "page_size"}


def test_docs_page_uses_the_apps_own_assets_and_no_inline_script() -> None:
    response = Client().get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)
    assert sources == ["/static/ninja/swagger-ui-bundle.js", "/static/ninja/swagger-ui-init.js"]
    stylesheets = re.findall(r'<link[^>]*href="([^"]+)"', html)
    assert all(url.startswith("/static/ninja/") for url in stylesheets)
    assert "cdn" not in html.lower()
    assert "http://" not in html
    assert "https://" not in html
    for path in sources + stylesheets:
        assert finders.find(path.removeprefix("/static/")), path
    # the only script without src is a JSON data block, which browsers never execute
    inline = re.findall(r"<script(?![^>]*\ssrc=)([^>]*)>", html)
    assert inline == [' type="application/json" id="swagger-settings"']
    assert '"url": "/api/openapi.json"' in html
    assert '"validatorUrl": null' in html


def test_docs_page_is_under_the_csp() -> None:
    policy = Client().get("/api/docs")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
