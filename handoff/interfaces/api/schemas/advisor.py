"""Schemas of the public advisor API: the questionnaire's answers in, the advice (and its report) out."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from handoff.interfaces.api.schemas.base import InputSchema

ProcessKindIn = Literal[
    "customer_service", "sales_support", "it_support", "accounting", "payroll", "data_entry", "other"
]


class BusinessIn(InputSchema):
    country: str = Field(max_length=2, description="ISO 3166-1 alpha-2, e.g. US")
    time_zone: str = Field(max_length=64, description="IANA name, e.g. America/New_York")
    industry: str = Field(default="other", max_length=100)
    employees: int


class HiringIn(InputSchema):
    hires_per_year: int
    peak_quarter_share: float = Field(default=0.25, description="Share of the year's hires in the busiest quarter")
    hard_to_fill_share: float = 0.0
    time_to_hire_days: float | None = None
    cost_per_hire: float | None = None
    recruiters: int = 0
    hr_collaboration: Literal["none", "some", "high"] = "some"


class ProcessIn(InputSchema):
    kind: ProcessKindIn
    customer_facing: bool
    monthly_volume: int | None = None
    in_house_fte: float | None = None
    languages: list[str] = Field(default_factory=lambda: ["en"], max_length=20)
    coverage: Literal["office_hours", "extended", "24x7"] = "office_hours"
    sensitivity: Literal["low", "medium", "high"] = "low"
    regulated: bool = False


class PrioritiesIn(InputSchema):
    cost: int = 3
    speed: int = 3
    quality: int = 3
    control: int = 3


def _both_services() -> list[Literal["bpo", "rpo"]]:
    return ["bpo", "rpo"]


class AdviceIn(InputSchema):
    business: BusinessIn
    hiring: HiringIn | None = None
    processes: list[ProcessIn] = Field(default_factory=list, max_length=20)
    priorities: PrioritiesIn = Field(default_factory=PrioritiesIn)
    services: list[Literal["bpo", "rpo"]] = Field(default_factory=_both_services)
    assumptions: dict[str, Any] = Field(
        default_factory=dict,
        description="Assumptions to change for this report, by name (see the advice's `assumptions` list).",
    )


class VersionsOut(Schema):
    rate_card: int | None
    assumption_set: int | None


class AdviceOut(Schema):
    report_id: UUID
    report_url: str
    pdf_url: str
    verdict: str
    illustrative: bool
    measured_used: list[str]
    versions: VersionsOut
    advice: dict[str, Any]


class ProposalIn(InputSchema):
    name: str = Field(min_length=1, max_length=200)
    company: str = Field(min_length=1, max_length=200)
    email: str = Field(max_length=254)
    message: str = Field(default="", max_length=4000)
    consent: bool = Field(description="Consent to be contacted about a proposal: required.")


class ProposalOut(Schema):
    lead_received: bool
