"""The rules engine: conditions (every operator, groups), parsing errors by path, actions and their changes."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handoff.engines.automation import (
    RuleError,
    RuleSpec,
    apply_rules,
    matches,
    parse_actions,
    parse_conditions,
    render_template,
)

ITEM: dict[str, Any] = {
    "id": 7,
    "title": "Refund for order A-1001",
    "description": "The parcel never arrived.",
    "priority": "high",
    "item_type": "ticket",
    "status": "new",
    "queue_id": 1,
    "custom_fields": {"amount": 120.5, "channel": "email", "tags": ["vip", "eu"], "order_id": "A-1001"},
}


def check(condition: Any, item: dict[str, Any] = ITEM) -> bool:
    return matches(parse_conditions(condition), item)


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"field": "priority", "op": "equals", "value": "HIGH "}, True),
        ({"field": "priority", "op": "not_equals", "value": "high"}, False),
        ({"field": "item_type", "op": "in", "value": ["case", "ticket"]}, True),
        ({"field": "item_type", "op": "not_in", "value": ["case", "ticket"]}, False),
        ({"field": "title", "op": "contains", "value": "REFUND"}, True),
        ({"field": "description", "op": "not_contains", "value": "arrived"}, False),
        ({"field": "custom_fields.tags", "op": "contains", "value": "VIP"}, True),
        ({"field": "title", "op": "regex", "value": r"order [A-Z]-\d{4}"}, True),
        ({"field": "title", "op": "regex", "value": r"^invoice"}, False),
        ({"field": "priority", "op": "priority_at_least", "value": "normal"}, True),
        ({"field": "priority", "op": "priority_at_least", "value": "urgent"}, False),
        ({"field": "custom_fields.amount", "op": "gt", "value": 100}, True),
        ({"field": "custom_fields.amount", "op": "lte", "value": "120.5"}, True),
        ({"field": "custom_fields.amount", "op": "lt", "value": 100}, False),
        ({"field": "custom_fields.channel", "op": "gt", "value": 1}, False),  # not a number: never matches
        ({"field": "custom_fields.missing", "op": "is_empty"}, True),
        ({"field": "custom_fields.order_id", "op": "not_empty"}, True),
        ({"field": "custom_fields.missing", "op": "equals", "value": "x"}, False),
    ],
)
def test_each_operator(condition: dict[str, Any], expected: bool) -> None:
    assert check(condition) is expected


def test_all_and_any_groups_nest() -> None:
    rule = {
        "all": [
            {"field": "title", "op": "contains", "value": "refund"},
            {
                "any": [
                    {"field": "priority", "op": "equals", "value": "low"},
                    {"field": "custom_fields.amount", "op": "gte", "value": 100},
                ]
            },
        ]
    }
    assert check(rule)
    assert not check(rule, {**ITEM, "custom_fields": {"amount": 5}})
    assert check([{"field": "status", "op": "equals", "value": "new"}])  # a bare list means "all"


def test_no_conditions_match_every_item() -> None:
    assert parse_conditions({}) is None
    assert matches(None, {})


@pytest.mark.parametrize(
    ("conditions", "path"),
    [
        ({"field": "title", "op": "like", "value": "x"}, "conditions.op"),
        ({"field": "Title!", "op": "equals", "value": "x"}, "conditions.field"),
        ({"all": [{"field": "title", "op": "regex", "value": "(unclosed"}]}, "conditions.all.0.value"),
        ({"all": [{"field": "priority", "op": "priority_at_least", "value": "asap"}]}, "conditions.all.0.value"),
        ({"any": []}, "conditions.any"),
        ({"all": [{"field": "a", "op": "in", "value": "not a list"}]}, "conditions.all.0.value"),
        ({"field": "a", "op": "gt", "value": "ten"}, "conditions.value"),
        ({"field": "a", "op": "is_empty", "value": 3}, "conditions.value"),
        ("text", "conditions"),
    ],
)
def test_bad_conditions_are_reported_by_path(conditions: Any, path: str) -> None:
    with pytest.raises(RuleError) as caught:
        parse_conditions(conditions)
    assert path in caught.value.errors


@pytest.mark.parametrize(
    ("actions", "path"),
    [
        ([], "actions"),
        ([{"type": "explode"}], "actions.0.type"),
        ([{"type": "set_field", "field": "status", "value": "closed"}], "actions.0.field"),
        ([{"type": "set_field", "field": "priority", "value": "asap"}], "actions.0.value"),
        ([{"type": "resolve"}, {"type": "route", "queue_id": "three"}], "actions.1.queue_id"),
        ([{"type": "reply", "template": "  "}], "actions.0.template"),
        ([{"type": "create_child"}], "actions.0.title"),
    ],
)
def test_bad_actions_are_reported_by_path(actions: Any, path: str) -> None:
    with pytest.raises(RuleError) as caught:
        parse_actions(actions)
    assert path in caught.value.errors


def test_templates_fill_fields_and_blank_missing_ones() -> None:
    assert (
        render_template("Re: {title} ({custom_fields.order_id}){nothing}", ITEM)
        == "Re: Refund for order A-1001 (A-1001)"
    )
    assert render_template("{not a field}", ITEM) == "{not a field}"


def rule(rule_id: int, conditions: Any, actions: list[dict[str, Any]], stop: bool = False) -> RuleSpec:
    return RuleSpec(rule_id, parse_conditions(conditions), parse_actions(actions), stop)


def test_actions_produce_changes_and_later_rules_see_earlier_changes() -> None:
    rules = [
        rule(
            1,
            {"field": "title", "op": "contains", "value": "refund"},
            [
                {"type": "set_field", "field": "priority", "value": "urgent"},
                {"type": "set_field", "field": "custom_fields.channel", "value": "phone"},
                {"type": "route", "queue_id": 9},
            ],
        ),
        rule(
            2,
            {"field": "priority", "op": "equals", "value": "urgent"},
            [
                {"type": "reply", "template": "Hello, {title} is {priority}"},
                {
                    "type": "create_child",
                    "title": "Check {custom_fields.order_id}",
                    "description": "Via {custom_fields.channel}",
                },
                {"type": "resolve"},
            ],
        ),
    ]
    outcomes = apply_rules(ITEM, rules)
    assert [o.rule_id for o in outcomes] == [1, 2]
    first = [c.as_dict() for c in outcomes[0].changes]
    assert first == [
        {"kind": "set_field", "field": "priority", "before": "high", "after": "urgent"},
        {"kind": "set_field", "field": "custom_fields.channel", "before": "email", "after": "phone"},
        {"kind": "route", "field": "queue_id", "before": 1, "after": 9},
    ]
    second = outcomes[1].changes
    assert second[0].after == "Hello, Refund for order A-1001 is urgent"
    assert second[1].after == {"title": "Check A-1001", "description": "Via phone"}
    assert second[2].kind == "resolve"
    assert outcomes[1].resolves
    assert ITEM["priority"] == "high"  # the item given is never changed


def test_stop_ends_the_run_and_no_op_changes_are_left_out() -> None:
    rules = [
        rule(1, {}, [{"type": "set_field", "field": "priority", "value": "high"}], stop=True),
        rule(2, {}, [{"type": "resolve"}]),
    ]
    outcomes = apply_rules(ITEM, rules)
    assert [o.rule_id for o in outcomes] == [1]
    assert outcomes[0].changes == ()  # already high
    assert apply_rules({**ITEM, "status": "resolved"}, [rule(3, {}, [{"type": "resolve"}])])[0].changes == ()


priorities = st.sampled_from(["low", "normal", "high", "urgent"])


@given(priorities, priorities)
def test_priority_at_least_is_the_order_low_normal_high_urgent(item_priority: str, floor: str) -> None:
    order = ["low", "normal", "high", "urgent"]
    condition = {"field": "priority", "op": "priority_at_least", "value": floor}
    assert check(condition, {"priority": item_priority}) is (order.index(item_priority) >= order.index(floor))


@given(st.text(max_size=40), st.text(min_size=1, max_size=5))
def test_not_contains_is_the_negation_of_contains(text: str, needle: str) -> None:
    item = {"title": text}
    yes = check({"field": "title", "op": "contains", "value": needle}, item)
    no = check({"field": "title", "op": "not_contains", "value": needle}, item)
    assert yes is not no


@given(st.lists(st.booleans(), min_size=1, max_size=6))
def test_groups_are_all_and_any(flags: list[bool]) -> None:
    children = [{"field": "x", "op": "equals", "value": flag} for flag in flags]
    item = {"x": True}
    assert check({"all": children}, item) is all(flags)
    assert check({"any": children}, item) is any(flags)


@given(st.dictionaries(st.sampled_from(["title", "priority", "status"]), st.text(max_size=10)))
def test_applying_rules_never_changes_the_input(item: dict[str, Any]) -> None:
    before = dict(item)
    apply_rules(item, [rule(1, {}, [{"type": "set_field", "field": "priority", "value": "low"}, {"type": "resolve"}])])
    assert item == before
