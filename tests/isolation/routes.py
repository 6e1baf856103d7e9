"""Every URL pattern of the project, found by walking the resolver (web pages, the admin, the ninja API).

A :class:`Route` keeps the chain of pattern segments it was found under, so that a
concrete URL can be built for any kwarg values (``fill``), whether the segments are
``path()`` routes (``<int:bpo_id>``) or ``re_path()`` regexes (``(?P<app_label>a|b)``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern

Kind = Literal["web", "api", "admin"]
API_METHODS = ("get", "post", "put", "patch", "delete")
ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")


@dataclass(frozen=True)
class Segment:
    text: str
    is_regex: bool


@dataclass(frozen=True)
class Route:
    name: str | None  # "web:bpo_detail", "admin:engagements_bpoengagement_change", None for unnamed patterns
    namespaces: tuple[str, ...]
    segments: tuple[Segment, ...]
    kwargs: tuple[str, ...]
    callback: Callable[..., Any]

    @property
    def pattern(self) -> str:
        """The full pattern, joined as Django joins ``ResolverMatch.route`` (inner regexes lose their ``^``)."""
        texts = [segment.text for segment in self.segments]
        return "".join(texts[:1] + [text.removeprefix("^") for text in texts[1:]])

    @property
    def key(self) -> str:
        """How the policy names this route: its qualified name, or its pattern when it has none."""
        return self.name if self.name else f"<unnamed> {self.pattern}"

    @property
    def kind(self) -> Kind:
        if "admin" in self.namespaces[:1]:
            return "admin"
        if "api" in self.namespaces[:1]:
            return "api"
        return "web"

    @property
    def openapi_path(self) -> str:
        """The path as the OpenAPI schema spells it: ``/api/v1/engagements/bpo/{bpo_id}``."""
        return "/" + ROUTE_PARAMETER.sub(lambda match: "{" + match["parameter"] + "}", self.pattern)

    def fill(self, values: Mapping[str, str]) -> str:
        """The absolute URL path of this route with the given kwarg values."""
        return "/" + "".join(_fill_segment(segment, values) for segment in self.segments)


def _fill_segment(segment: Segment, values: Mapping[str, str]) -> str:
    if not segment.is_regex:
        return ROUTE_PARAMETER.sub(lambda match: values[match["parameter"]], segment.text)
    return _fill_regex(segment.text, values)


def _fill_regex(regex: str, values: Mapping[str, str]) -> str:
    """A literal string matching a simple regex: named groups replaced by values, anchors and escapes removed."""
    out: list[str] = []
    index = 0
    while index < len(regex):
        if regex.startswith("(?P<", index):
            name_end = regex.index(">", index)
            out.append(values[regex[index + 4 : name_end]])
            index = _group_end(regex, name_end + 1)
        elif regex[index] == "\\":
            out.append(regex[index + 1])
            index += 2
        elif regex[index] in "^$":
            index += 1
        else:
            out.append(regex[index])
            index += 1
    return "".join(out)


def _group_end(regex: str, index: int) -> int:
    depth = 1
    while depth:
        char = regex[index]
        if char == "\\":
            index += 2
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        index += 1
    return index


def regex_alternatives(route: Route, kwarg: str) -> list[str]:
    """For ``(?P<app_label>accounts|auth)``: ["accounts", "auth"] (empty when the group is not a plain choice)."""
    for segment in route.segments:
        match = re.search(rf"\(\?P<{re.escape(kwarg)}>([\w|]+)\)", segment.text) if segment.is_regex else None
        if match:
            return match[1].split("|")
    return []


def _segment(pattern: Any) -> Segment:
    if isinstance(pattern, RoutePattern):
        return Segment(str(pattern), is_regex=False)
    if isinstance(pattern, RegexPattern):
        return Segment(str(pattern), is_regex=True)
    raise TypeError(f"unknown URL pattern type {type(pattern).__name__}: teach tests/isolation/routes.py")


def _kwargs(pattern: Any) -> tuple[str, ...]:
    if isinstance(pattern, RoutePattern):
        return tuple(match["parameter"] for match in ROUTE_PARAMETER.finditer(str(pattern)))
    return tuple(pattern.regex.groupindex)


def walk(
    patterns: Iterable[URLPattern | URLResolver],
    namespaces: tuple[str, ...] = (),
    segments: tuple[Segment, ...] = (),
    kwargs: tuple[str, ...] = (),
) -> Iterator[Route]:
    """Every leaf pattern under these patterns, with the namespaces, segments and kwargs of its parents."""
    for entry in patterns:
        chain = (*segments, _segment(entry.pattern))
        names = (*kwargs, *_kwargs(entry.pattern))
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from walk(entry.url_patterns, inner, chain, names)
        else:
            name = ":".join((*namespaces, entry.name)) if entry.name else None
            yield Route(name, namespaces, chain, names, entry.callback)


def project_routes() -> list[Route]:
    return list(walk(get_resolver().url_patterns))


def api_methods(schema: Mapping[str, Any]) -> dict[str, list[str]]:
    """OpenAPI path → HTTP methods declared for it (upper case)."""
    return {
        path: [method.upper() for method in API_METHODS if method in operations]
        for path, operations in schema.get("paths", {}).items()
    }


def methods_for(route: Route, api_schema_methods: Mapping[str, Sequence[str]]) -> list[str]:
    """Web and admin pages: GET and POST. API routes: the schema's methods (GET for docs and schema views)."""
    if route.kind == "api":
        return list(api_schema_methods.get(route.openapi_path) or ["GET"])
    return ["GET", "POST"]


def reaches(route: Route, url: str) -> bool:
    """Whether a built URL reaches this very pattern (not an earlier one that shadows it)."""
    try:
        return resolve(urlsplit(url).path).route == route.pattern
    except Resolver404:
        return False
