"""`handoff automation_schedule [--every SECONDS] [--enqueue]`: the scheduled automation rules, once or repeatedly."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from handoff.domain.automation.tasks import run_scheduled_rules


class Command(BaseCommand):
    help = "Run every client's scheduled automation rules over its open items; --every repeats it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--every", type=int, default=0, help="Repeat every N seconds (0: run once).")
        parser.add_argument("--enqueue", action="store_true", help="Hand the run to the task worker instead.")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            if options["enqueue"]:
                run_scheduled_rules.enqueue()
                self.stdout.write("scheduled rules queued")
            else:
                self.stdout.write(f"rule runs written: {run_scheduled_rules.call()}")
            if options["every"] <= 0:
                return
            time.sleep(options["every"])
