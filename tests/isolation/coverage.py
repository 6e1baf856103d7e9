"""Does the policy cover every route? Each route gets an access class and an object type per kwarg, or a problem."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib import admin

from tests.isolation.policy import ADMIN_OBJECT, Access, Policy
from tests.isolation.routes import Route

POLICY_FILE = "tests/isolation/policy.py"
UNKNOWN_KWARG = f"map it to the object type its ids name in KWARG_TARGETS (or ROUTE_KWARGS) in {POLICY_FILE}"


@dataclass(frozen=True)
class Classified:
    route: Route
    access: Access
    targets: Mapping[str, str]  # kwarg → object type
    admin_model: str | None = None


@dataclass(frozen=True)
class Coverage:
    routes: tuple[Classified, ...]
    problems: tuple[str, ...]


def admin_model_prefixes() -> dict[str, str]:
    """The URL prefix of each registered ModelAdmin ("engagements/bpoengagement/") → "engagements.bpoengagement"."""
    labels = (f"{model._meta.app_label}.{model._meta.model_name}" for model in admin.site._registry)
    return {label.replace(".", "/") + "/": label for label in labels}


def admin_model_of(route: Route, prefixes: Mapping[str, str]) -> str | None:
    if route.kind != "admin":
        return None
    return next((prefixes[segment.text] for segment in route.segments[1:] if segment.text in prefixes), None)


def _access(route: Route, policy: Policy, model: str | None) -> tuple[Access | None, str | None]:
    """The route's access class, or a problem saying where to classify it."""
    if model is not None:
        return Access.PROVIDER_ADMIN, None
    admin_site = route.kind == "admin"
    table = policy.admin_site_routes if admin_site else policy.routes
    if route.key in table:
        return table[route.key], None
    table_name = "ADMIN_SITE_ROUTES" if admin_site else "ROUTES"
    return None, f"route {route.key!r} ({route.pattern}) is not classified: add it to {table_name} in {POLICY_FILE}"


def _target(route: Route, kwarg: str, policy: Policy, model: str | None) -> str:
    """The object type a kwarg names, or a problem (a string starting with "!")."""
    own_table = policy.route_kwargs.get(route.key, {})
    table = policy.admin_kwargs if route.kind == "admin" else policy.kwarg_targets
    target = own_table.get(kwarg) or table.get(kwarg)
    if target is None:
        return f"!route {route.key!r} ({route.pattern}) has a kwarg {kwarg!r} the policy does not know: {UNKNOWN_KWARG}"
    if target != ADMIN_OBJECT:
        return target
    if model is None:
        return f"!admin route {route.key!r} names an object but is under no registered model"
    if model not in policy.admin_models:
        return f"!admin model {model!r} (route {route.key!r}) is not in ADMIN_MODELS in {POLICY_FILE}"
    return policy.admin_models[model]


def classify(
    route: Route, policy: Policy, prefixes: Mapping[str, str], known_targets: Iterable[str]
) -> tuple[Classified | None, list[str]]:
    model = admin_model_of(route, prefixes)
    problems: list[str] = []
    access, problem = _access(route, policy, model)
    if problem:
        problems.append(problem)
    if model is not None and model not in policy.admin_models:
        problems.append(f"admin model {model!r} is not in ADMIN_MODELS in {POLICY_FILE}")
    targets: dict[str, str] = {}
    for kwarg in route.kwargs:
        target = _target(route, kwarg, policy, model)
        if target.startswith("!"):
            problems.append(target[1:])
        elif target not in set(known_targets):
            problems.append(f"route {route.key!r}: object type {target!r} has no ids in tests/isolation/targets.py")
        else:
            targets[kwarg] = target
    if problems or access is None:
        return None, sorted(set(problems))
    return Classified(route, access, targets, model), []


def check_coverage(
    routes: Iterable[Route], policy: Policy, prefixes: Mapping[str, str], known_targets: Iterable[str]
) -> Coverage:
    known = frozenset(known_targets)
    classified: list[Classified] = []
    problems: list[str] = []
    for route in routes:
        entry, found = classify(route, policy, prefixes, known)
        problems.extend(found)
        if entry is not None:
            classified.append(entry)
    return Coverage(tuple(classified), tuple(dict.fromkeys(problems)))


def unique_entries(entries: Iterable[Classified]) -> list[Classified]:
    """One entry per URL pattern: ninja lists a path once per operation (its GET and POST are one view)."""
    seen: dict[str, Classified] = {}
    for entry in entries:
        seen.setdefault(entry.route.pattern, entry)
    return list(seen.values())
