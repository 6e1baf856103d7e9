"""`handoff offers_daily [--enqueue]`: expire unanswered offers and send the hire surveys due (run once a day)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from handoff.domain.offers import tasks


class Command(BaseCommand):
    help = "Mark offers past their expiry date expired and send the 30/90/180-day hire surveys that are due."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Queue the two tasks for the worker instead.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            tasks.expire_offers.enqueue()
            tasks.send_hire_surveys.enqueue()
            self.stdout.write("queued: expire_offers, send_hire_surveys")
            return
        expired = tasks.expire_offers.call()
        sent = tasks.send_hire_surveys.call()
        self.stdout.write(f"expired {expired} offer(s), sent {sent} survey(s)")
