"""The NinjaAPI instance mounted at /api/: routes under /api/v1, OpenAPI at /api/openapi.json, docs at /api/docs.

Every operation needs a caller (an API token, or the web's session with CSRF: see auth.py), every error has
one format (errors.py), every list is paginated (pagination.py).

The docs page is ninja's Swagger UI rendered from ninja's bundled template and static files
(``ninja`` is in INSTALLED_APPS, so ``ninja/swagger.html`` loads ``/static/ninja/swagger-ui-bundle.js``
rather than the CDN template ninja falls back to otherwise). That template has no inline script (its settings
travel in a ``<script type="application/json">`` data block that is never executed), so it runs under the
project's CSP (script-src 'self' + nonce) as it is. The validator badge, which would call an outside
service, is switched off.
"""

from __future__ import annotations

from django.conf import settings
from ninja import NinjaAPI, Swagger
from ninja.operation import Operation

from handoff.interfaces.api.auth import PerUserThrottle, session_auth, token_auth
from handoff.interfaces.api.errors import install_error_handlers
from handoff.interfaces.api.routers import advisor as advisor_router
from handoff.interfaces.api.routers import assurance as assurance_router
from handoff.interfaces.api.routers import automation as automation_router
from handoff.interfaces.api.routers import bpo, clients, delivery_centers, me, rpo, tokens
from handoff.interfaces.api.routers import imports as imports_router
from handoff.interfaces.api.routers import interviews as interviews_router
from handoff.interfaces.api.routers import matching as matching_router
from handoff.interfaces.api.routers import offers as offers_routers
from handoff.interfaces.api.routers import operations as operations_router
from handoff.interfaces.api.routers import operations_intake as operations_intake_router
from handoff.interfaces.api.routers import operations_macros as operations_macros_router
from handoff.interfaces.api.routers import operations_setup as operations_setup_router
from handoff.interfaces.api.routers import portal as portal_routers
from handoff.interfaces.api.routers import recruiting as recruiting_routers
from handoff.interfaces.api.routers import stages as stages_router
from handoff.interfaces.api.routers import webhooks as webhooks_router
from handoff.interfaces.api.routers import workforce as workforce_router

API_RATE_LIMIT: str = getattr(settings, "API_RATE_LIMIT", "1000/m")
user_throttle = PerUserThrottle(API_RATE_LIMIT)

DESCRIPTION = """\
The JSON API of handoff. Authenticate with a personal API token: `Authorization: Bearer <token>`
(create one with `POST /api/v1/tokens`; the secret is shown once). Every error has the body
`{"detail": "...", "errors": [{"field": "...", "message": "..."}]}`. Lists are paginated with
`?page=` and `?page_size=` (at most 200) and answer `{"items": [...], "count": N, "page": p, "pages": P}`.
"""


class HandoffAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """Short operation ids (handler names are unique across the API)."""
        return operation.view_func.__name__


api = HandoffAPI(
    title="handoff API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    docs_url="/docs",
    auth=[token_auth, session_auth],
    throttle=[user_throttle],
)
install_error_handlers(api)

api.add_router("/v1/me", me.router)
api.add_router("/v1/clients", clients.router)
api.add_router("/v1/delivery-centers", delivery_centers.router)
api.add_router("/v1/engagements/bpo", bpo.router)
api.add_router("/v1/engagements/rpo", rpo.router)
api.add_router("/v1/tokens", tokens.router)
api.add_router("/v1/work-items", operations_router.router)
api.add_router("/v1/operations", operations_intake_router.router)
api.add_router("/v1/operations-setup", operations_setup_router.router)
api.add_router("/v1/macros", operations_macros_router.router)
api.add_router("/v1/work-items", operations_macros_router.item_router)  # an item's macros
api.add_router("/v1/advisor", advisor_router.router)
api.add_router("/v1/assurance", assurance_router.router)
api.add_router("/v1/requisitions", recruiting_routers.requisitions_router)
api.add_router("/v1/candidates", recruiting_routers.candidates_router)
api.add_router("/v1/applications", stages_router.applications_bulk_router)  # before "/{application_id}"
api.add_router("/v1/applications", recruiting_routers.applications_router)
api.add_router("/v1/stage-templates", stages_router.router)
api.add_router("/v1/submittals", portal_routers.submittals_router)
api.add_router("/v1/notifications", portal_routers.notifications_router)
api.add_router("/v1/workforce", workforce_router.router)
api.add_router("/v1/interviews", interviews_router.router)
api.add_router("/v1/automation", automation_router.router)
api.add_router("/v1/offers", offers_routers.offers_router)
api.add_router("/v1/onboarding", offers_routers.onboarding_router)
api.add_router("/v1/hire-surveys", offers_routers.surveys_router)
api.add_router("/v1/imports", imports_router.router)
api.add_router("/v1/webhooks", webhooks_router.router)
api.add_router("/v1/matching", matching_router.router)
