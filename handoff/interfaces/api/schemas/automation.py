"""Schemas of the automation API: rules, their dry run, rule runs, the automation rate, the classifier."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field

from handoff.interfaces.api.schemas.base import MAX_INT, InputSchema, ObjectId


class RuleOut(Schema):
    id: int
    client_id: int
    service_id: int | None
    name: str
    trigger: str
    order: int
    is_active: bool
    stop: bool
    conditions: Any
    actions: Any
    created_at: dt.datetime
    updated_at: dt.datetime


class RuleIn(InputSchema):
    client_id: ObjectId
    service_id: ObjectId | None = Field(None, description="Narrow the rule to one service; every service when null.")
    name: str = Field(min_length=1, max_length=200)
    trigger: str = Field("create", description="create, update or schedule.")
    order: int = Field(100, ge=0, le=MAX_INT)
    is_active: bool = True
    stop: bool = False
    conditions: Any = Field(
        default_factory=dict, description='e.g. {"all": [{"field": "title", "op": "contains", "value": "refund"}]}'
    )
    actions: Any = Field(description='e.g. [{"type": "set_field", "field": "priority", "value": "high"}]')


class RulePatch(InputSchema):
    service_id: ObjectId | None = None
    name: str | None = Field(None, min_length=1, max_length=200)
    trigger: str | None = None
    order: int | None = Field(None, ge=0, le=MAX_INT)
    is_active: bool | None = None
    stop: bool | None = None
    conditions: Any = None
    actions: Any = None


class PreviewIn(InputSchema):
    client_id: ObjectId
    service_id: ObjectId | None = None
    conditions: Any = Field(default_factory=dict)
    actions: Any
    limit: int = Field(200, ge=1, le=1000)


class ChangeOut(Schema):
    kind: str
    field: str
    before: Any
    after: Any


class PreviewRowOut(Schema):
    item_id: int
    title: str
    changes: list[ChangeOut]


class PreviewOut(Schema):
    scanned: int
    matched: int
    rows: list[PreviewRowOut]


class RuleRunOut(Schema):
    id: int
    item_id: int
    rule_id: int | None
    trigger: str
    at: dt.datetime
    changes: Any
    resolved: bool


class RateOut(Schema):
    items: int
    done: int
    resolved_by_rule: int
    automated: int = Field(description="Resolved by a rule with no human touch.")
    rate: float = Field(description="automated / items")


class ClassifierOut(Schema):
    id: int
    client_id: int
    target: str
    version: int
    trained_at: dt.datetime
    samples: int
    labels: Any
    holdout_accuracy: float | None
    baseline_accuracy: float | None
    threshold: float
    is_active: bool


class TrainIn(InputSchema):
    client_id: ObjectId
    target: str = Field("queue", description="queue or category")
    threshold: float | None = Field(None, ge=0, le=1, description="Apply suggestions at or above this confidence.")


class QueuedOut(Schema):
    detail: str


class SuggestionOut(Schema):
    id: int
    item_id: int
    target: str
    queue_id: int | None
    label: str
    confidence: float
    applied: bool
    model_version: int
    created_at: dt.datetime
