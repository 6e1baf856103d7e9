"""The skill vocabulary of agents: the names routing matches against the queues' required skills.

Routing compares skill names exactly (``engines/routing.py``), so an agent skill no queue
spells the same way never counts. An agent's skills are therefore checked against the
vocabulary the editor can see: the process types of BPO engagements (the provider's
standard names) and every skill a queue of the editor's clients requires. A name that
differs only in case, spaces, hyphens or underscores is rewritten to the queue's spelling
("Customer Service" -> "customer_service"); any other unknown name is a field error listing
the known ones. Names the agent already holds are kept as they are (another editor, who
sees other clients, may have given them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError

from handoff.domain.engagements.models import ProcessType
from handoff.domain.operations import selectors
from handoff.domain.tenancy.access import Actor

LISTED_NAMES = 40  # an error lists at most this many known names
_SEPARATORS = re.compile(r"[\s_-]+")


def fold(name: str) -> str:
    """The comparison key of a skill name: case, surrounding space and separators ignored."""
    return _SEPARATORS.sub("_", name.strip().casefold()).strip("_")


def vocabulary(actor: Actor) -> frozenset[str]:
    """The skill names the actor may give agents: process types and the required skills of visible queues."""
    return frozenset(ProcessType.values) | selectors.required_skill_names(actor)


def _known_list(known: Iterable[str]) -> str:
    names = sorted(known)
    shown = ", ".join(names[:LISTED_NAMES])
    return shown + (f" and {len(names) - LISTED_NAMES} more" if len(names) > LISTED_NAMES else "")


def normalise(skills: object, known: Iterable[str], held: Mapping[str, Any] | None = None) -> object:
    """The skills with each name in the vocabulary's spelling; ValidationError on ``skills`` otherwise.

    Anything but a dict is returned as it is: the model's validator reports it (as it does bad levels).
    """
    if not isinstance(skills, dict):
        return skills
    known_set = frozenset(known)
    held_names = frozenset(held or {})
    by_key: dict[str, set[str]] = {}
    for name in known_set:
        by_key.setdefault(fold(name), set()).add(name)
    result: dict[str, Any] = {}
    problems: list[str] = []
    for name, level in skills.items():
        spelled = _spelling(str(name), known_set, held_names, by_key, problems)
        if spelled is None:
            continue
        if spelled in result:
            problems.append(f"{name!r} is given twice (as {spelled!r}).")
            continue
        result[spelled] = level
    if problems:
        problems.append(f"Known skills: {_known_list(known_set) or 'none yet'}.")
        raise ValidationError({"skills": " ".join(problems)})
    return result


def _spelling(
    name: str, known: frozenset[str], held: frozenset[str], by_key: dict[str, set[str]], problems: list[str]
) -> str | None:
    if name in known or name in held:
        return name
    matches = by_key.get(fold(name), set())
    if len(matches) == 1:
        return next(iter(matches))
    if matches:
        problems.append(f"{name!r} could be {' or '.join(repr(m) for m in sorted(matches))}: use the exact name.")
    else:
        problems.append(f"Unknown skill {name!r}: no queue requires it.")
    return None
