"""Worked scenarios shared by the advisor tests."""

from handoff.engines.advisor import (
    Answers,
    Business,
    Collaboration,
    Coverage,
    Hiring,
    Priorities,
    Process,
    ProcessKind,
    Sensitivity,
    Service,
)

US = Business("US", "America/New_York", "software", 40)

SMALL_STARTUP = Answers(
    business=US,
    hiring=Hiring(hires_per_year=5, recruiters=0, hr_collaboration=Collaboration.NONE),
    services=frozenset({Service.RPO}),
)

GROWING_STARTUP = Answers(
    business=US,
    hiring=Hiring(hires_per_year=60, hard_to_fill_share=0.6, recruiters=0),
    services=frozenset({Service.RPO}),
)

RETAILER_CHRISTMAS = Answers(
    business=Business("GB", "Europe/London", "retail", 2_000),
    hiring=Hiring(hires_per_year=400, peak_quarter_share=0.55, recruiters=2),
    services=frozenset({Service.RPO}),
)

RETAILER_SERVICE = Answers(
    business=Business("US", "America/Chicago", "retail", 2_000),
    processes=(
        Process(ProcessKind.CUSTOMER_SERVICE, True, monthly_volume=36_000, languages=("en", "es"),
                coverage=Coverage.ALWAYS),
        Process(ProcessKind.SALES_SUPPORT, True, in_house_fte=6, languages=("de",), coverage=Coverage.EXTENDED),
        Process(ProcessKind.DATA_ENTRY, False, monthly_volume=30_000),
    ),
    services=frozenset({Service.BPO}),
)  # fmt: skip

BANK = Answers(
    business=Business("DE", "Europe/Berlin", "banking", 3_000),
    hiring=Hiring(hires_per_year=300, recruiters=4, hr_collaboration=Collaboration.HIGH, time_to_hire_days=52),
    processes=(
        Process(ProcessKind.PAYROLL, False, monthly_volume=3_000, in_house_fte=3,
                sensitivity=Sensitivity.HIGH, regulated=True),
        Process(ProcessKind.CUSTOMER_SERVICE, True, in_house_fte=40, languages=("en",),
                coverage=Coverage.ALWAYS, sensitivity=Sensitivity.MEDIUM),
    ),
    priorities=Priorities(cost=3, speed=2, quality=4, control=3),
)  # fmt: skip

NEEDS_NEITHER = Answers(
    business=Business("FR", "Europe/Paris", "consulting", 60),
    hiring=Hiring(hires_per_year=4, recruiters=0),
    processes=(Process(ProcessKind.ACCOUNTING, False, monthly_volume=300),),
)
