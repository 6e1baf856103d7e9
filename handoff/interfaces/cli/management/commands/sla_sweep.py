"""`handoff sla_sweep [--every SECONDS]`: SLA warnings and breach escalation, once or periodically."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from handoff.domain.operations.actions.escalation import sweep


class Command(BaseCommand):
    help = "Warn before SLA deadlines and escalate breaches (each once); --every repeats it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--every", type=int, default=0, help="Repeat every N seconds (0: run once).")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            report = sweep()
            self.stdout.write(f"checked {report.checked}, warned {report.warned}, escalated {report.escalated}")
            if options["every"] <= 0:
                return
            time.sleep(options["every"])
