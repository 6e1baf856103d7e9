"""`handoff staffing`: agents needed for one queue interval, from the command line.

    handoff staffing --calls 100 --interval 30 --aht 180 --target 0.8 --within 20 \\
        --max-occupancy 0.85 --shrinkage 0.3 [--patience 300] [--asa 15] [--json]

Erlang C without ``--patience``, Erlang A (callers abandon after a mean
patience) with it. Every bad value is refused with a message naming its
argument, before any calculation starts.
"""

from __future__ import annotations

import json
import math
from argparse import ArgumentParser
from dataclasses import asdict
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from handoff.engines.staffing import IntervalStaffing, QueueInterval, Targets, staff_interval

MAX_TRAFFIC_ERLANGS = 100_000  # far above any real queue; keeps every search well under a second


class Command(BaseCommand):
    help = "Agents needed for one interval of one queue (Erlang C, or Erlang A with --patience)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--calls", type=float, required=True, help="Calls offered in the interval.")
        parser.add_argument("--interval", type=float, default=30.0, help="Interval length in minutes (default 30).")
        parser.add_argument("--aht", type=float, required=True, help="Average handle time in seconds.")
        parser.add_argument("--target", type=float, help="Service level: share answered within --within (0.8).")
        parser.add_argument("--within", type=float, default=20.0, help="Service-level threshold in seconds (20).")
        parser.add_argument("--asa", type=float, help="Maximum average speed of answer in seconds.")
        parser.add_argument("--max-occupancy", type=float, help="Maximum occupancy as a share (0.85).")
        parser.add_argument("--max-abandonment", type=float, help="Maximum abandonment share (needs --patience).")
        parser.add_argument("--shrinkage", type=str, default="0", help="Shrinkage as a share (0.3), default 0.")
        parser.add_argument("--patience", type=float, help="Mean caller patience in seconds: use Erlang A.")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        demand, targets, shrinkage = checked_inputs(options)
        try:
            result = staff_interval(demand, targets, shrinkage)
        except ValueError as error:  # an engine limit the checks above did not foresee
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(as_json(result, targets, shrinkage), indent=2))
        else:
            self.stdout.write(as_text(result, targets, shrinkage))


def checked_inputs(options: dict[str, Any]) -> tuple[QueueInterval, Targets, Decimal]:
    """The demand, targets and shrinkage, or a CommandError naming the argument at fault."""
    calls = _positive(options, "calls")
    interval_minutes = _positive(options, "interval")
    aht = _positive(options, "aht")
    patience = _positive(options, "patience") if options["patience"] is not None else None
    traffic = calls * aht / (interval_minutes * 60)
    if traffic > MAX_TRAFFIC_ERLANGS:
        raise CommandError(
            f"--calls × --aht / --interval is {traffic:,.0f} Erlangs; at most {MAX_TRAFFIC_ERLANGS:,} are supported"
        )
    return (
        QueueInterval(calls=calls, aht_seconds=aht, interval_seconds=interval_minutes * 60, patience_seconds=patience),
        checked_targets(options, patience is not None),
        _shrinkage(options["shrinkage"]),
    )


def checked_targets(options: dict[str, Any], erlang_a: bool) -> Targets:
    target, within = options["target"], options["within"]
    asa, occupancy, abandonment = options["asa"], options["max_occupancy"], options["max_abandonment"]
    if all(v is None for v in (target, asa, occupancy, abandonment)):
        raise CommandError("give a target: --target (with --within), --asa, --max-occupancy or --max-abandonment")
    if not (math.isfinite(within) and within >= 0):
        raise CommandError(f"--within must be zero or more seconds, got {within:g}")
    if target is not None and not (0 < target < 1):
        reason = "no staffing answers every call in time" if target >= 1 else "it is a share between 0 and 1"
        raise CommandError(f"--target must be above 0 and below 1 ({reason}), got {target:g}")
    if asa is not None and not (math.isfinite(asa) and asa > 0):
        raise CommandError(f"--asa must be more than 0 seconds (no staffing answers with no wait at all), got {asa:g}")
    if occupancy is not None and not (0 < occupancy <= 1):
        raise CommandError(f"--max-occupancy must be above 0 and at most 1, got {occupancy:g}")
    if abandonment is not None:
        if not erlang_a:
            raise CommandError("--max-abandonment needs --patience (abandonment is an Erlang A figure)")
        if not (0 < abandonment <= 1):
            raise CommandError(f"--max-abandonment must be above 0 and at most 1, got {abandonment:g}")
    return Targets(
        service_level=target,
        answer_within_seconds=within,
        max_asa_seconds=asa,
        max_occupancy=occupancy,
        max_abandonment=abandonment,
    )


def _positive(options: dict[str, Any], name: str) -> float:
    value = options[name]
    if not (math.isfinite(value) and value > 0):
        raise CommandError(f"--{name} must be more than 0, got {value:g}")
    return float(value)


def _shrinkage(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation as error:
        raise CommandError(f"--shrinkage must be a number such as 0.3, got {text!r}") from error
    if not (value.is_finite() and 0 <= value < 1):
        raise CommandError(f"--shrinkage must be at least 0 and below 1, got {text}")
    return value


def as_json(result: IntervalStaffing, targets: Targets, shrinkage: Decimal) -> dict[str, Any]:
    figures = asdict(result)
    return {
        "model": figures.pop("model"),
        "traffic_erlangs": figures.pop("traffic"),
        "agents_raw": figures.pop("raw_agents"),
        "agents_with_shrinkage": figures.pop("scheduled_agents"),
        "shrinkage": float(shrinkage),
        "answer_within_seconds": targets.answer_within_seconds,
        **figures,
    }


def as_text(result: IntervalStaffing, targets: Targets, shrinkage: Decimal) -> str:
    model = "Erlang A (callers abandon)" if result.model == "erlang_a" else "Erlang C (nobody abandons)"
    lines = [
        f"{model}, traffic {result.traffic:.2f} Erlangs",
        f"agents (raw)            {result.raw_agents}",
        f"agents with shrinkage   {result.scheduled_agents}  ({float(shrinkage):.0%} shrinkage)",
        f"service level           {result.service_level:.3f}  (answered within {targets.answer_within_seconds:g} s)",
        f"ASA                     {result.asa_seconds:.1f} s",
        f"occupancy               {result.occupancy:.3f}",
        f"probability of waiting  {result.p_wait:.3f}",
    ]
    if result.model == "erlang_a":
        lines.append(f"abandonment             {result.p_abandon:.3f}")
    return "\n".join(lines)
