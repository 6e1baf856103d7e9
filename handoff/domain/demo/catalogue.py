"""What the demo provider is made of: plain, fixed data (no clock, no randomness).

Six clients in six countries and industries; six delivery centers with working-hours
windows (one runs around the clock in three shifts, one covers US daytime overnight);
a BPO engagement of every process type and pricing model, and RPO engagements of
every model and pricing model; provider staff of every role on account teams; an HR
admin, a hiring manager and a process owner for every client.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from handoff.domain.engagements.models import (
    WEEKDAYS,
    BpoPricing,
    Currency,
    EngagementStatus,
    HiringStage,
    ProcessType,
    RpoModel,
    RpoPricing,
)
from handoff.domain.tenancy.models import CompanySize, Industry
from handoff.domain.tenancy.roles import ClientRole, StaffRole

DEMO_PASSWORD = "handoff-demo-2026"  # noqa: S105 - public on purpose: printed with the demo logins
PROVIDER_DOMAIN = "provider.demo"

type Hours = dict[str, list[list[str]]]

# The e-mail local part of each client role: hr@<client>.demo, hiring@<client>.demo, ops@<client>.demo.
CLIENT_ROLE_MAILBOX: dict[ClientRole, str] = {
    ClientRole.HR_ADMIN: "hr",
    ClientRole.HIRING_MANAGER: "hiring",
    ClientRole.PROCESS_OWNER: "ops",
}


def _hours(days: tuple[str, ...], *windows: tuple[str, str]) -> Hours:
    return {day: [list(window) for window in windows] for day in days}


MON_FRI = WEEKDAYS[:5]
SAT = ("sat",)
EVERY_DAY = WEEKDAYS


@dataclass(frozen=True)
class CenterSpec:
    name: str
    country: str
    city: str
    time_zone: str
    working_hours: Hours
    holiday_country: str
    holiday_subdivision: str = ""


@dataclass(frozen=True)
class ClientSpec:
    slug: str  # the client's e-mail domain is <slug>.demo
    name: str
    legal_name: str
    country: str
    time_zone: str
    industry: Industry
    size: CompanySize
    people: dict[ClientRole, str]  # role -> full name

    def email(self, role: ClientRole) -> str:
        return f"{CLIENT_ROLE_MAILBOX[role]}@{self.slug}.demo"


@dataclass(frozen=True)
class StaffSpec:
    mailbox: str
    full_name: str
    role: StaffRole
    time_zone: str
    clients: tuple[str, ...] = ()  # slugs of the clients whose account team they join

    @property
    def email(self) -> str:
        return f"{self.mailbox}@{PROVIDER_DOMAIN}"


@dataclass(frozen=True)
class BpoSpec:
    client: str
    name: str
    process_type: ProcessType
    center: str
    pricing_model: BpoPricing
    rate: Decimal
    currency: Currency
    start_date: dt.date
    sla: tuple[int, int, Decimal]  # first response (business minutes), resolution (business hours), service level %
    status: EngagementStatus = EngagementStatus.ACTIVE
    notes: str = ""


@dataclass(frozen=True)
class RpoSpec:
    client: str
    name: str
    model: RpoModel
    pricing_model: RpoPricing
    fee_amount: Decimal
    currency: Currency
    start_date: dt.date
    end_date: dt.date | None = None
    provider_stages: tuple[HiringStage, ...] = ()
    target_headcount: int | None = None
    window: tuple[dt.date, dt.date] | None = None
    status: EngagementStatus = EngagementStatus.ACTIVE
    notes: str = ""


CENTERS: tuple[CenterSpec, ...] = (
    CenterSpec(
        "Ho Chi Minh City Center",
        "VN",
        "Ho Chi Minh City",
        "Asia/Ho_Chi_Minh",
        _hours(MON_FRI, ("08:00", "12:00"), ("13:00", "17:30")) | _hours(SAT, ("08:00", "12:00")),
        "VN",
    ),
    CenterSpec(
        "Manila Center",
        "PH",
        "Manila",
        "Asia/Manila",
        _hours(EVERY_DAY, ("00:00", "08:00"), ("08:00", "16:00"), ("16:00", "00:00")),  # 24/7 in three shifts
        "PH",
    ),
    CenterSpec(
        "Cebu Center",
        "PH",
        "Cebu City",
        "Asia/Manila",
        _hours(MON_FRI, ("00:00", "06:00"), ("08:00", "17:00"), ("21:00", "00:00")),  # overnight for the Americas
        "PH",
    ),
    CenterSpec(
        "Bengaluru Center",
        "IN",
        "Bengaluru",
        "Asia/Kolkata",
        _hours(MON_FRI, ("09:00", "13:00"), ("14:00", "18:00"), ("18:30", "23:30")) | _hours(SAT, ("09:00", "13:00")),
        "IN",
        "KA",
    ),
    CenterSpec(
        "Guadalajara Center",
        "MX",
        "Guadalajara",
        "America/Mexico_City",
        _hours(MON_FRI, ("07:00", "14:00"), ("15:00", "21:00")) | _hours(SAT, ("09:00", "14:00")),
        "MX",
    ),
    CenterSpec(
        "Kraków Center",
        "PL",
        "Kraków",
        "Europe/Warsaw",
        _hours(MON_FRI, ("07:30", "12:00"), ("12:30", "16:00"), ("16:00", "20:00")),
        "PL",
    ),
)


def _people(hr_admin: str, hiring_manager: str, process_owner: str) -> dict[ClientRole, str]:
    return {
        ClientRole.HR_ADMIN: hr_admin,
        ClientRole.HIRING_MANAGER: hiring_manager,
        ClientRole.PROCESS_OWNER: process_owner,
    }


CLIENTS: tuple[ClientSpec, ...] = (
    ClientSpec(
        "northwind",
        "Northwind Pay",
        "Northwind Payments, Inc.",
        "US",
        "America/New_York",
        Industry.FINANCE,
        CompanySize.LARGE,
        _people("Danielle Brooks", "Marcus Chen", "Priya Raman"),
    ),
    ClientSpec(
        "rheinwerk",
        "Rheinwerk Maschinenbau",
        "Rheinwerk Maschinenbau GmbH",
        "DE",
        "Europe/Berlin",
        Industry.MANUFACTURING,
        CompanySize.ENTERPRISE,
        _people("Katrin Vogel", "Jonas Becker", "Sabine Hoffmann"),
    ),
    ClientSpec(
        "coralcoast",
        "Coral Coast Retail",
        "Coral Coast Retail Group Pty Ltd",
        "AU",
        "Australia/Sydney",
        Industry.RETAIL,
        CompanySize.ENTERPRISE,
        _people("Emma Walsh", "Liam O'Connor", "Mia Nguyen"),
    ),
    ClientSpec(
        "straits",
        "Straits Freight",
        "Straits Freight Logistics Pte. Ltd.",
        "SG",
        "Asia/Singapore",
        Industry.LOGISTICS,
        CompanySize.LARGE,
        _people("Tan Wei Ling", "Arjun Pillai", "Nurul Huda Rahman"),
    ),
    ClientSpec(
        "harbourside",
        "Harbourside Health",
        "Harbourside Health Services Ltd",
        "GB",
        "Europe/London",
        Industry.HEALTHCARE,
        CompanySize.LARGE,
        _people("Olivia Bennett", "James Whitaker", "Aisha Khan"),
    ),
    ClientSpec(
        "luzon",
        "Luzon Telecom",
        "Luzon Telecommunications Corporation",
        "PH",
        "Asia/Manila",
        Industry.TELECOM,
        CompanySize.ENTERPRISE,
        _people("Maria Santos", "Paolo Reyes", "Andrea Villanueva"),
    ),
)

ADMIN = StaffSpec("admin", "Alex Morgan", StaffRole.ADMIN, "Asia/Manila")

STAFF: tuple[StaffSpec, ...] = (
    ADMIN,
    StaffSpec("am.americas", "Sofía Hernández", StaffRole.ACCOUNT_MANAGER, "America/Mexico_City", ("northwind",)),
    StaffSpec("am.emea", "Tomasz Nowak", StaffRole.ACCOUNT_MANAGER, "Europe/Warsaw", ("rheinwerk", "harbourside")),
    StaffSpec("am.apac", "Grace Lim", StaffRole.ACCOUNT_MANAGER, "Asia/Singapore", ("coralcoast", "straits", "luzon")),
    StaffSpec(
        "recruiter.ana", "Ana Dela Cruz", StaffRole.RECRUITER, "Asia/Manila", ("northwind", "coralcoast", "luzon")
    ),
    StaffSpec("recruiter.rohan", "Rohan Mehta", StaffRole.RECRUITER, "Asia/Kolkata", ("harbourside", "straits")),
    StaffSpec("recruiter.magda", "Magdalena Wiśniewska", StaffRole.RECRUITER, "Europe/Warsaw", ("rheinwerk",)),
    StaffSpec(
        "sourcer.thanh",
        "Nguyễn Văn Thành",
        StaffRole.SOURCER,
        "Asia/Ho_Chi_Minh",
        ("rheinwerk", "coralcoast", "straits", "harbourside"),
    ),
    StaffSpec("agent.carlos", "Carlos Ramírez", StaffRole.BPO_AGENT, "America/Mexico_City", ("northwind",)),
    StaffSpec("agent.joy", "Joy Bautista", StaffRole.BPO_AGENT, "Asia/Manila", ("northwind", "coralcoast", "luzon")),
    StaffSpec("agent.minh", "Trần Minh Anh", StaffRole.BPO_AGENT, "Asia/Ho_Chi_Minh", ("straits",)),
    StaffSpec("agent.kavya", "Kavya Reddy", StaffRole.BPO_AGENT, "Asia/Kolkata", ("harbourside",)),
    StaffSpec("agent.piotr", "Piotr Kowalski", StaffRole.BPO_AGENT, "Europe/Warsaw", ("rheinwerk", "harbourside")),
    StaffSpec("lead.ramon", "Ramon Aquino", StaffRole.TEAM_LEAD, "Asia/Manila", ("northwind", "coralcoast", "luzon")),
    StaffSpec("lead.deepa", "Deepa Iyer", StaffRole.TEAM_LEAD, "Asia/Kolkata", ("harbourside", "straits")),
    StaffSpec("qa.kasia", "Katarzyna Zielińska", StaffRole.QA_ANALYST, "Europe/Warsaw", ("rheinwerk", "harbourside")),
    StaffSpec("qa.mark", "Mark Villareal", StaffRole.QA_ANALYST, "Asia/Manila", ("northwind", "coralcoast", "luzon")),
)

BPO_ENGAGEMENTS: tuple[BpoSpec, ...] = (
    BpoSpec(
        "northwind", "Cardholder support (Americas)", ProcessType.CUSTOMER_SERVICE, "Guadalajara Center",
        BpoPricing.FTE_MONTH, Decimal("3150.00"), Currency.USD, dt.date(2025, 3, 1), (30, 8, Decimal("85")),
        notes="English and Spanish phone and chat support for card holders.",
    ),
    BpoSpec(
        "northwind", "Merchant IT helpdesk", ProcessType.IT_SUPPORT, "Manila Center",
        BpoPricing.PER_TRANSACTION, Decimal("18.50"), Currency.USD, dt.date(2025, 6, 1), (15, 4, Decimal("90")),
        notes="Level-1 support for point-of-sale terminals, around the clock; priced per resolved ticket.",
    ),
    BpoSpec(
        "rheinwerk", "Accounts payable", ProcessType.ACCOUNTING, "Kraków Center",
        BpoPricing.MONTHLY_FEE, Decimal("42000.00"), Currency.EUR, dt.date(2024, 10, 1), (240, 24, Decimal("95")),
        notes="Supplier invoice posting, three-way matching and payment runs in SAP.",
    ),
    BpoSpec(
        "rheinwerk", "Payroll for German plants", ProcessType.PAYROLL, "Kraków Center",
        BpoPricing.PER_TRANSACTION, Decimal("9.80"), Currency.EUR, dt.date(2025, 1, 1), (480, 48, Decimal("99")),
        notes="Monthly payroll for four plants; priced per payslip.",
    ),
    BpoSpec(
        "coralcoast", "Online order sales support", ProcessType.SALES_SUPPORT, "Cebu Center",
        BpoPricing.OUTCOME, Decimal("6.40"), Currency.AUD, dt.date(2025, 9, 1), (10, 4, Decimal("80")),
        notes="Chat-assisted selling on the web shop; paid per converted order.",
    ),
    BpoSpec(
        "coralcoast", "Customer care (phone and chat)", ProcessType.CUSTOMER_SERVICE, "Manila Center",
        BpoPricing.FTE_MONTH, Decimal("2850.00"), Currency.AUD, dt.date(2025, 2, 1), (20, 8, Decimal("85")),
    ),
    BpoSpec(
        "straits", "Shipment document data entry", ProcessType.DATA_ENTRY, "Ho Chi Minh City Center",
        BpoPricing.PER_TRANSACTION, Decimal("0.85"), Currency.SGD, dt.date(2025, 5, 1), (60, 12, Decimal("98")),
        notes="Bills of lading and customs declarations keyed into the TMS; priced per document.",
    ),
    BpoSpec(
        "harbourside", "Clinical coding and claims", ProcessType.OTHER, "Bengaluru Center",
        BpoPricing.FTE_MONTH, Decimal("2300.00"), Currency.GBP, dt.date(2025, 4, 1), (120, 24, Decimal("95")),
        notes="Clinical coding of discharge summaries and insurer claims preparation.",
    ),
    BpoSpec(
        "harbourside", "Patient appointment line", ProcessType.CUSTOMER_SERVICE, "Kraków Center",
        BpoPricing.MONTHLY_FEE, Decimal("31000.00"), Currency.GBP, dt.date(2026, 7, 1), (5, 2, Decimal("90")),
        status=EngagementStatus.DRAFT, notes="Proposal: booking and rescheduling calls for outpatient clinics.",
    ),
    BpoSpec(
        "luzon", "Subscriber care", ProcessType.CUSTOMER_SERVICE, "Cebu Center",
        BpoPricing.FTE_MONTH, Decimal("38000.00"), Currency.PHP, dt.date(2024, 8, 1), (15, 8, Decimal("80")),
        notes="Tagalog, Cebuano and English support for prepaid and postpaid subscribers.",
    ),
    BpoSpec(
        "luzon", "Prepaid load reconciliation", ProcessType.ACCOUNTING, "Manila Center",
        BpoPricing.OUTCOME, Decimal("1.20"), Currency.PHP, dt.date(2025, 11, 1), (60, 24, Decimal("97")),
        status=EngagementStatus.PAUSED, notes="Paused while the client migrates its billing system.",
    ),
)  # fmt: skip

RPO_ENGAGEMENTS: tuple[RpoSpec, ...] = (
    RpoSpec(
        "northwind", "Engineering and compliance hiring", RpoModel.ENTERPRISE, RpoPricing.MANAGEMENT_FEE,
        Decimal("28000.00"), Currency.USD, dt.date(2025, 1, 15), dt.date(2027, 1, 14),
        notes="All permanent hiring in the US; monthly management fee.",
    ),
    RpoSpec(
        "rheinwerk", "Skilled trades programme", RpoModel.HYBRID, RpoPricing.FEE_PER_HIRE,
        Decimal("4800.00"), Currency.EUR, dt.date(2025, 2, 1),
        provider_stages=(HiringStage.SOURCING, HiringStage.SCREENING),
        notes="The provider sources and screens CNC machinists and electricians; plant HR interviews and offers.",
    ),
    RpoSpec(
        "coralcoast", "Christmas peak store hiring", RpoModel.ON_DEMAND, RpoPricing.FEE_PER_HIRE,
        Decimal("950.00"), Currency.AUD, dt.date(2026, 8, 15), dt.date(2026, 12, 31),
        target_headcount=180, window=(dt.date(2026, 9, 1), dt.date(2026, 11, 30)),
        notes="Casual store staff for 40 stores before the Christmas peak.",
    ),
    RpoSpec(
        "straits", "Warehouse expansion surge", RpoModel.ON_DEMAND, RpoPricing.COST_PLUS,
        Decimal("12500.00"), Currency.SGD, dt.date(2026, 2, 15), dt.date(2026, 7, 31),
        target_headcount=60, window=(dt.date(2026, 3, 1), dt.date(2026, 6, 30)),
        status=EngagementStatus.ENDED,
        notes="Pickers, forklift drivers and shift supervisors for the new Tuas hub; recruiter cost plus 12%.",
    ),
    RpoSpec(
        "harbourside", "Nursing and allied health recruitment", RpoModel.HYBRID, RpoPricing.COST_PLUS,
        Decimal("21000.00"), Currency.GBP, dt.date(2025, 6, 1),
        provider_stages=(HiringStage.SOURCING, HiringStage.SCREENING, HiringStage.INTERVIEWING),
        notes="Ward managers keep requisitions, offers and onboarding.",
    ),
    RpoSpec(
        "luzon", "Retail store and contact-centre hiring", RpoModel.ENTERPRISE, RpoPricing.FEE_PER_HIRE,
        Decimal("25000.00"), Currency.PHP, dt.date(2024, 9, 1),
        notes="Store associates and contact-centre agents across Luzon; fee per hire.",
    ),
)  # fmt: skip
