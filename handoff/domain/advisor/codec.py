"""Plain JSON values ↔ the advisor engine's dataclasses: answers, assumptions (overrides) and advice.

One shape for the API body, the stored report and the web form (which builds this shape), so every
interface gets the same checks and the same field names in its messages (``business.employees``,
``processes[1].languages``…): the engine's :class:`AnswerError` names them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from enum import Enum
from typing import Any

from django_countries import countries

from handoff.engines.advisor import (
    Advice,
    AnswerError,
    Answers,
    Assumptions,
    Business,
    Collaboration,
    Coverage,
    Hiring,
    Measured,
    Priorities,
    Process,
    ProcessKind,
    Sensitivity,
    Service,
)
from handoff.engines.delivery_location import DeliveryLocation

type Data = dict[str, Any]


# --- answers -------------------------------------------------------------------------------------------------


def answers_from_data(data: Mapping[str, Any]) -> Answers:
    """Build the engine's answers from plain values; AnswerError names the first bad question."""
    business = _business(_mapping(data.get("business"), "business"))
    services = _services(data.get("services", ["bpo", "rpo"]))
    hiring_data = data.get("hiring")
    hiring = _hiring(_mapping(hiring_data, "hiring")) if hiring_data is not None else None
    processes = tuple(
        _process(_mapping(item, f"processes[{index}]"), f"processes[{index}]")
        for index, item in enumerate(_list(data.get("processes", []), "processes"))
    )
    priorities = _priorities(_mapping(data.get("priorities", {}), "priorities"))
    return Answers(business, hiring, processes, priorities, services)


def answers_to_data(answers: Answers) -> Data:
    data: Data = plain(answers)
    data["services"] = sorted(str(service) for service in answers.services)
    return data


def _business(data: Mapping[str, Any]) -> Business:
    country = str(data.get("country", "")).strip().upper()
    if country not in dict(countries):
        raise AnswerError("business.country", f"unknown country {country!r}; choose one from the list")
    return Business(
        country=country,
        time_zone=str(data.get("time_zone", "")),
        industry=str(data.get("industry", "")).strip() or "other",
        employees=_int(data, "employees", "business.employees", required=True) or 0,
    )


def _hiring(data: Mapping[str, Any]) -> Hiring:
    return Hiring(
        hires_per_year=_int(data, "hires_per_year", "hiring.hires_per_year", required=True) or 0,
        peak_quarter_share=_float(data, "peak_quarter_share", "hiring.peak_quarter_share", 0.25),
        hard_to_fill_share=_float(data, "hard_to_fill_share", "hiring.hard_to_fill_share", 0.0),
        time_to_hire_days=_optional_float(data, "time_to_hire_days", "hiring.time_to_hire_days"),
        cost_per_hire=_optional_float(data, "cost_per_hire", "hiring.cost_per_hire"),
        recruiters=_int(data, "recruiters", "hiring.recruiters") or 0,
        hr_collaboration=_choice(Collaboration, data.get("hr_collaboration", "some"), "hiring.hr_collaboration"),
    )


def _process(data: Mapping[str, Any], prefix: str) -> Process:
    languages = data.get("languages", ["en"])
    if isinstance(languages, str):
        languages = languages.replace(";", ",").split(",")
    return Process(
        kind=_choice(ProcessKind, data.get("kind"), f"{prefix}.kind"),
        customer_facing=_bool(data.get("customer_facing", False), f"{prefix}.customer_facing"),
        monthly_volume=_int(data, "monthly_volume", f"{prefix}.monthly_volume"),
        in_house_fte=_optional_float(data, "in_house_fte", f"{prefix}.in_house_fte"),
        languages=tuple(
            str(code).strip().lower() for code in _list(languages, f"{prefix}.languages") if str(code).strip()
        ),
        coverage=_choice(Coverage, data.get("coverage", "office_hours"), f"{prefix}.coverage"),
        sensitivity=_choice(Sensitivity, data.get("sensitivity", "low"), f"{prefix}.sensitivity"),
        regulated=_bool(data.get("regulated", False), f"{prefix}.regulated"),
    )


def _priorities(data: Mapping[str, Any]) -> Priorities:
    return Priorities(
        **{
            name: _int(data, name, f"priorities.{name}") or 0
            for name in ("cost", "speed", "quality", "control")
            if name in data
        }
    )


def _services(value: Any) -> frozenset[Service]:
    chosen = frozenset(_choice(Service, item, "services") for item in _list(value, "services"))
    if not chosen:
        raise AnswerError("services", "choose recruitment (RPO), business processes (BPO) or both")
    return chosen


def _mapping(value: Any, name: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise AnswerError(name, "answer this section")
    return value


def _list(value: Any, name: str) -> list[Any]:
    if not isinstance(value, list | tuple):
        raise AnswerError(name, "a list is expected")
    return list(value)


def _choice[E: Enum](enum: type[E], value: Any, name: str) -> E:
    try:
        return enum(value)
    except ValueError as error:
        options = ", ".join(str(member.value) for member in enum)
        raise AnswerError(name, f"{value!r} is not one of: {options}") from error


def _bool(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "on", "1", 1):
        return True
    if value in ("false", "off", "0", 0, "", None):
        return False
    raise AnswerError(name, "answer yes or no")


def _number(data: Mapping[str, Any], key: str, name: str) -> float | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise AnswerError(name, "a number is expected")
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise AnswerError(name, "a number is expected") from error
    if number != number or number in (float("inf"), float("-inf")) or abs(number) > 1e12:
        raise AnswerError(name, "a finite number of reasonable size is expected")
    return number


def _int(data: Mapping[str, Any], key: str, name: str, *, required: bool = False) -> int | None:
    number = _number(data, key, name)
    if number is None:
        if required:
            raise AnswerError(name, "this answer is required")
        return None
    if number != int(number):
        raise AnswerError(name, "a whole number is expected")
    return int(number)


def _float(data: Mapping[str, Any], key: str, name: str, default: float) -> float:
    number = _number(data, key, name)
    return default if number is None else number


def _optional_float(data: Mapping[str, Any], key: str, name: str) -> float | None:
    return _number(data, key, name)


# --- assumptions ---------------------------------------------------------------------------------------------

RANGE_FIELDS = frozenset({"onshore_rate_factor", "rpo_fee_per_hire"})
LOCATION_KEYED = "provider_rate_per_fte_month"
COUNTRY_KEYED = "in_house_cost_per_fte_year"
KIND_KEYED = "transactions_per_fte_month"
MAX_ASSUMPTION = 1e9


def apply_values(base: Assumptions, values: Mapping[str, Any]) -> Assumptions:
    """``base`` with ``values`` (plain JSON) replacing or merging into its fields; ValueError names the bad one."""
    names = {item.name for item in dataclasses.fields(base)}
    changes: Data = {}
    for name, value in values.items():
        if name not in names:
            raise ValueError(f"{name}: unknown assumption")
        try:
            changes[name] = _assumption_value(base, name, value)
        except (TypeError, ValueError, KeyError) as error:
            raise ValueError(f"{name}: {error}") from error
    return dataclasses.replace(base, **changes)


def _assumption_value(base: Assumptions, name: str, value: Any) -> Any:
    current = getattr(base, name)
    if name == LOCATION_KEYED:
        merged = dict(current)
        merged.update({DeliveryLocation(key): _pair(pair) for key, pair in dict(value).items()})
        return merged
    if name == KIND_KEYED:
        return {**current, **{ProcessKind(key): _finite(amount) for key, amount in dict(value).items()}}
    if name == COUNTRY_KEYED:
        return {**current, **{str(key).upper(): _finite(amount) for key, amount in dict(value).items()}}
    if name in RANGE_FIELDS:
        return _pair(value)
    if isinstance(current, frozenset):
        if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
            raise ValueError("a list of two-letter language codes is expected")
        return frozenset(str(item) for item in value)
    if isinstance(current, str):
        if not isinstance(value, str) or len(value) > 10:
            raise ValueError("a short text is expected")
        return value
    return _finite(value)


def _finite(value: Any) -> float:
    """A number of reasonable size: no NaN or infinity can reach the figures (or the JSON they are stored as)."""
    if isinstance(value, bool):
        raise ValueError("a number is expected")
    number = float(value)
    if number != number or abs(number) > MAX_ASSUMPTION:
        raise ValueError(f"a finite number up to {MAX_ASSUMPTION:g} is expected")
    return number


def _pair(value: Any) -> tuple[float, float]:
    low, high = (_finite(item) for item in value)
    return (low, high)


def measured_to_data(measured: Measured) -> Data:
    data: Data = plain(measured)
    return data


def measured_from_data(data: Mapping[str, Any]) -> Measured:
    kinds = {ProcessKind(key): float(value) for key, value in dict(data.get("cost_per_transaction", {})).items()}
    days = data.get("time_to_hire_days")
    return Measured(time_to_hire_days=float(days) if days is not None else None, cost_per_transaction=kinds)


# --- advice --------------------------------------------------------------------------------------------------


def advice_to_data(advice: Advice) -> Data:
    """The advice as JSON, with the derived figures (lines, ranges of savings) an API caller needs."""
    data: Data = plain(advice)
    data["lines"] = plain(advice.lines)
    if advice.rpo_costs is not None:
        data["rpo_costs"]["cost_per_hire_after"] = plain(advice.rpo_costs.cost_per_hire_after)
        data["rpo_costs"]["turnover_cost_saved"] = advice.rpo_costs.turnover_cost_saved
    for row, costs in zip(data["bpo_costs"], advice.bpo_costs, strict=True):
        row["savings_per_year"] = plain(costs.savings_per_year)
    return data


def plain(value: Any) -> Any:
    """Dataclasses, enums, tuples, sets and mappings as JSON values (sets sorted, so the output is stable)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {item.name: plain(getattr(value, item.name)) for item in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(plain(key)): plain(item) for key, item in value.items()}
    if isinstance(value, frozenset | set):
        return sorted(plain(item) for item in value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value
