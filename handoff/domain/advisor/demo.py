"""The advisor's part of the demo: an illustrative rate card and assumptions, and two leads.

Called by ``handoff.domain.demo.seed``; idempotent like the rest of the seed (looked up before created).
Every figure here is labelled illustrative: round numbers of plausible magnitude, not a quote.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from handoff.domain.accounts.models import User
from handoff.domain.advisor import actions, codec
from handoff.domain.advisor.models import AssumptionSet, Lead, RateCard
from handoff.domain.engagements.models import DeliveryCenter, ProcessType

# Illustrative USD per FTE-month (low, high) by center, and a factor by process (skills differ).
CENTER_RATES: dict[str, tuple[int, int]] = {
    "Manila Center": (1_500, 2_300),
    "Cebu Center": (1_400, 2_200),
    "Bengaluru Center": (1_400, 2_300),
    "Ho Chi Minh City Center": (1_300, 2_100),
    "Guadalajara Center": (2_600, 3_800),
    "Kraków Center": (3_000, 4_300),
}
PROCESS_FACTOR: dict[str, Decimal] = {
    ProcessType.CUSTOMER_SERVICE: Decimal("1.00"),
    ProcessType.SALES_SUPPORT: Decimal("1.05"),
    ProcessType.IT_SUPPORT: Decimal("1.20"),
    ProcessType.ACCOUNTING: Decimal("1.15"),
    ProcessType.PAYROLL: Decimal("1.10"),
    ProcessType.DATA_ENTRY: Decimal("0.85"),
    ProcessType.OTHER: Decimal("1.00"),
}
ILLUSTRATIVE_NOTE = "Illustrative demo values: not a quote, not market data."

DEMO_LEADS: tuple[tuple[Mapping[str, Any], Mapping[str, str]], ...] = (
    (
        {
            "services": ["bpo"],
            "business": {"country": "US", "time_zone": "America/Chicago", "industry": "retail", "employees": 2000},
            "processes": [
                {"kind": "customer_service", "customer_facing": True, "monthly_volume": 36000,
                 "languages": ["en", "es"], "coverage": "24x7"},
            ],
        },
        {"name": "Dana Whitfield", "company": "Northwind Outfitters", "email": "dana.whitfield@northwind.example"},
    ),
    (
        {
            "services": ["rpo"],
            "business": {"country": "US", "time_zone": "America/New_York", "industry": "technology", "employees": 40},
            "hiring": {"hires_per_year": 60, "hard_to_fill_share": 0.6, "recruiters": 0},
        },
        {"name": "Sam Okafor", "company": "Fabrikam Robotics", "email": "sam.okafor@fabrikam.example"},
    ),
)  # fmt: skip


def seed_advisor(admin: User, created: Counter[str]) -> None:
    """Create whatever part of the advisor's demo data is missing."""
    if not RateCard.objects.exists():
        lines = [
            {
                "delivery_center": center,
                "process_kind": kind,
                "rate_low": Decimal(CENTER_RATES[center.name][0]) * factor,
                "rate_high": Decimal(CENTER_RATES[center.name][1]) * factor,
            }
            for center in DeliveryCenter.objects.filter(name__in=CENTER_RATES).order_by("name")
            for kind, factor in PROCESS_FACTOR.items()
        ]
        actions.publish_rate_card(admin, lines, currency="USD", note=ILLUSTRATIVE_NOTE, illustrative=True)
        created["advisor rate cards"] += 1
    if not AssumptionSet.objects.exists():
        actions.publish_assumption_set(admin, {}, note=ILLUSTRATIVE_NOTE, illustrative=True)
        created["advisor assumption sets"] += 1
    for answers, contact in DEMO_LEADS:
        if Lead.objects.filter(company=contact["company"]).exists():
            continue
        report, _evaluation = actions.save_report(codec.answers_from_data(answers))
        actions.submit_lead(report, {**contact, "consent": True}, None)
        created["advisor leads"] += 1
