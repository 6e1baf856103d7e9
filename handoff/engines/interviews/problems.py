"""Field-level validation problems shared by the interview engines."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: ``field`` is a path such as ``rounds[1].duration``."""

    field: str
    message: str


class InvalidInput(ValueError):
    """Raised with every problem found at once, so a form can show them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


def ensure(problems: list[Problem]) -> None:
    """Raise :class:`InvalidInput` when ``problems`` is not empty."""
    if problems:
        raise InvalidInput(problems)
