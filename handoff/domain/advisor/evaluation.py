"""Running the advisor against the provider's data: which rates apply to this prospect, and from where.

The engine knows locations (onshore / nearshore / offshore), not sites. Here the provider's rate card
(lines per delivery center and process) becomes the engine's nearshore and offshore rate ranges *for
this prospect* (a center is nearshore or offshore relative to the prospect's country and time zone),
and each outsourced process gets the delivery center that would serve it: a center in the chosen
location with a rate for that process, the cheapest first.

Layers, each replacing the one before: the engine's defaults ← the assumption set's values ← the rate
card's ranges ← the prospect's own edits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from handoff.domain.advisor import codec
from handoff.domain.advisor.models import AssumptionSet, RateCard, RateCardLine
from handoff.domain.engagements.models import DeliveryCenter
from handoff.engines.advisor import Advice, Answers, Assumptions, Measured, advise
from handoff.engines.advisor.answers import validate
from handoff.engines.delivery_location import DeliveryLocation, Place, classify


@dataclass(frozen=True)
class CenterChoice:
    """The delivery center proposed for one outsourced process, with its rate card line when there is one."""

    index: int
    center: DeliveryCenter | None
    rate_low: Decimal | None = None
    rate_high: Decimal | None = None


@dataclass(frozen=True)
class Evaluation:
    answers: Answers
    advice: Advice
    assumptions: Assumptions
    rate_card: RateCard | None
    assumption_set: AssumptionSet | None
    overrides: Mapping[str, Any]
    measured: Measured
    centers: dict[int, CenterChoice] = field(default_factory=dict)

    @property
    def illustrative(self) -> bool:
        """Whether any figure rests on demo values (the engine's defaults always are)."""
        card = self.rate_card is None or self.rate_card.illustrative
        values = self.assumption_set is None or self.assumption_set.illustrative
        return card or values


def located_lines(rate_card: RateCard | None, prospect: Place) -> list[tuple[DeliveryLocation, RateCardLine]]:
    """Every rate card line with where its center is, relative to the prospect.

    A version's lines are used as they are (so a saved report re-renders exactly); to stop offering a
    center, publish a rate card version without it.
    """
    if rate_card is None:
        return []
    return [(_location(line.delivery_center, prospect), line) for line in rate_card.lines.all()]


def _location(center: DeliveryCenter, prospect: Place) -> DeliveryLocation:
    return classify(prospect, Place(center.country.code, center.time_zone)).location


def rate_card_values(located: list[tuple[DeliveryLocation, RateCardLine]], kinds: set[str]) -> dict[str, Any]:
    """The nearshore and offshore ranges the rate card gives this prospect.

    Per location, the cheapest center (lowest average rate over its lines for the prospect's processes, or
    over all its lines when none match) and the range of its lines: the same center :func:`choose_centers`
    proposes when one process is asked about. Onshore delivery is priced as a share of the in-house cost.
    """
    ranges: dict[str, list[float]] = {}
    for location in (DeliveryLocation.NEARSHORE, DeliveryLocation.OFFSHORE):
        here = [line for where, line in located if where is location]
        relevant = [line for line in here if line.process_kind in kinds] or here
        by_center: dict[int, list[RateCardLine]] = {}
        for line in relevant:
            by_center.setdefault(line.delivery_center_id, []).append(line)
        if not by_center:
            continue
        best = min(by_center.values(), key=lambda lines: (_average(lines), lines[0].delivery_center.name))
        ranges[str(location)] = [
            float(min(line.rate_low for line in best)),
            float(max(line.rate_high for line in best)),
        ]
    return {codec.LOCATION_KEYED: ranges} if ranges else {}


def _average(lines: list[RateCardLine]) -> Decimal:
    return sum((line.rate_low + line.rate_high for line in lines), Decimal(0)) / len(lines)


def assumptions_for(
    prospect: Place,
    assumption_set: AssumptionSet | None,
    rate_card: RateCard | None,
    overrides: Mapping[str, Any],
    kinds: set[str] | None = None,
) -> Assumptions:
    """The layered assumptions for this prospect (asking about ``kinds`` of process); ValueError names a bad value."""
    kinds = kinds or set()
    assumptions = Assumptions()
    if assumption_set is not None:
        assumptions = codec.apply_values(assumptions, assumption_set.values)
    if rate_card is not None:
        located = located_lines(rate_card, prospect)
        card = {"currency": rate_card.currency, **rate_card_values(located, kinds)}
        assumptions = codec.apply_values(assumptions, card)
    return codec.apply_values(assumptions, overrides)


def choose_centers(advice: Advice, located: list[tuple[DeliveryLocation, RateCardLine]]) -> dict[int, CenterChoice]:
    """For each outsourced process, a center in its primary location: one with a rate for it, cheapest first."""
    choices: dict[int, CenterChoice] = {}
    for process in advice.processes:
        if not process.outsource:
            continue
        location = process.locations[0]
        here = [line for where, line in located if where is location]
        matching = sorted(
            (line for line in here if line.process_kind == process.process.kind),
            key=lambda line: (line.rate_low + line.rate_high, line.delivery_center.name),
        )
        if matching:
            best = matching[0]
            choices[process.index] = CenterChoice(process.index, best.delivery_center, best.rate_low, best.rate_high)
        elif here:
            choices[process.index] = CenterChoice(process.index, here[0].delivery_center)
        else:
            choices[process.index] = CenterChoice(process.index, None)
    return choices


def evaluate(
    answers: Answers,
    *,
    assumption_set: AssumptionSet | None,
    rate_card: RateCard | None,
    overrides: Mapping[str, Any],
    measured: Measured,
) -> Evaluation:
    """Advise with the provider's data. Raises AnswerError (bad answers) or ValueError (bad assumptions)."""
    validate(answers)  # before the time zone is used to place the centers
    prospect = Place(answers.business.country, answers.business.time_zone)
    kinds = {str(process.kind) for process in answers.processes}
    assumptions = assumptions_for(prospect, assumption_set, rate_card, overrides, kinds)
    advice = advise(answers, assumptions, measured)
    centers = choose_centers(advice, located_lines(rate_card, prospect))
    return Evaluation(answers, advice, assumptions, rate_card, assumption_set, overrides, measured, centers)
