"""The provider's delivery centers (not client-owned)."""

from __future__ import annotations

from ninja import Schema

from handoff.domain.engagements.models import DeliveryCenter


class DeliveryCenterOut(Schema):
    id: int
    name: str
    country: str
    city: str
    time_zone: str
    working_hours: dict[str, list[list[str]]]
    holiday_country: str
    holiday_subdivision: str
    is_active: bool

    @staticmethod
    def resolve_country(obj: DeliveryCenter) -> str:
        return str(obj.country.code)

    @staticmethod
    def resolve_holiday_country(obj: DeliveryCenter) -> str:
        return str(obj.holiday_country.code)
