"""What the probes send: client B's ids in the path, in the query string and in the body.

For a route with client-data kwargs, the foreign ids are tried all together and (when there
are several) one at a time beside the persona's own ids; each such request has a *twin* with
a missing id in place of each foreign one, which must be answered the same way. Then the
persona's own path is tried with B's ids in the query string and in the body (form and JSON),
and web pages once more as an htmx request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlencode

from handoff.domain.engagements.models import DeliveryCenter
from tests.isolation.coverage import Classified
from tests.isolation.targets import MISSING_ID, Targets
from tests.isolation.world import IsolationWorld

type Encoding = Literal["form", "json"]
type Auth = Literal["session", "token", "none"]
type Variant = tuple[str, dict[str, str], dict[str, str]]  # label, path kwargs, the missing-id twin's path kwargs

ENCODINGS: dict[str, tuple[Encoding, ...]] = {"web": ("form", "json"), "admin": ("form",), "api": ("json", "form")}


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # with the query string, if any
    body: Mapping[str, Any] | None = None
    encoding: Encoding | None = None
    htmx: bool = False


@dataclass(frozen=True)
class Probe:
    persona: str
    auth: Auth
    entry: Classified
    label: str
    request: Request
    twin: Request | None = None  # the same request with a missing id wherever this one has a foreign id

    def describe(self) -> str:
        body = f" {self.request.encoding} body" if self.request.body is not None else ""
        htmx = " htmx" if self.request.htmx else ""
        return (
            f"{self.persona} [{self.auth}] {self.request.method} {self.request.path}{body}{htmx}"
            f" ({self.label}; route {self.entry.route.key})"
        )


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


def foreign_body(entry: Classified, ids: ForeignIds, encoding: Encoding) -> dict[str, Any]:
    """B's ids plus plausible engagement (or client, user, token) fields, so validation passes as far as it can."""
    flavour = _rpo_fields() if "rpo" in entry.route.pattern else _bpo_fields(ids.center)
    body: dict[str, Any] = {**_common_fields(), **flavour, **ids.as_params()}
    if encoding == "json":
        ids_as_ints = {key: int(value) for key, value in ids.as_params().items()}
        return {**body, **ids_as_ints, "end_date": None}
    return {**body, "end_date": ""}


@dataclass(frozen=True)
class Planner:
    """Builds the probes of one persona, on one route, with one way of authenticating."""

    targets: Targets
    world: IsolationWorld
    ids: ForeignIds

    def plan(self, entry: Classified, persona: str, auth: Auth, methods: list[str]) -> list[Probe]:
        probes: list[Probe] = []
        for method in methods:
            probes.extend(self._for_method(entry, persona, auth, method))
        return probes

    def _values(self, entry: Classified, persona: str) -> tuple[dict[str, str], dict[str, str]]:
        """The persona's own value of each kwarg, and B's value of each kwarg that names client data."""
        own: dict[str, str] = {}
        foreign: dict[str, str] = {}
        for kwarg, target in entry.targets.items():
            ids = self.targets.ids(target, persona, entry.route, kwarg)
            own[kwarg] = ids.own
            if ids.foreign is not None:
                foreign[kwarg] = ids.foreign
        return own, foreign

    def _variants(self, own: dict[str, str], foreign: dict[str, str]) -> list[Variant]:
        """(label, path kwargs, the twin's path kwargs): all foreign ids at once, then each one alone (if several)."""
        if not foreign:
            return []
        missing = dict.fromkeys(foreign, MISSING_ID)
        variants = [(f"foreign {'+'.join(foreign)}", {**own, **foreign}, {**own, **missing})]
        if len(foreign) > 1:
            for kwarg in foreign:
                variants.append((f"foreign {kwarg}", {**own, kwarg: foreign[kwarg]}, {**own, kwarg: MISSING_ID}))
        return variants

    def _for_method(self, entry: Classified, persona: str, auth: Auth, method: str) -> list[Probe]:
        route, kind = entry.route, entry.route.kind
        own, foreign = self._values(entry, persona)
        encodings = ENCODINGS[kind]
        primary: Encoding | None = None if method == "GET" else encodings[0]
        body = None if primary is None else foreign_body(entry, self.ids, primary)
        in_body = "" if primary is None else f", B ids in the {primary} body"

        def request(values: dict[str, str]) -> Request:
            return Request(method, route.fill(values), body, primary)

        def probe(label: str, path: str, **options: Any) -> Probe:
            return Probe(
                persona, auth, entry, label, Request(method, path, **{"body": body, "encoding": primary, **options})
            )

        probes = [
            Probe(persona, auth, entry, label, request(values), twin=request(twin_values))
            for label, values, twin_values in self._variants(own, foreign)
        ]
        own_path = route.fill(own)
        with_query = f"{own_path}?{self.ids.query()}"
        if kind == "admin":  # the admin turns non-admins away before reading anything: one request carries both
            return [*probes, probe(f"own path, B ids in the query string{in_body}", with_query)]
        probes += [probe(f"own path{in_body}", own_path), probe(f"B ids in the query string{in_body}", with_query)]
        if method != "GET":
            for encoding in encodings[1:]:
                label = f"own path, B ids in the {encoding} body"
                probes.append(probe(label, own_path, body=foreign_body(entry, self.ids, encoding), encoding=encoding))
        elif kind == "web":
            probes.append(probe("own path as an htmx request", own_path, htmx=True))
        return probes
