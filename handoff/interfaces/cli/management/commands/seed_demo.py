"""`handoff seed_demo`: create the demo provider (idempotent) and print who can log in."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from handoff.domain.demo.seed import Login, SeedReport, seed_demo


class Command(BaseCommand):
    help = "Create a realistic demo provider (clients, centers, staff, engagements); running it again changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        report = seed_demo()
        self.stdout.write(_summary(report))
        self.stdout.write(_logins_table(report))


def _summary(report: SeedReport) -> str:
    if not report.changed:
        return "Demo data already present; nothing changed."
    made = ", ".join(f"{count} {what}" for what, count in report.created.items() if count)
    return f"Demo data created: {made}."


def _logins_table(report: SeedReport) -> str:
    rows = [("E-mail", "Role", "Client", "Name"), *(_row(login) for login in report.logins)]
    widths = [max(len(row[col]) for row in rows) for col in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(["", f"Demo logins (password for every account: {report.password})", "", *lines, ""])


def _row(login: Login) -> tuple[str, str, str, str]:
    return (login.email, login.role, login.client or "(provider)", login.full_name)
