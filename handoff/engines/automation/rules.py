"""Automation rules: conditions on an item's fields and text, and the changes their actions make.

An item is a plain dict (``{"title": ..., "priority": "high", "custom_fields": {"amount": 120}}``);
a field is named by a dotted path (``custom_fields.amount``); a missing field reads as ``None``.

Conditions (JSON: ``{"field": "title", "op": "contains", "value": "refund"}``, grouped with
``{"all": [...]}`` or ``{"any": [...]}``, nested at will):

- ``equals`` / ``not_equals``, ``in`` / ``not_in`` (a list), ``contains`` / ``not_contains``:
  text compared case-insensitively (casefolded, surrounding spaces ignored), other values as they are;
- ``regex``: a Python regular expression searched case-insensitively in the field's text;
- ``priority_at_least``: the item's priority is this one or more urgent (low < normal < high < urgent);
- ``gt``, ``gte``, ``lt``, ``lte``: numbers (a value that is not a number never matches);
- ``is_empty`` / ``not_empty``: missing, ``None``, blank text, an empty list or dict.

Actions (JSON: ``{"type": "set_field", "field": "priority", "value": "high"}``): ``set_field``
(``priority``, ``item_type`` or ``custom_fields.<name>``), ``route`` (``queue_id``), ``reply``
(``template``), ``resolve``, ``create_child`` (``title`` and optional ``description`` templates).
Templates put an item's fields in braces: ``"Hello, your order {custom_fields.order_id}"``.

:func:`apply_rules` runs rules in order on a working copy of the item, so a later rule sees what an
earlier one changed; a rule with ``stop`` ends the run when it matches. Nothing is written: the
outcome lists each matched rule's changes (before and after), for the domain to apply or to preview.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

PRIORITY_ORDER: Mapping[str, int] = {"low": 0, "normal": 1, "high": 2, "urgent": 3}
ITEM_TYPES = frozenset({"ticket", "case", "transaction", "batch"})
OPERATORS = (
    "equals",
    "not_equals",
    "in",
    "not_in",
    "contains",
    "not_contains",
    "regex",
    "priority_at_least",
    "gt",
    "gte",
    "lt",
    "lte",
    "is_empty",
    "not_empty",
)
NO_VALUE_OPERATORS = frozenset({"is_empty", "not_empty"})
NUMBER_OPERATORS = frozenset({"gt", "gte", "lt", "lte"})
ACTION_TYPES = ("set_field", "route", "reply", "resolve", "create_child")
SETTABLE_FIELDS = frozenset({"priority", "item_type"})
CUSTOM_PREFIX = "custom_fields."

FIELD_PATH = re.compile(r"[a-z_][a-z0-9_]{0,59}(\.[A-Za-z_][A-Za-z0-9_]{0,59})?")
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)\}")
MAX_PATTERN = 300
MAX_TEXT = 20_000  # a regex searches at most this many characters of a field
MAX_TEMPLATE = 5_000
MAX_CONDITIONS = 50
MAX_DEPTH = 4
MAX_ACTIONS = 10


class RuleError(ValueError):
    """A rule that cannot be read: ``errors`` maps a JSON path (``conditions.all.0.op``) to a message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{path}: {message}" for path, message in errors.items()))
        self.errors = dict(errors)


# --- reading an item ---------------------------------------------------------------------------------------------


def lookup(item: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path, or None when any step is missing."""
    value: Any = item
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip().casefold()


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, str) or isinstance(right, str):
        return _text(left) == _text(right)
    left_number, right_number = _number(left), _number(right)
    if left_number is not None and right_number is not None:
        return left_number == right_number
    return bool(left == right)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value in ([], {})


# --- conditions --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    value: Any = None
    pattern: re.Pattern[str] | None = None

    def test(self, item: Mapping[str, Any]) -> bool:
        actual = lookup(item, self.field)
        return bool(_TESTS[self.op](self, actual))


@dataclass(frozen=True)
class Group:
    mode: str  # "all" or "any"
    children: tuple[Condition | Group, ...] = ()

    def test(self, item: Mapping[str, Any]) -> bool:
        results = (child.test(item) for child in self.children)
        return all(results) if self.mode == "all" else any(results)


type Node = Condition | Group


def _contains(actual: Any, wanted: Any) -> bool:
    if isinstance(actual, list):
        return any(_same(element, wanted) for element in actual)
    return _text(wanted) in _text(actual)


def _compare(condition: Condition, actual: Any) -> bool:
    left, right = _number(actual), _number(condition.value)
    if left is None or right is None:
        return False
    return {"gt": left > right, "gte": left >= right, "lt": left < right, "lte": left <= right}[condition.op]


def _priority_at_least(condition: Condition, actual: Any) -> bool:
    rank = PRIORITY_ORDER.get(_text(actual))
    return rank is not None and rank >= PRIORITY_ORDER[_text(condition.value)]


def _regex(condition: Condition, actual: Any) -> bool:
    assert condition.pattern is not None
    return actual is not None and condition.pattern.search(str(actual)[:MAX_TEXT]) is not None


_TESTS: Mapping[str, Any] = {
    "equals": lambda c, a: _same(a, c.value),
    "not_equals": lambda c, a: not _same(a, c.value),
    "in": lambda c, a: any(_same(a, option) for option in c.value),
    "not_in": lambda c, a: not any(_same(a, option) for option in c.value),
    "contains": lambda c, a: _contains(a, c.value),
    "not_contains": lambda c, a: not _contains(a, c.value),
    "regex": _regex,
    "priority_at_least": _priority_at_least,
    "gt": _compare,
    "gte": _compare,
    "lt": _compare,
    "lte": _compare,
    "is_empty": lambda c, a: _empty(a),
    "not_empty": lambda c, a: not _empty(a),
}


def matches(conditions: Node | None, item: Mapping[str, Any]) -> bool:
    """Whether the item meets the conditions (no conditions: every item does)."""
    return True if conditions is None else conditions.test(item)


@dataclass
class _Reader:
    errors: dict[str, str] = field(default_factory=dict)
    count: int = 0

    def node(self, data: Any, path: str, depth: int) -> Node | None:
        if not isinstance(data, Mapping):
            self.errors[path] = (
                'A condition is an object: {"field", "op", "value"}, or {"all": [...]} / {"any": [...]}.'
            )
            return None
        groups = [mode for mode in ("all", "any") if mode in data]
        if groups:
            return self.group(data, groups, path, depth)
        return self.condition(data, path)

    def group(self, data: Mapping[str, Any], groups: list[str], path: str, depth: int) -> Group | None:
        if len(groups) > 1 or len(data) > 1:
            self.errors[path] = 'A group has one key: "all" or "any".'
            return None
        mode = groups[0]
        children = data[mode]
        if depth >= MAX_DEPTH:
            self.errors[path] = f"Groups nest at most {MAX_DEPTH} deep."
            return None
        if not isinstance(children, list) or not children:
            self.errors[f"{path}.{mode}" if path else mode] = "A group lists at least one condition."
            return None
        prefix = f"{path}.{mode}" if path else mode
        nodes = [self.node(child, f"{prefix}.{index}", depth + 1) for index, child in enumerate(children)]
        return Group(mode, tuple(node for node in nodes if node is not None))

    def condition(self, data: Mapping[str, Any], path: str) -> Condition | None:
        self.count += 1
        at = f"{path}." if path else ""
        name, op, value = data.get("field"), data.get("op"), data.get("value")
        extra = set(data) - {"field", "op", "value"}
        if extra:
            self.errors[f"{at}{sorted(extra)[0]}"] = "Unknown key; a condition has field, op and value."
            return None
        if not isinstance(name, str) or not FIELD_PATH.fullmatch(name):
            self.errors[f"{at}field"] = "Name a field, e.g. title, priority or custom_fields.amount."
            return None
        if op not in OPERATORS:
            self.errors[f"{at}op"] = f"Choose one of: {', '.join(OPERATORS)}."
            return None
        problem = _value_problem(op, value)
        if problem:
            self.errors[f"{at}value"] = problem
            return None
        pattern = _compiled(str(value)) if op == "regex" else None
        if op == "regex" and pattern is None:
            self.errors[f"{at}value"] = "This is not a valid regular expression."
            return None
        return Condition(name, op, value, pattern)


def _value_problem(op: str, value: Any) -> str:
    if op in NO_VALUE_OPERATORS:
        return "" if value is None else f"{op} takes no value."
    if op in {"in", "not_in"}:
        ok = isinstance(value, list) and 0 < len(value) <= 200 and all(_scalar(v) for v in value)
        return "" if ok else "Give a list of 1–200 values."
    if op == "regex":
        ok = isinstance(value, str) and 0 < len(value) <= MAX_PATTERN
        return "" if ok else f"Give a pattern of 1–{MAX_PATTERN} characters."
    if op == "priority_at_least":
        return "" if _text(value) in PRIORITY_ORDER else f"Choose one of: {', '.join(PRIORITY_ORDER)}."
    if op in NUMBER_OPERATORS:
        return "" if _number(value) is not None else "Give a number."
    return "" if _scalar(value) and value is not None else "Give a value (text, number or true/false)."


def _scalar(value: Any) -> bool:
    return value is None or (
        isinstance(value, str | int | float | bool) and (not isinstance(value, str) or len(value) <= 500)
    )


def _compiled(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error:
        return None


def parse_conditions(data: Any) -> Node | None:
    """The conditions of a rule from JSON; None (match every item) for an empty object or list."""
    if data in (None, {}, []):
        return None
    reader = _Reader()
    if isinstance(data, list):
        data = {"all": data}
    node = reader.node(data, "", 0)
    if reader.count > MAX_CONDITIONS:
        reader.errors["conditions"] = f"A rule has at most {MAX_CONDITIONS} conditions."
    if reader.errors:
        raise RuleError({f"conditions.{path}" if path else "conditions": m for path, m in reader.errors.items()})
    return node


# --- actions -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    type: str
    field: str = ""
    value: Any = None
    queue_id: int | None = None
    template: str = ""
    description: str = ""


def _action(data: Any, at: str) -> tuple[Action | None, dict[str, str]]:
    if not isinstance(data, Mapping):
        return None, {at: 'An action is an object with a "type".'}
    kind = data.get("type")
    if kind not in ACTION_TYPES:
        return None, {f"{at}.type": f"Choose one of: {', '.join(ACTION_TYPES)}."}
    reader = _ACTION_READERS[kind]
    result: tuple[Action | None, dict[str, str]] = reader(data, at)
    return result


def _set_field(data: Mapping[str, Any], at: str) -> tuple[Action | None, dict[str, str]]:
    name, value = data.get("field"), data.get("value")
    custom = isinstance(name, str) and name.startswith(CUSTOM_PREFIX) and FIELD_PATH.fullmatch(name) is not None
    if not (name in SETTABLE_FIELDS or custom):
        return None, {f"{at}.field": "Set priority, item_type or custom_fields.<name>."}
    if name == "priority" and value not in PRIORITY_ORDER:
        return None, {f"{at}.value": f"Choose one of: {', '.join(PRIORITY_ORDER)}."}
    if name == "item_type" and value not in ITEM_TYPES:
        return None, {f"{at}.value": f"Choose one of: {', '.join(sorted(ITEM_TYPES))}."}
    if not _scalar(value):
        return None, {f"{at}.value": "Give a value (text, number or true/false)."}
    return Action("set_field", field=str(name), value=value), {}


def _route(data: Mapping[str, Any], at: str) -> tuple[Action | None, dict[str, str]]:
    queue_id = data.get("queue_id")
    if isinstance(queue_id, bool) or not isinstance(queue_id, int) or queue_id <= 0:
        return None, {f"{at}.queue_id": "Give the id of a queue."}
    return Action("route", queue_id=queue_id), {}


def _template(value: Any, at: str, required: bool) -> dict[str, str]:
    if not isinstance(value, str) or len(value) > MAX_TEMPLATE or (required and not value.strip()):
        return {at: f"Give a text of {'1' if required else '0'}–{MAX_TEMPLATE} characters."}
    return {}


def _reply(data: Mapping[str, Any], at: str) -> tuple[Action | None, dict[str, str]]:
    errors = _template(data.get("template"), f"{at}.template", required=True)
    return (None, errors) if errors else (Action("reply", template=data["template"]), {})


def _resolve(data: Mapping[str, Any], at: str) -> tuple[Action | None, dict[str, str]]:
    return Action("resolve"), {}


def _create_child(data: Mapping[str, Any], at: str) -> tuple[Action | None, dict[str, str]]:
    errors = _template(data.get("title"), f"{at}.title", required=True)
    errors.update(_template(data.get("description", ""), f"{at}.description", required=False))
    if errors:
        return None, errors
    return Action("create_child", template=data["title"], description=data.get("description", "")), {}


_ACTION_READERS: Mapping[str, Any] = {
    "set_field": _set_field,
    "route": _route,
    "reply": _reply,
    "resolve": _resolve,
    "create_child": _create_child,
}


def parse_actions(data: Any) -> tuple[Action, ...]:
    """The actions of a rule from JSON (a list of 1–10 objects)."""
    if not isinstance(data, list) or not 0 < len(data) <= MAX_ACTIONS:
        raise RuleError({"actions": f"Give a list of 1–{MAX_ACTIONS} actions."})
    actions, errors = [], {}
    for index, entry in enumerate(data):
        action, problems = _action(entry, f"actions.{index}")
        errors.update(problems)
        if action is not None:
            actions.append(action)
    if errors:
        raise RuleError(errors)
    return tuple(actions)


def render_template(template: str, item: Mapping[str, Any]) -> str:
    """The template with each ``{field}`` replaced by the item's value (blank when missing)."""

    def value(match: re.Match[str]) -> str:
        found = lookup(item, match.group(1))
        return "" if found is None else str(found)

    return PLACEHOLDER.sub(value, template)


# --- running rules -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleSpec:
    rule_id: int
    conditions: Node | None
    actions: tuple[Action, ...]
    stop: bool = False


@dataclass(frozen=True)
class Change:
    """One effect of an action: a field from ``before`` to ``after``, a reply's text, a child item."""

    kind: str
    field: str = ""
    before: Any = None
    after: Any = None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "field": self.field, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class Outcome:
    rule_id: int
    changes: tuple[Change, ...]

    @property
    def resolves(self) -> bool:
        return any(change.kind == "resolve" for change in self.changes)


RESOLVED_STATUSES = frozenset({"resolved", "closed"})


def _assign(item: dict[str, Any], path: str, value: Any) -> None:
    if path.startswith(CUSTOM_PREFIX):
        fields = item.setdefault("custom_fields", {})
        if isinstance(fields, dict):
            fields[path.removeprefix(CUSTOM_PREFIX)] = value
        return
    item[path] = value


def _effect(action: Action, item: dict[str, Any]) -> Change | None:
    """The change one action makes to the working item (applied to it), or None when it changes nothing."""
    if action.type == "set_field":
        before = lookup(item, action.field)
        if _same(before, action.value) and type(before) is type(action.value):
            return None
        _assign(item, action.field, action.value)
        return Change("set_field", action.field, before, action.value)
    if action.type == "route":
        before = item.get("queue_id")
        if before == action.queue_id:
            return None
        item["queue_id"] = action.queue_id
        return Change("route", "queue_id", before, action.queue_id)
    if action.type == "resolve":
        before = item.get("status")
        if before in RESOLVED_STATUSES:
            return None
        item["status"] = "resolved"
        return Change("resolve", "status", before, "resolved")
    if action.type == "reply":
        return Change("reply", after=render_template(action.template, item))
    title = render_template(action.template, item).strip()[:300] or "Follow-up"
    return Change("create_child", after={"title": title, "description": render_template(action.description, item)})


def apply_rules(item: Mapping[str, Any], rules: Sequence[RuleSpec]) -> list[Outcome]:
    """Run the rules in order over a copy of the item: the matched rules and the changes each made."""
    working = copy.deepcopy(dict(item))
    outcomes = []
    for rule in rules:
        if not matches(rule.conditions, working):
            continue
        changes = tuple(change for action in rule.actions if (change := _effect(action, working)) is not None)
        outcomes.append(Outcome(rule.rule_id, changes))
        if rule.stop:
            break
    return outcomes
