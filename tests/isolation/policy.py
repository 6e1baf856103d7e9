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
    "auth.group": "Group",
    "django_tasks_database.dbtaskresult": "TaskResult",
}

# Every web page and API operation, by route name (unnamed routes by "<unnamed> pattern").
ROUTES: dict[str, Access] = {
    # public: signing in, the API's docs and schema, the API's JSON 404s
    "web:login": Access.PUBLIC,
    "web:logout": Access.PUBLIC,
    "admin_login": Access.PUBLIC,
    "api:openapi-json": Access.PUBLIC,
    "api:openapi-view": Access.PUBLIC,
    "api:api-root": Access.PUBLIC,
    "<unnamed> api/": Access.PUBLIC,
    "<unnamed> ^api/": Access.PUBLIC,
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
