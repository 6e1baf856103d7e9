"""The recruiting part of the demo: per RPO engagement a requisition in every state and realistic pipelines.

Called by ``handoff.domain.demo.seed`` acting as the demo provider admin; idempotent like the rest of the
seed (an engagement that already has requisitions is left alone). Everything goes through the actions, so
status events and stage transitions exist as they would in use; approvals are made by whoever the
engagement names (the client's HR admin, or the provider when a hybrid engagement gave that stage away).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from handoff.domain.accounts.models import User
from handoff.domain.engagements.models import RpoEngagement
from handoff.domain.engagements.selectors import rpo_engagements
from handoff.domain.recruiting import actions, rules
from handoff.domain.recruiting.models import Candidate, Requisition, RequisitionStatus, StageOwner
from handoff.domain.recruiting.normalise import skill_entries
from handoff.domain.recruiting.selectors import requisitions
from handoff.domain.tenancy.roles import ClientRole


@dataclass(frozen=True)
class RoleSpec:
    title: str
    department: str
    skills: tuple[str, ...]
    salary: tuple[int, int]


@dataclass(frozen=True)
class Market:
    city: str
    currency: str
    language: str
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    roles: tuple[RoleSpec, ...]  # six: one per requisition state


MARKETS: dict[str, Market] = {
    "US": Market(
        "New York",
        "USD",
        "English",
        ("Olivia", "Ethan", "Sofia", "Jamal", "Grace", "Diego", "Hannah", "Kevin"),
        ("Parker", "Nguyen", "Ramirez", "Johnson", "Kim", "Okafor", "Schultz", "Patel"),
        (
            RoleSpec("Senior backend engineer", "Engineering", ("Python", "PostgreSQL", "AWS"), (150000, 185000)),
            RoleSpec("Compliance analyst", "Risk", ("AML", "KYC", "SQL"), (85000, 105000)),
            RoleSpec("Site reliability engineer", "Engineering", ("Kubernetes", "Terraform", "Go"), (160000, 190000)),
            RoleSpec("Product designer", "Product", ("Figma", "User research"), (120000, 145000)),
            RoleSpec("Fraud operations lead", "Operations", ("Fraud detection", "Team leadership"), (95000, 115000)),
            RoleSpec("Data engineer", "Data", ("Spark", "Airflow", "Python"), (140000, 170000)),
        ),
    ),
    "DE": Market(
        "Stuttgart",
        "EUR",
        "German",
        ("Lukas", "Anna", "Felix", "Leonie", "Jonas", "Marie", "Tobias", "Lea"),
        ("Müller", "Schmidt", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Koch"),
        (
            RoleSpec("CNC machinist", "Production", ("CNC milling", "Heidenhain", "Drawings"), (42000, 52000)),
            RoleSpec("Industrial electrician", "Maintenance", ("PLC", "Siemens S7", "Safety"), (45000, 56000)),
            RoleSpec("Quality inspector", "Quality", ("CMM", "ISO 9001"), (40000, 48000)),
            RoleSpec("Welder (TIG)", "Production", ("TIG welding", "Stainless steel"), (38000, 46000)),
            RoleSpec("Maintenance mechanic", "Maintenance", ("Hydraulics", "Pneumatics"), (41000, 50000)),
            RoleSpec("Shift supervisor", "Production", ("Lean", "Team leadership"), (52000, 62000)),
        ),
    ),
    "AU": Market(
        "Sydney",
        "AUD",
        "English",
        ("Chloe", "Jack", "Ruby", "Noah", "Isla", "Cooper", "Zara", "Lachlan"),
        ("Smith", "Wilson", "Taylor", "Brown", "Martin", "Anderson", "White", "Thompson"),
        (
            RoleSpec("Casual store associate", "Stores", ("Customer service", "POS"), (52000, 56000)),
            RoleSpec("Visual merchandiser", "Stores", ("Merchandising", "Retail display"), (60000, 68000)),
            RoleSpec("Stockroom assistant", "Logistics", ("Inventory", "Forklift licence"), (54000, 58000)),
            RoleSpec("Assistant store manager", "Stores", ("Rostering", "Team leadership"), (70000, 78000)),
            RoleSpec("Customer service lead", "Stores", ("Complaint handling", "Coaching"), (62000, 67000)),
            RoleSpec("Online order picker", "Logistics", ("Picking", "RF scanner"), (53000, 57000)),
        ),
    ),
    "SG": Market(
        "Singapore",
        "SGD",
        "English",
        ("Wei Ling", "Arjun", "Nurul", "Jun Jie", "Mei Xin", "Rizwan", "Siti", "Kai"),
        ("Tan", "Lim", "Rahman", "Ng", "Lee", "Kumar", "Wong", "Chua"),
        (
            RoleSpec("Forklift driver", "Warehouse", ("Forklift licence", "WMS"), (30000, 36000)),
            RoleSpec("Warehouse picker", "Warehouse", ("Picking", "RF scanner"), (26000, 30000)),
            RoleSpec("Shift supervisor", "Warehouse", ("Team leadership", "Safety"), (42000, 50000)),
            RoleSpec("Inventory controller", "Warehouse", ("Cycle counting", "SAP"), (38000, 44000)),
            RoleSpec("Dispatch coordinator", "Transport", ("Route planning", "Excel"), (36000, 42000)),
            RoleSpec("Reach truck operator", "Warehouse", ("Reach truck", "Safety"), (32000, 37000)),
        ),
    ),
    "GB": Market(
        "Manchester",
        "GBP",
        "English",
        ("Amelia", "Oliver", "Priya", "Harry", "Aisha", "George", "Niamh", "Tom"),
        ("Jones", "Williams", "Khan", "Evans", "Davies", "Murphy", "Hughes", "Clarke"),
        (
            RoleSpec("Registered nurse (ward)", "Nursing", ("NMC registration", "Acute care"), (32000, 39000)),
            RoleSpec("Physiotherapist", "Allied health", ("HCPC registration", "MSK"), (35000, 42000)),
            RoleSpec("Ward manager", "Nursing", ("Team leadership", "Rostering"), (45000, 53000)),
            RoleSpec("Occupational therapist", "Allied health", ("HCPC registration",), (34000, 41000)),
            RoleSpec("Healthcare assistant", "Nursing", ("Care Certificate",), (23000, 26000)),
            RoleSpec("Theatre practitioner", "Surgery", ("Scrub", "Anaesthetics"), (33000, 40000)),
        ),
    ),
    "PH": Market(
        "Quezon City",
        "PHP",
        "Filipino",
        ("Maria", "Jose", "Angelica", "Mark", "Kristine", "Paolo", "Joy", "Rafael"),
        ("Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Torres", "Villanueva"),
        (
            RoleSpec("Contact-centre agent", "Customer care", ("English", "Customer service"), (300000, 360000)),
            RoleSpec("Store associate", "Retail", ("POS", "Customer service"), (220000, 260000)),
            RoleSpec("Team leader", "Customer care", ("Coaching", "Workforce management"), (480000, 560000)),
            RoleSpec("Quality analyst", "Customer care", ("Call monitoring", "Calibration"), (400000, 460000)),
            RoleSpec("Technical support agent", "Customer care", ("Troubleshooting", "Networking"), (340000, 400000)),
            RoleSpec("Store supervisor", "Retail", ("Inventory", "Team leadership"), (360000, 420000)),
        ),
    ),
}
STATES = (
    RequisitionStatus.OPEN,
    RequisitionStatus.DRAFT,
    RequisitionStatus.PENDING_APPROVAL,
    RequisitionStatus.ON_HOLD,
    RequisitionStatus.FILLED,
    RequisitionStatus.CANCELLED,
)
# Where the candidates of the open requisition stand: (stage key, rejection reason).
OPEN_PIPELINE = (
    ("sourced", ""),
    ("sourced", ""),
    ("screened", ""),
    ("submitted", ""),
    ("client_review", ""),
    ("interview", ""),
    ("offer", ""),
    ("rejected", "Salary expectation above the range"),
)


def seed_recruiting(admin: User, created: Counter[str]) -> None:
    people: Counter[str] = Counter()  # market city -> candidates made so far (picks the next name)
    for engagement in rpo_engagements(admin).order_by("pk"):
        if requisitions(admin, engagement.client).filter(engagement=engagement).exists():
            continue
        market = MARKETS.get(str(engagement.client.country.code))
        if market is not None:
            _requisitions(admin, engagement, Seeding(market, created, people))


@dataclass(frozen=True)
class Seeding:
    market: Market
    created: Counter[str]
    people: Counter[str]


def _approver(admin: User, engagement: RpoEngagement) -> User:
    if rules.approving_side(engagement) == StageOwner.PROVIDER:
        return admin
    hr = User.objects.filter(client_id=engagement.client_id, role=ClientRole.HR_ADMIN, is_active=True).first()
    return hr or admin


def _requisitions(admin: User, engagement: RpoEngagement, seeding: Seeding) -> None:
    market, created = seeding.market, seeding.created
    approver = _approver(admin, engagement)
    for role, state in zip(market.roles, STATES, strict=True):
        requisition = actions.create_requisition(
            admin,
            engagement.client_id,
            {
                "engagement": engagement,
                "title": role.title,
                "department": role.department,
                "location": market.city,
                "headcount": 1 if state == RequisitionStatus.FILLED else 3,
                "salary_min": Decimal(role.salary[0]),
                "salary_max": Decimal(role.salary[1]),
                "currency": market.currency,
                "required_skills": skill_entries(list(role.skills)),
                "languages": [market.language],
                "priority": "high" if state == RequisitionStatus.OPEN else "normal",
            },
        )
        created["requisitions"] += 1
        if state in (RequisitionStatus.DRAFT, RequisitionStatus.CANCELLED):
            if state == RequisitionStatus.CANCELLED:
                actions.change_requisition_status(admin, requisition, state, "Role merged into another opening.")
            continue
        actions.change_requisition_status(admin, requisition, RequisitionStatus.PENDING_APPROVAL)
        if state == RequisitionStatus.PENDING_APPROVAL:
            continue
        actions.change_requisition_status(approver, requisition, RequisitionStatus.OPEN, "Budget approved.")
        _pipeline(admin, requisition, state, seeding)


def _pipeline(admin: User, requisition: Requisition, state: str, seeding: Seeding) -> None:
    plan: tuple[tuple[str, str], ...] = {
        RequisitionStatus.OPEN: OPEN_PIPELINE,
        RequisitionStatus.ON_HOLD: OPEN_PIPELINE[:2],
        RequisitionStatus.FILLED: (("hired", ""),),
    }[RequisitionStatus(state)]
    for index, (stage, reason) in enumerate(plan):
        candidate = _candidate(admin, requisition, seeding)
        application = actions.add_application(admin, requisition, candidate)
        seeding.created["applications"] += 1
        if stage != "sourced":
            actions.move_application(admin, application, stage, reason)
        if index == 0:
            actions.add_application_note(admin, application, "Strong match on the required skills; keen to move.")
    if state == RequisitionStatus.ON_HOLD:
        actions.change_requisition_status(admin, requisition, state, "Hiring freeze until next quarter.")


def _candidate(admin: User, requisition: Requisition, seeding: Seeding) -> Candidate:
    """The next person of the market's name list (a new one per application)."""
    market = seeding.market
    number = seeding.people[market.city]
    seeding.people[market.city] += 1
    first = market.first_names[number % len(market.first_names)]
    last = market.last_names[(number // len(market.first_names) + number) % len(market.last_names)]
    mailbox = unicodedata.normalize("NFKD", f"{first}.{last}.{number}").encode("ascii", "ignore").decode()
    email = f"{mailbox}@mail.demo".lower().replace(" ", "")
    existing = Candidate.objects.filter(email_normalised=email).first()
    if existing is not None:
        return existing
    seeding.created["candidates"] += 1
    return actions.create_candidate(
        admin,
        {
            "full_name": f"{first} {last}",
            "email": email,
            "city": market.city,
            "country": requisition.client.country.code,
            "headline": requisition.title,
            "skills": list(requisition.required_skills),
            "languages": [market.language],
            "years_experience": 2 + number % 9,
            "notice_period_days": (number % 3) * 30,
            "source": ("sourced", "job_board", "referral", "careers_site")[number % 4],
            "consent_policy_version": "2026-01",
            "consent_date": dt.date(2026, 1, 15),
            "consent_channel": "web_form",
            "share_across_clients": number % 2 == 0,
            "origin_client": requisition.client_id,
        },
    )
