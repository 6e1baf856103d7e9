"""The operations part of the demo: per active BPO engagement a service and a queue, agent profiles, a few items.

Called by ``handoff.domain.demo.seed`` acting as the demo provider admin; idempotent like the rest of the
seed (an engagement that already has its service is left alone). Items are raised through the actions,
so they carry status history and SLA deadlines like real ones; a few are claimed, waiting or resolved.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.assurance.demo import checked_change
from handoff.domain.engagements.models import BpoEngagement, DeliveryCenter, EngagementStatus
from handoff.domain.engagements.selectors import bpo_engagements
from handoff.domain.operations import selectors
from handoff.domain.operations.actions.claims import assign
from handoff.domain.operations.actions.items import add_message, change_status, create_item, load_closed_history
from handoff.domain.operations.actions.macros import create_macro
from handoff.domain.operations.actions.setup import certify_agent, create_queue, create_service, save_agent_profile
from handoff.domain.operations.demo_intake import seed_intake
from handoff.domain.operations.models import AgentProfile, ItemStatus, MessageKind
from handoff.domain.tenancy.access import visible_clients
from handoff.domain.tenancy.roles import StaffRole
from handoff.engines.routing import AgentState

# The center an agent works from, by the agent's time zone.
CENTER_BY_ZONE = {
    "America/Mexico_City": "Guadalajara Center",
    "Asia/Manila": "Manila Center",
    "Asia/Ho_Chi_Minh": "Ho Chi Minh City Center",
    "Asia/Kolkata": "Bengaluru Center",
    "Europe/Warsaw": "Kraków Center",
}
FIELDS = [
    {"name": "reference", "label": "Customer or document reference", "type": "text", "required": True},
    {"name": "channel", "type": "choice", "choices": ["email", "phone", "chat", "portal"], "required": True},
    {"name": "amount", "label": "Amount involved", "type": "number"},
]
# (title, priority, hours ago, what happened to it)
ITEMS = (
    ("Card blocked after travel", "urgent", 1, "claimed"),
    ("Duplicate charge on statement", "high", 3, "waiting"),
    ("Update billing address", "normal", 5, "new"),
    ("Request for a copy of invoice", "low", 8, "resolved"),
    ("Cannot log in to the portal", "high", 0, "new"),
)


def seed_operations(admin: User, created: Counter[str]) -> None:
    centers = {center.name: center for center in DeliveryCenter.objects.all()}
    agents = _agents(admin, centers, created)
    for engagement in bpo_engagements(admin).filter(status=EngagementStatus.ACTIVE).order_by("pk"):
        if not selectors.services(admin).filter(engagement=engagement).exists():
            _desk(admin, engagement, agents, created)
        seed_macros(admin, engagement, created)
    seed_intake(admin, agents, created)  # a day's email threads and a CSV batch on the first clients' desks


def _agents(admin: User, centers: dict[str, DeliveryCenter], created: Counter[str]) -> list[AgentProfile]:
    """Every demo BPO agent gets a profile at the center of their time zone, certified for the clients they serve."""
    profiles = []
    for user in User.objects.filter(role=StaffRole.BPO_AGENT, is_active=True).order_by("pk"):
        center = centers.get(CENTER_BY_ZONE.get(user.time_zone, ""))
        if center is None:
            continue
        profile = AgentProfile.objects.filter(user=user).first()
        if profile is None:
            skills = dict.fromkeys(_processes_served(admin, user), 3)
            profile = save_agent_profile(
                admin,
                user,
                {
                    "center": center,
                    "skills": skills,
                    "languages": ["en"],
                    "concurrency": 3,
                    "state": AgentState.AVAILABLE,
                },
            )
            for client in visible_clients(user):
                certify_agent(admin, profile, client.pk)
            created["agent profiles"] += 1
        profiles.append(profile)
    return profiles


def _processes_served(admin: User, user: User) -> set[str]:
    clients = visible_clients(user)
    return set(bpo_engagements(admin).filter(client__in=clients).values_list("process_type", flat=True))


def _desk(admin: User, engagement: BpoEngagement, agents: list[AgentProfile], created: Counter[str]) -> None:
    service = create_service(admin, engagement.pk, {"name": f"{engagement.name}: requests", "custom_fields": FIELDS})
    queue = create_queue(
        admin, service, {"name": "Tier 1", "required_skills": {engagement.process_type: 1}, "languages": ["en"]}
    )
    created["services"] += 1
    created["past work items"] += load_closed_history(
        admin, queue, past_traffic(engagement.pk, ZoneInfo(engagement.delivery_center.time_zone)), "Past request"
    )
    on_team = [p for p in agents if visible_clients(p.user).filter(pk=engagement.client_id).exists()]
    now = timezone.now()
    for number, (title, priority, hours_ago, fate) in enumerate(ITEMS):
        when = now - timedelta(hours=hours_ago)
        values = {"reference": f"{engagement.client.name[:3].upper()}-{1000 + number}", "channel": "email"}
        item = create_item(admin, service.pk, {"title": title, "priority": priority, "custom_fields": values}, now=when)
        created["work items"] += 1
        if fate == "new" or not on_team:
            continue
        agent = on_team[number % len(on_team)].user
        assign(admin, item, agent.pk, now=when)
        add_message(agent, item, MessageKind.REPLY, "Thanks, we are looking into it.", now=when + timedelta(minutes=9))
        if fate == "waiting":
            change_status(agent, item, ItemStatus.WAITING_CUSTOMER, now=when + timedelta(minutes=20))
        elif fate == "resolved":
            checked_change(agent, admin, item, now=when + timedelta(hours=1))  # maker-checker (assurance)
            change_status(agent, item, ItemStatus.RESOLVED, now=when + timedelta(hours=2))
        else:
            change_status(agent, item, ItemStatus.IN_PROGRESS, now=when + timedelta(minutes=10))


# (title, kind, status to set, body): canned replies every BPO client's desk starts with
MACROS = (
    (
        "Acknowledge",
        MessageKind.REPLY,
        "",
        "Hello {{ requester_name }}, thanks for your message about {{ item_reference }}. "
        "We are looking into it and will come back to you shortly.\n\n{{ agent_name }}, {{ service_name }}",
    ),
    (
        "Ask for details",
        MessageKind.REPLY,
        ItemStatus.WAITING_CUSTOMER,
        "Hello {{ requester_name }}, to go on with {{ item_reference }} we need a little more: "
        "could you send the order or document number and a screenshot if you have one?\n\n{{ agent_name }}",
    ),
    (
        "Resolved",
        MessageKind.REPLY,
        ItemStatus.RESOLVED,
        "Hello {{ requester_name }}, {{ item_reference }} is resolved. "
        "Reply to this message if anything is still not right.\n\n{{ agent_name }}, {{ service_name }}",
    ),
    (
        "Escalate to tier 2",
        MessageKind.NOTE,
        ItemStatus.IN_PROGRESS,
        "Escalating {{ item_reference }} to tier 2: first checks done by {{ agent_name }}.",
    ),
)


def seed_macros(admin: User, engagement: BpoEngagement, created: Counter[str]) -> None:
    """The client's starter macros (for all its services); one left out by title is added, the rest kept."""
    existing = set(selectors.macros(admin).filter(client_id=engagement.client_id).values_list("title", flat=True))
    for title, kind, status, body in MACROS:
        if title not in existing:
            data = {"title": title, "kind": kind, "set_status": status, "body": body}
            create_macro(admin, engagement.client_id, data)
            created["macros"] += 1


# --- weeks of past traffic, so that the workforce pages have a history to forecast from ----------------------

HISTORY_DAYS = 35
WEEKDAY_ITEMS = 90  # a weekday's mean arrivals; Saturday and Sunday get a share of it
WEEKEND_SHARE = (0.35, 0.2)


def _day_shape() -> tuple[float, ...]:
    """Each half hour's share of a day's arrivals: peaks at 10:30 and 15:00, quiet at night."""
    weights = [
        math.exp(-(((slot / 2 - 10.5) / 2.2) ** 2)) + 0.8 * math.exp(-(((slot / 2 - 15) / 2.5) ** 2)) + 0.01
        for slot in range(48)
    ]
    return tuple(weight / sum(weights) for weight in weights)


DAY_SHAPE = _day_shape()


def past_traffic(seed: int, zone: ZoneInfo, now: datetime | None = None) -> list[tuple[datetime, datetime]]:
    """(raised, closed) for each item of the last :data:`HISTORY_DAYS` days, up to yesterday's end.

    Poisson arrivals per half hour with a weekly pattern and a two-peak day (late morning, mid-afternoon)
    in the delivery center's time zone, a slight upward trend, and handling times of a few hours;
    seeded by the engagement, so the demo is the same on every machine.
    """
    rng = random.Random(seed)  # noqa: S311 - demo data, not a secret
    moment = now or timezone.now()
    today = moment.astimezone(zone).date()
    rows: list[tuple[datetime, datetime]] = []
    for back in range(HISTORY_DAYS, 0, -1):
        day = today - timedelta(days=back)
        weekday = day.weekday()
        daily = WEEKDAY_ITEMS * (1 + 0.004 * (HISTORY_DAYS - back))
        if weekday >= 5:
            daily *= WEEKEND_SHARE[weekday - 5]
        start = datetime.combine(day, time(0), tzinfo=zone)
        for slot, share in enumerate(DAY_SHAPE):
            for _ in range(_poisson(rng, daily * share)):
                raised = start + timedelta(minutes=30 * slot + rng.uniform(0, 30))
                rows.append((raised, min(moment, raised + timedelta(minutes=rng.uniform(20, 360)))))
    return rows


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: fine for the small means of a half hour."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
