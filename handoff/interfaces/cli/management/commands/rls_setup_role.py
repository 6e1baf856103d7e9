"""`handoff rls_setup_role <role>`: the PostgreSQL role requests run as, so that row-level security applies.

Run it as the role that owns the tables (the one that runs `handoff migrate`), then set
DATABASE_APP_ROLE=<role> for the web processes. Safe to run again after new migrations.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from handoff.domain.tenancy.rls import RoleError, setup_role


class Command(BaseCommand):
    help = "Create (if missing) the NOLOGIN runtime role and grant it data rights on every table of the schema."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("role", help="Role name, e.g. handoff_app")

    def handle(self, *args: Any, **options: Any) -> None:
        role: str = options["role"]
        try:
            created = setup_role(role)
        except RoleError as exc:
            raise CommandError(str(exc)) from exc
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} role {role}; set DATABASE_APP_ROLE={role} for the web processes.")
