"""BPO and RPO engagements.

Pricing fields (``pricing_model``, ``rate``, ``fee_amount``) are given only to roles in COMMERCIAL_ROLES;
for every other role they are null. ``client_id`` is set on create and never by PATCH (an unknown field
there is a 422).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import Field

from handoff.domain.engagements.models import (
    BpoEngagement,
    BpoPricing,
    Currency,
    EngagementStatus,
    HiringStage,
    Office,
    ProcessType,
    RpoEngagement,
    RpoModel,
    RpoPricing,
)
from handoff.domain.tenancy.access import sees_pricing
from handoff.interfaces.api.schemas.base import MAX_INT, InputSchema, ObjectId


def _viewer_sees_pricing(context: Any) -> bool:
    request = (context or {}).get("request")
    viewer = getattr(request, "auth", None)
    return viewer is not None and sees_pricing(viewer)


class DeliveryLocationOut(Schema):
    location: str = Field(description="onshore, nearshore or offshore: derived, never typed in.")
    hours_apart: float
    reason: str


class EngagementOut(Schema):
    id: int
    client_id: int
    name: str
    status: str
    start_date: dt.date
    end_date: dt.date | None
    currency: str
    notes: str
    pricing_model: str | None = Field(description="Null unless the caller's role may see pricing.")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_pricing_model(obj: BpoEngagement | RpoEngagement, context: Any) -> str | None:
        return obj.pricing_model if _viewer_sees_pricing(context) else None


class BpoEngagementOut(EngagementOut):
    process_type: str
    office: str
    delivery_center_id: int
    sla_first_response_minutes: int
    sla_resolution_hours: int
    sla_service_level_pct: Decimal
    rate: Decimal | None = Field(description="Null unless the caller's role may see pricing.")
    delivery_location: DeliveryLocationOut

    @staticmethod
    def resolve_rate(obj: BpoEngagement, context: Any) -> Decimal | None:
        return obj.rate if _viewer_sees_pricing(context) else None

    @staticmethod
    def resolve_delivery_location(obj: BpoEngagement) -> dict[str, Any]:
        decision = obj.location()
        return {"location": str(decision.location), "hours_apart": decision.hours_apart, "reason": decision.reason}


class RpoEngagementOut(EngagementOut):
    model: str
    provider_stages: list[str]
    client_stages: list[str]
    target_headcount: int | None
    window_start: dt.date | None
    window_end: dt.date | None
    fee_amount: Decimal | None = Field(description="Null unless the caller's role may see pricing.")

    @staticmethod
    def resolve_fee_amount(obj: RpoEngagement, context: Any) -> Decimal | None:
        return obj.fee_amount if _viewer_sees_pricing(context) else None

    @staticmethod
    def resolve_client_stages(obj: RpoEngagement) -> list[str]:
        return obj.client_stages()


# --- input --------------------------------------------------------------------------------------------------
# Create schemas name what a new engagement needs; PATCH schemas make every field optional and leave out the
# owner (client_id). Choices, lengths and cross-field rules are checked again by the model (full_clean).


class BpoEngagementIn(InputSchema):
    client_id: ObjectId
    name: str
    status: EngagementStatus = EngagementStatus.DRAFT
    start_date: dt.date
    end_date: dt.date | None = None
    currency: Currency = Currency.USD
    notes: str = ""
    process_type: ProcessType
    office: Office | None = Field(None, description="Derived from the process type when left out.")
    delivery_center_id: ObjectId
    sla_first_response_minutes: int = Field(60, ge=1, le=MAX_INT)
    sla_resolution_hours: int = Field(24, ge=1, le=MAX_INT)
    sla_service_level_pct: Decimal = Field(Decimal(80), ge=1, le=100, max_digits=5, decimal_places=2)
    pricing_model: BpoPricing
    rate: Decimal = Field(ge=0, max_digits=12, decimal_places=2)


class BpoEngagementPatch(InputSchema):
    name: str | None = None
    status: EngagementStatus | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    currency: Currency | None = None
    notes: str | None = None
    process_type: ProcessType | None = None
    office: Office | None = None
    delivery_center_id: ObjectId | None = None
    sla_first_response_minutes: int | None = Field(None, ge=1, le=MAX_INT)
    sla_resolution_hours: int | None = Field(None, ge=1, le=MAX_INT)
    sla_service_level_pct: Decimal | None = Field(None, ge=1, le=100, max_digits=5, decimal_places=2)
    pricing_model: BpoPricing | None = None
    rate: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)


class RpoEngagementIn(InputSchema):
    client_id: ObjectId
    name: str
    status: EngagementStatus = EngagementStatus.DRAFT
    start_date: dt.date
    end_date: dt.date | None = None
    currency: Currency = Currency.USD
    notes: str = ""
    model: RpoModel
    provider_stages: list[HiringStage] = Field(
        default_factory=list, description="Stages the provider owns (hybrid only; the others own every stage)."
    )
    target_headcount: int | None = Field(None, ge=1, le=MAX_INT)
    window_start: dt.date | None = None
    window_end: dt.date | None = None
    pricing_model: RpoPricing
    fee_amount: Decimal = Field(ge=0, max_digits=12, decimal_places=2)


class RpoEngagementPatch(InputSchema):
    name: str | None = None
    status: EngagementStatus | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    currency: Currency | None = None
    notes: str | None = None
    model: RpoModel | None = None
    provider_stages: list[HiringStage] | None = None
    target_headcount: int | None = Field(None, ge=1, le=MAX_INT)
    window_start: dt.date | None = None
    window_end: dt.date | None = None
    pricing_model: RpoPricing | None = None
    fee_amount: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
