"""The demo's email and CSV intake: a day's requests that came in by email and by a CSV upload.

On the desks of the first few clients (``INTAKE_CLIENTS``): a customer's email raises an item (acknowledged,
marked as lacking the service's required fields), the customer writes again on the same thread, an agent fills
the fields and answers (mailed back once the seed commits); a second email waits untouched; and a CSV batch
with one bad row is uploaded (its row report goes to the seed's counts). Each message has a fixed Message-ID,
so a re-seed receives nothing twice; the CSV batch is skipped when its items are already there.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from email.message import EmailMessage

from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.assurance.permissions import needs_checker
from handoff.domain.operations import selectors
from handoff.domain.operations.actions.csv_intake import import_csv
from handoff.domain.operations.actions.email_intake import address_of, receive_email
from handoff.domain.operations.actions.items import add_message, fill_custom_fields
from handoff.domain.operations.models import AgentProfile, MessageKind, Service
from handoff.domain.tenancy.access import visible_clients

INTAKE_CLIENTS = 3
CUSTOMER_DOMAIN = "customer.example"  # reserved (RFC 2606): nothing sent to it is delivered
CSV_BATCH = (
    "title,description,priority,reference,channel\n"
    "Address change for account holder,Moved last month,normal,{code}-2001,portal\n"
    "Refund of cancelled order,Order cancelled within the window,high,{code}-2002,email\n"
    "Copy of last three statements,,low,{code}-2003,phone\n"
    "Unreadable row without a reference,,normal,,\n"
)
CSV_TITLES = ("Address change for account holder", "Refund of cancelled order", "Copy of last three statements")


def seed_intake(admin: User, agents: list[AgentProfile], created: Counter[str]) -> None:
    """Email threads and a CSV batch on each of the first clients' first demo service (idempotent)."""
    seen: set[int] = set()
    for service in selectors.services(admin).select_related("client").order_by("client_id", "pk"):
        if service.client_id in seen or len(seen) >= INTAKE_CLIENTS:
            continue
        seen.add(service.client_id)
        on_team = [p.user for p in agents if visible_clients(p.user).filter(pk=service.client_id).exists()]
        now = timezone.now()
        _emails(service, on_team[0] if on_team else None, now, created)
        _csv_batch(admin, service, now, created)


def _email(service: Service, number: int, subject: str, body: str, sender: str, **headers: str) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = address_of(service)
    message["Subject"] = subject
    message["Message-ID"] = f"<demo-{service.pk}-{number}@{CUSTOMER_DOMAIN}>"
    for name, value in headers.items():
        message[name] = value
    message.set_content(body)
    return message.as_bytes()


def _emails(service: Service, agent: User | None, now: datetime, created: Counter[str]) -> None:
    address = address_of(service)
    customer = f"Maria Santos <maria.santos@{CUSTOMER_DOMAIN}>"
    first = receive_email(
        _email(service, 1, "Charged twice for my March invoice", "Hello, I was charged twice. Please help.", customer),
        [address],
        now=now - timedelta(hours=4),
    )
    if not first.created:
        return  # seeded before: its Message-IDs are known
    item = first.item
    created["work items by email"] += 1
    answer = _email(
        service,
        2,
        f"Re: [#{item.pk}] Charged twice for my March invoice",
        "Adding the bank statement line: two debits of 49.90 on 3 March.",
        customer,
        **{"In-Reply-To": f"<demo-{service.pk}-1@{CUSTOMER_DOMAIN}>"},
    )
    receive_email(answer, [address], now=now - timedelta(hours=3))
    created["customer email replies"] += 1
    if agent is not None:
        if not needs_checker(service):  # accounting and payroll items change through maker-checker instead
            code = service.client.name[:3].upper()
            fill_custom_fields(agent, item, {"reference": f"{code}-INV-0301", "channel": "email"})
        add_message(
            agent,
            item,
            MessageKind.REPLY,
            "Hello Maria, thanks for the statement line. The second debit is refunded; allow 3 to 5 days.",
            now=now - timedelta(hours=2),
        )
        created["email replies sent"] += 1  # mailed once the seed commits
    other = f"Ken Watanabe <ken.watanabe@{CUSTOMER_DOMAIN}>"
    receive_email(
        _email(service, 3, "Cannot download my receipt", "The download link gives an error.", other),
        [address],
        now=now - timedelta(minutes=40),
    )
    created["work items by email"] += 1


def _csv_batch(admin: User, service: Service, now: datetime, created: Counter[str]) -> None:
    if selectors.work_items(admin).filter(service=service, title__in=CSV_TITLES).exists():
        return
    code = service.client.name[:3].upper()
    report = import_csv(admin, service, CSV_BATCH.format(code=code).encode(), now=now - timedelta(hours=1))
    created["CSV rows accepted"] += len(report.accepted)
    created["CSV rows rejected"] += len(report.rejected)
