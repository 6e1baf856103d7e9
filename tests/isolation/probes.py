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

from tests.isolation.bodies import Body, Encoding, ForeignIds, bodies_for
from tests.isolation.coverage import Classified
from tests.isolation.targets import MISSING_ID, Targets

type Auth = Literal["session", "token", "none"]
type Variant = tuple[str, dict[str, str], dict[str, str]]  # label, path kwargs, the missing-id twin's path kwargs


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
class Planner:
    """Builds the probes of one persona, on one route, with one way of authenticating."""

    targets: Targets
    ids: ForeignIds
    api_schema: Mapping[str, Any]

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
        bodies = [] if method == "GET" else bodies_for(entry, method, self.ids, self.api_schema)
        first = bodies[0] if bodies else None
        in_body = f", B ids in the {first.label} body" if first else ""

        def request(path: str, body: Body | None = first, htmx: bool = False) -> Request:
            return Request(method, path, body.data if body else None, body.encoding if body else None, htmx)

        def probe(label: str, sent: Request, twin: Request | None = None) -> Probe:
            return Probe(persona, auth, entry, label, sent, twin)

        probes = [
            probe(label, request(route.fill(values)), request(route.fill(twin_values)))
            for label, values, twin_values in self._variants(own, foreign)
        ]
        own_path = route.fill(own)
        with_query = f"{own_path}?{self.ids.query()}"
        if kind == "admin":  # the admin turns non-admins away before reading anything: one request carries both
            return [*probes, probe(f"own path, B ids in the query string{in_body}", request(with_query))]
        probes.append(probe(f"own path{in_body}", request(own_path)))
        probes.append(probe(f"B ids in the query string{in_body}", request(with_query)))
        probes += [probe(f"own path, B ids in the {body.label} body", request(own_path, body)) for body in bodies[1:]]
        if method == "GET" and kind == "web":
            probes.append(probe("own path as an htmx request", request(own_path, htmx=True)))
        return probes
