"""The bodies the probes post: client B's ids under every name a view might read, plus plausible fields.

Web and admin forms get a form body (and web views a JSON one too). An API operation gets a
JSON body shaped by its OpenAPI request schema (declared fields only, B's ids wherever an id is
declared, so that validation lets it through to the handler), then the same with every B id
name added (which a strict schema must refuse), and a form body.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlencode

from handoff.domain.engagements.models import DeliveryCenter
from tests.isolation.coverage import Classified
from tests.isolation.operations_world import operations_params
from tests.isolation.recruiting_world import recruiting_params
from tests.isolation.targets import MISSING_ID
from tests.isolation.world import IsolationWorld

type Encoding = Literal["form", "json"]
JSON_PLACEHOLDERS: dict[str, Any] = {"string": "probe", "integer": 1, "number": 1, "boolean": False, "array": []}


@dataclass(frozen=True)
class Body:
    label: str  # "form", "json", "json shaped by the schema"
    encoding: Encoding
    data: Mapping[str, Any]


@dataclass(frozen=True)
class ForeignIds:
    """Client B's ids, as the names a view or an API might read them from."""

    client: str
    bpo: str
    rpo: str
    user: str
    token: str
    center: str  # not B's (delivery centers are the provider's): the one a plausible BPO body names

    @classmethod
    def of(cls, world: IsolationWorld) -> ForeignIds:
        return cls(
            client=str(world.client_b.pk),
            bpo=str(world.base.bpo_b.pk),
            rpo=str(world.base.rpo_b.pk),
            user=str(world.base.users["hr_admin_b"].pk),
            token=str(world.tokens["hr_admin_b"].token.pk),
            center=str(DeliveryCenter.objects.order_by("pk").values_list("pk", flat=True).first() or MISSING_ID),
        )

    def as_params(self) -> dict[str, str]:
        return {
            "client_id": self.client,
            "client": self.client,
            "active_client_id": self.client,
            "bpo_id": self.bpo,
            "rpo_id": self.rpo,
            "engagement_id": self.bpo,
            "user_id": self.user,
            "user": self.user,
            "token_id": self.token,
            **operations_params(),
            **recruiting_params(),
        }

    def query(self) -> str:
        return urlencode({**self.as_params(), "q": "ZQXB", "search": "ZQXB"})


def _common_fields() -> dict[str, Any]:
    return {
        "name": "Probe engagement",
        "legal_name": "Probe Ltd.",
        "status": "active",
        "start_date": "2026-02-01",
        "currency": "USD",
        "notes": "probe",
        "country": "US",
        "time_zone": "UTC",
        "industry": "technology",
        "size": "50-249",
        "email": "probe.person@example.test",
        "full_name": "Probe Person",
        "role": "hiring_manager",
    }


def _bpo_fields(center: str) -> dict[str, Any]:
    return {
        "process_type": "customer_service",
        "office": "front",
        "delivery_center": center,
        "delivery_center_id": center,
        "sla_first_response_minutes": 60,
        "sla_resolution_hours": 24,
        "sla_service_level_pct": "80",
        "pricing_model": "fte_month",
        "rate": "100.00",
    }


def _rpo_fields() -> dict[str, Any]:
    return {
        "model": "hybrid",
        "provider_stages": ["sourcing", "screening"],
        "target_headcount": 5,
        "window_start": "2026-03-01",
        "window_end": "2026-06-30",
        "pricing_model": "fee_per_hire",
        "fee_amount": "100.00",
    }


def _plausible(entry: Classified, ids: ForeignIds) -> dict[str, Any]:
    flavour = _rpo_fields() if "rpo" in entry.route.pattern else _bpo_fields(ids.center)
    return {**_common_fields(), **flavour, **ids.as_params()}


def form_body(entry: Classified, ids: ForeignIds) -> Body:
    return Body("form", "form", {**_plausible(entry, ids), "end_date": ""})


def json_body(entry: Classified, ids: ForeignIds) -> Body:
    ids_as_ints = {key: int(value) for key, value in ids.as_params().items()}
    return Body("json", "json", {**_plausible(entry, ids), **ids_as_ints, "end_date": None})


def _resolve(node: Mapping[str, Any], api_schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow ``$ref`` (and a one-item ``allOf``/``anyOf``) to the schema it names."""
    if "$ref" in node:
        found: Mapping[str, Any] = api_schema
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            found = found[part]
        return _resolve(found, api_schema)
    for combinator in ("allOf", "anyOf"):
        if node.get(combinator):
            return _resolve(node[combinator][0], api_schema)
    return node


def _request_schema(entry: Classified, method: str, api_schema: Mapping[str, Any]) -> Mapping[str, Any] | None:
    operation = api_schema.get("paths", {}).get(entry.route.openapi_path, {}).get(method.lower(), {})
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    return _resolve(content["schema"], api_schema) if content else None


def _typed(value: Any, schema: Mapping[str, Any]) -> Any:
    if schema.get("type") == "integer" and isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def _placeholder(schema: Mapping[str, Any]) -> Any:
    if schema.get("enum"):
        return schema["enum"][0]
    return JSON_PLACEHOLDERS.get(str(schema.get("type")), "probe")


def shaped_body(entry: Classified, method: str, ids: ForeignIds, api_schema: Mapping[str, Any]) -> Body | None:
    """The declared fields of the operation's JSON body: B's ids where ids are asked for, plausible values else."""
    schema = _request_schema(entry, method, api_schema)
    if schema is None:
        return None
    values = json_body(entry, ids).data
    required = set(schema.get("required", []))
    data: dict[str, Any] = {}
    for name, declared in schema.get("properties", {}).items():
        field_schema = _resolve(declared, api_schema)
        if name in values:
            data[name] = _typed(values[name], field_schema)
        elif name in required:
            data[name] = _placeholder(field_schema)
    return Body("json shaped by the schema", "json", data)


def bodies_for(entry: Classified, method: str, ids: ForeignIds, api_schema: Mapping[str, Any]) -> list[Body]:
    """The bodies to post, the first one being the one the path probes carry."""
    kind = entry.route.kind
    if kind == "admin":
        return [form_body(entry, ids)]
    if kind == "web":
        return [form_body(entry, ids), json_body(entry, ids)]
    shaped = shaped_body(entry, method, ids, api_schema)
    return [*([shaped] if shaped else []), json_body(entry, ids), form_body(entry, ids)]
