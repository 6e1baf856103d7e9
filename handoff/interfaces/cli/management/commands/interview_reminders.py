"""`handoff interview_reminders [--every SECONDS] [--enqueue]`: send the interview reminders now due (each once)."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from handoff.domain.interviews.tasks import send_reminders


class Command(BaseCommand):
    help = "Send the interview reminders due in the last hour (24 h and 1 h before); --every repeats it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--every", type=int, default=0, help="Repeat every N seconds (0: run once).")
        parser.add_argument("--enqueue", action="store_true", help="Hand the run to the task worker instead.")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            if options["enqueue"]:
                send_reminders.enqueue()
                self.stdout.write("interview reminders queued")
            else:
                self.stdout.write(f"reminder e-mails sent: {send_reminders.call()}")
            if options["every"] <= 0:
                return
            time.sleep(options["every"])
