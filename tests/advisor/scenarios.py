"""The advisor's four outcome scenarios as the API's JSON and as the web form's fields, with a rate card."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from handoff.domain.accounts.models import User
from handoff.domain.advisor import actions, codec
from handoff.domain.advisor.models import RateCard
from tests import factories

KINDS = ("customer_service", "sales_support", "it_support", "accounting", "payroll", "data_entry", "other")


@dataclass(frozen=True)
class Scenario:
    name: str
    answers: dict[str, Any]
    verdict: str
    rpo_model: str | None


STARTUP = Scenario(
    "startup hiring 60 engineers",
    {
        "services": ["rpo"],
        "business": {"country": "US", "time_zone": "America/New_York", "industry": "technology", "employees": 40},
        "hiring": {"hires_per_year": 60, "hard_to_fill_share": 0.6, "recruiters": 0, "hr_collaboration": "some"},
    },
    "rpo",
    "on_demand",
)
RETAILER = Scenario(
    "retailer with 24/7 multilingual customer service",
    {
        "services": ["bpo"],
        "business": {"country": "US", "time_zone": "America/Chicago", "industry": "retail", "employees": 2000},
        "processes": [
            {"kind": "customer_service", "customer_facing": True, "monthly_volume": 36000,
             "languages": ["en", "es"], "coverage": "24x7", "sensitivity": "low", "regulated": False},
        ],
    },
    "bpo",
    None,
)  # fmt: skip
BANK = Scenario(
    "bank with sensitive payroll and strong HR",
    {
        "services": ["bpo", "rpo"],
        "business": {"country": "DE", "time_zone": "Europe/Berlin", "industry": "finance", "employees": 3000},
        "hiring": {"hires_per_year": 300, "recruiters": 4, "hr_collaboration": "high", "time_to_hire_days": 52},
        "processes": [
            {"kind": "payroll", "customer_facing": False, "monthly_volume": 3000, "in_house_fte": 3,
             "languages": ["de"], "coverage": "office_hours", "sensitivity": "high", "regulated": True},
        ],
        "priorities": {"cost": 3, "speed": 2, "quality": 4, "control": 3},
    },
    "both",
    "hybrid",
)  # fmt: skip
NEITHER = Scenario(
    "consultancy that needs neither",
    {
        "services": ["bpo", "rpo"],
        "business": {"country": "FR", "time_zone": "Europe/Paris", "industry": "other", "employees": 60},
        "hiring": {"hires_per_year": 4, "recruiters": 0},
        "processes": [{"kind": "accounting", "customer_facing": False, "monthly_volume": 300}],
    },
    "neither",
    None,
)
ALL = (STARTUP, RETAILER, BANK, NEITHER)


def form_data(answers: dict[str, Any]) -> dict[str, Any]:
    """The web questionnaire's POST for these answers (what a prospect would fill in)."""
    business, hiring = answers["business"], answers.get("hiring") or {}
    priorities = answers.get("priorities", {})
    data: dict[str, Any] = {
        "services": answers["services"],
        **{key: str(value) for key, value in business.items()},
        "hires_per_year": str(hiring.get("hires_per_year", "")),
        "peak_quarter_pct": str(round(hiring.get("peak_quarter_share", 0.25) * 100)),
        "hard_to_fill_pct": str(round(hiring.get("hard_to_fill_share", 0) * 100)),
        "time_to_hire_days": str(hiring.get("time_to_hire_days", "")),
        "cost_per_hire": str(hiring.get("cost_per_hire", "")),
        "recruiters": str(hiring.get("recruiters", 0)),
        "hr_collaboration": hiring.get("hr_collaboration", "some"),
        **{f"priority_{name}": str(priorities.get(name, 3)) for name in ("cost", "speed", "quality", "control")},
    }
    for kind in KINDS:
        data |= {f"{kind}__customer_facing": "no", f"{kind}__languages": "en", f"{kind}__coverage": "office_hours",
                 f"{kind}__sensitivity": "low"}  # fmt: skip
    for process in answers.get("processes", []):
        kind = process["kind"]
        data |= {
            f"{kind}__include": "on",
            f"{kind}__customer_facing": "yes" if process["customer_facing"] else "no",
            f"{kind}__monthly_volume": str(process.get("monthly_volume", "")),
            f"{kind}__in_house_fte": str(process.get("in_house_fte", "")),
            f"{kind}__languages": ", ".join(process.get("languages", ["en"])),
            f"{kind}__coverage": process.get("coverage", "office_hours"),
            f"{kind}__sensitivity": process.get("sensitivity", "low"),
        }
        if process.get("regulated"):
            data[f"{kind}__regulated"] = "on"
    return data


def rate_card(admin: User) -> RateCard:
    """An illustrative rate card: Guadalajara (nearshore to the US), Manila (offshore), Frankfurt (onshore in DE)."""
    centers = {
        "Guadalajara": factories.DeliveryCenterFactory(
            name="Guadalajara Center", country="MX", city="Guadalajara", time_zone="America/Mexico_City",
            holiday_country="MX",
        ),
        "Manila": factories.DeliveryCenterFactory(),
        "Frankfurt": factories.DeliveryCenterFactory(
            name="Frankfurt Center", country="DE", city="Frankfurt", time_zone="Europe/Berlin", holiday_country="DE"
        ),
    }  # fmt: skip
    rates = {"Guadalajara": (2600, 3800), "Manila": (1500, 2300), "Frankfurt": (4200, 5200)}
    lines = [
        {"delivery_center": centers[name], "process_kind": kind, "rate_low": Decimal(low), "rate_high": Decimal(high)}
        for name, (low, high) in rates.items()
        for kind in ("customer_service", "payroll")
    ]
    return actions.publish_rate_card(admin, lines, currency="USD", note="test", illustrative=True)


@dataclass
class People:
    """The advisor tests' own cast (independent of the shared personas): who may do what with leads."""

    users: dict[str, User]

    def __getitem__(self, name: str) -> User:
        return self.users[name]


def people() -> People:
    """A provider admin, an account manager and a recruiter (on no team), and a client's HR admin."""
    return People(
        {
            "provider_admin": factories.StaffFactory(email="admin@provider.test", role="admin"),
            "account_manager": factories.StaffFactory(email="am@provider.test", role="account_manager"),
            "recruiter": factories.StaffFactory(email="recruiter@provider.test", role="recruiter"),
            "hr_admin": factories.ClientUserFactory(email="hr@client.test"),
        }
    )


def grow_leads(count: int = 8) -> None:
    """Many leads (each on its own report), some converted: for the query-count probes."""
    for index in range(count):
        report, _evaluation = actions.save_report(codec.answers_from_data(NEITHER.answers))
        contact = {
            "name": f"Prospect {index}",
            "company": f"Growth prospect {index}",
            "email": f"p{index}@example.test",
        }
        actions.submit_lead(report, {**contact, "consent": True}, None)
