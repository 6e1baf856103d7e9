"""Run the probes: every classified route, as every persona, each request inside a savepoint that is rolled back.

Per probe: no 5xx; nothing of client B in the body, headers or cookies (nor of client A for a
persona of no client); a foreign id answered exactly like a missing one; anonymous callers
turned away from signed-in routes and everyone probed turned away from the admin; and client
B's rows unchanged (compared with a fingerprint taken once, since every probe is rolled back).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpResponseBase
from django.shortcuts import resolve_url
from django.test import Client as HttpClient
from django.urls import NoReverseMatch

from handoff.domain.tenancy.middleware import SESSION_KEY
from handoff.interfaces.api.auth import PerUserThrottle
from tests.isolation.bodies import ForeignIds
from tests.isolation.coverage import Classified
from tests.isolation.policy import Access
from tests.isolation.probes import Auth, Planner, Probe, Request
from tests.isolation.routes import api_methods, methods_for, reaches
from tests.isolation.state import Fingerprint, State, changed_tables
from tests.isolation.targets import Targets
from tests.isolation.world import IsolationWorld
from tests.personas import PERSONA_SCOPE

MAX_SHOWN_MATCHES = 3


@dataclass
class Identity:
    """One persona with one way of authenticating, replayed from the same cookies before every probe."""

    persona: str
    auth: Auth
    client: HttpClient
    session_key: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def reset(self) -> None:
        self.client.cookies = SimpleCookie()
        if self.session_key:
            self.client.cookies[settings.SESSION_COOKIE_NAME] = self.session_key


def identities(world: IsolationWorld, persona: str) -> dict[Auth, Identity]:
    """anonymous: no credentials; everyone else: a session (staff with client A chosen) and an API token."""
    if persona == "anonymous":
        return {"none": Identity(persona, "none", HttpClient(raise_request_exception=False))}
    user = world.base.users[persona]
    session = HttpClient(raise_request_exception=False)
    session.force_login(user)
    if user.is_provider:
        store = session.session
        store[SESSION_KEY] = world.client_a.pk
        store.save()
    token = world.tokens[persona].secret
    return {
        "session": Identity(persona, "session", session, session.cookies[settings.SESSION_COOKIE_NAME].value),
        "token": Identity(
            persona, "token", HttpClient(raise_request_exception=False), headers={"Authorization": f"Bearer {token}"}
        ),
    }


def auths_for(kind: str, persona: str) -> list[Auth]:
    if persona == "anonymous":
        return ["none"]
    return ["token", "session"] if kind == "api" else ["session"]


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    location: str
    text: str  # body, headers and cookies: where a leak would show


def _answer(response: HttpResponseBase) -> Answer:
    streaming = getattr(response, "streaming", False)
    body: bytes = b"".join(response.streaming_content) if streaming else response.content  # type: ignore[attr-defined]
    headers = "\n".join(f"{name}: {value}" for name, value in response.items())
    text = "\n".join((body.decode("utf-8", errors="replace"), headers, response.cookies.output()))
    return Answer(response.status_code, body, response.get("Location", ""), text)


def send(identity: Identity, request: Request) -> Answer:
    headers = dict(identity.headers)
    if request.htmx:
        headers["HX-Request"] = "true"
    data, content_type = "", "application/octet-stream"
    if request.body is not None and request.encoding == "json":
        data, content_type = json.dumps(request.body), "application/json"
    elif request.body is not None:
        data, content_type = urlencode(request.body, doseq=True), "application/x-www-form-urlencoded"
    response = identity.client.generic(request.method, request.path, data, content_type, headers=headers)
    return _answer(response)


@dataclass
class Report:
    probes: int = 0
    failures: list[tuple[str, list[str]]] = field(default_factory=list)
    routes: list[str] = field(default_factory=list)  # the keys of the routes probed
    shadowed: list[str] = field(default_factory=list)
    probed: Counter[tuple[str, str]] = field(default_factory=Counter)  # (route key, persona) → probes
    statuses: Counter[str] = field(default_factory=Counter)  # "api recruiter_a 200" → probes
    seconds: dict[str, float] = field(default_factory=dict)  # route kind → time spent probing it

    @property
    def leaks(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        return f"isolation: {self.probes} probes, {self.leaks} leaks"

    def readable(self) -> str:
        return "\n".join(f"- {probe}: {'; '.join(problems)}" for probe, problems in self.failures)

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "summary": self.summary(),
            "probes": self.probes,
            "leaks": self.leaks,
            "routes": len(self.routes),
            "shadowed_routes": self.shadowed,
            "seconds_by_kind": {kind: round(seconds, 1) for kind, seconds in sorted(self.seconds.items())},
            "statuses": dict(sorted(self.statuses.items())),
            "failures": [{"probe": probe, "problems": problems} for probe, problems in self.failures],
        }
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def access_problems(probe: Probe, status: int) -> list[str]:
    if not 200 <= status < 300:
        return []
    if probe.entry.access == Access.PROVIDER_ADMIN:
        return [f"{probe.persona} is not a provider admin but got {status} from an admin route"]
    if probe.entry.access == Access.SIGNED_IN and probe.persona == "anonymous":
        return [f"an anonymous caller got {status} from a signed-in route"]
    return []


def shown(answer: Answer, forbidden: Sequence[str]) -> list[str]:
    found = [value for value in forbidden if value in answer.text]
    return [f"shows {value!r}" for value in found[:MAX_SHOWN_MATCHES]]


def twin_problems(probe: Probe, foreign: Answer, missing: Answer) -> list[str]:
    """A foreign id must be answered exactly like a missing one (status; redirect target; API body)."""
    assert probe.twin is not None
    if foreign.status != missing.status:
        return [f"a foreign id answers {foreign.status} but a missing id {missing.status}"]
    if probe.entry.route.kind == "api" and foreign.body != missing.body:
        return [f"a foreign id and a missing id get different bodies: {foreign.body[:200]!r} / {missing.body[:200]!r}"]
    here, there = probe.request.path, probe.twin.path
    location = foreign.location.replace(quote(here, safe=""), quote(there, safe="")).replace(here, there)
    if location != missing.location:
        return [f"a foreign id redirects to {foreign.location!r} but a missing id to {missing.location!r}"]
    return []


def _home() -> str:
    """The page a signed-in user lands on (just "/" when the URLconf has no such page, as in the self-test)."""
    try:
        return resolve_url(settings.LOGIN_REDIRECT_URL)
    except NoReverseMatch:
        return "/"


@dataclass
class Harness:
    world: IsolationWorld
    entries: Sequence[Classified]
    api_schema: Mapping[str, Any]  # the OpenAPI schema: each API path's methods and request bodies
    personas: Sequence[str]
    report: Report = field(default_factory=Report)

    def __post_init__(self) -> None:
        self.targets = Targets(self.world)
        self.planner = Planner(self.targets, ForeignIds.of(self.world), self.api_schema)
        self.api_methods = api_methods(self.api_schema)
        self.fingerprint = Fingerprint.of_client(self.world.client_b.pk)
        self.baseline: State = self.fingerprint.read()
        self.follow_up = _home()

    def forbidden(self, persona: str) -> tuple[str, ...]:
        own_client = PERSONA_SCOPE[persona]
        return self.world.forbidden_b + (self.world.forbidden_a if own_client is None else ())

    def reachable(self, entries: Iterable[Classified]) -> list[Classified]:
        """The entries whose URL reaches them; the others are shadowed by an earlier pattern (not probed)."""
        kept = []
        for entry in entries:
            own = {
                kwarg: self.targets.ids(target, "hr_admin_a", entry.route, kwarg).own
                for kwarg, target in entry.targets.items()
            }
            if reaches(entry.route, entry.route.fill(own)):
                kept.append(entry)
            else:
                self.report.shadowed.append(entry.route.key)
        return kept

    def run(self) -> Report:
        entries = self.reachable(self.entries)
        self.report.routes = [entry.route.key for entry in entries]
        for persona in self.personas:
            cache.clear()  # login throttles start afresh for each persona
            logged_in = identities(self.world, persona)
            for entry in entries:
                # the API's per-user rate counts every probe: a persona's few thousand probes would
                # otherwise run into it and a missing id would answer 429 where a foreign one answered 404
                self.clear_rate_count(persona)
                for auth in auths_for(entry.route.kind, persona):
                    methods = methods_for(entry.route, self.api_methods)
                    for probe in self.planner.plan(entry, persona, auth, methods):
                        self.execute(logged_in[auth], probe)
        return self.report

    def clear_rate_count(self, persona: str) -> None:
        user = self.world.base.users.get(persona)
        if user is not None:
            cache.delete(PerUserThrottle.cache_format % {"scope": PerUserThrottle.scope, "ident": user.pk})

    def execute(self, identity: Identity, probe: Probe) -> None:
        started = time.perf_counter()
        answer, problems = self.attempt(identity, probe, probe.request)
        if probe.twin is not None:
            twin, twin_found = self.attempt(identity, probe, probe.twin)
            problems += [f"(missing-id twin) {problem}" for problem in twin_found]
            problems += twin_problems(probe, answer, twin)
        if problems:
            self.report.failures.append((probe.describe(), problems))
        kind = probe.entry.route.kind
        self.report.seconds[kind] = self.report.seconds.get(kind, 0.0) + time.perf_counter() - started

    def attempt(self, identity: Identity, probe: Probe, request: Request) -> tuple[Answer, list[str]]:
        """Send one request in a savepoint, check it, roll it back."""
        self.report.probes += 1
        self.report.probed[(probe.entry.route.key, probe.persona)] += 1
        forbidden = self.forbidden(probe.persona)
        with transaction.atomic():
            identity.reset()
            answer = send(identity, request)
            self.report.statuses[f"{probe.entry.route.kind} {probe.persona} {answer.status}"] += 1
            problems = [f"server error {answer.status}"] if answer.status >= 500 else []
            problems += access_problems(probe, answer.status) + shown(answer, forbidden)
            if self.wants_follow_up(probe, request):
                after = send(identity, Request("GET", self.follow_up))
                problems += [f"then {self.follow_up} {problem}" for problem in shown(after, forbidden)]
            problems += self.writes_into_b()
            transaction.set_rollback(True)
        return answer, problems

    def wants_follow_up(self, probe: Probe, request: Request) -> bool:
        """After a web form post (a client switch, an edit), the next page must not show B either."""
        web_form = probe.entry.route.kind == "web" and request.encoding == "form" and probe.auth == "session"
        return web_form and probe.twin is None

    def writes_into_b(self) -> list[str]:
        try:
            after = self.fingerprint.read()
        except DatabaseError as error:
            return [f"left the database transaction broken ({type(error).__name__}: {error})"]
        changes = changed_tables(self.baseline, after)
        return [f"wrote into client B: {', '.join(changes)}"] if changes else []


def run_harness(
    world: IsolationWorld, entries: Sequence[Classified], api_schema: Mapping[str, Any], personas: Sequence[str]
) -> Report:
    return Harness(world, entries, api_schema, personas).run()
