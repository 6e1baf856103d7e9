"""`handoff scheduler [--once]`: enqueue the platform's periodic tasks (SLA sweep, reminders, rules …)."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from handoff.interfaces.cli.schedule import SCHEDULE, tick

TICK_SECONDS = 20


class Command(BaseCommand):
    help = "Enqueue the periodic tasks at their intervals for the worker to run (--once: each task once, then stop)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--once", action="store_true", help="Enqueue every periodic task once and stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        last_run: dict[str, datetime] = {}
        while True:
            for name in tick(SCHEDULE, last_run, timezone.now()):
                self.stdout.write(f"{timezone.now():%Y-%m-%d %H:%M:%S} enqueued: {name}")
            self.stdout.flush()
            if options["once"]:
                return
            time.sleep(TICK_SECONDS)
