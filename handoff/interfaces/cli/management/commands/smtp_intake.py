"""`handoff smtp_intake --port N`: receive email for the services' intake addresses (see cli/smtp_intake.py)."""

from __future__ import annotations

import signal
import threading
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from handoff.domain.operations.actions.email_intake import intake_domain
from handoff.interfaces.cli.smtp_intake import make_controller


class Command(BaseCommand):
    help = "Run the SMTP listener that turns email to a service's intake address into work items."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8025)

    def handle(self, *args: Any, **options: Any) -> None:
        controller = make_controller(options["host"], options["port"])
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        controller.start()
        self.stdout.write(f"SMTP intake on {options['host']}:{options['port']} for *@{intake_domain()}")
        try:
            stop.wait()
        finally:
            controller.stop()
            self.stdout.write("SMTP intake stopped.")
