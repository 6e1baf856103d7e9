"""Login throttling that slows an attacker without locking out bystanders.

Failures are counted per account (the e-mail tried) and, with a much higher
allowance, per address. After ``LOGIN_THROTTLE_FREE_FAILURES`` failures on one
account, each further attempt must wait an exponentially growing delay (capped
at ``LOGIN_THROTTLE_MAX_DELAY`` seconds). Nothing is locked permanently, and the
people behind a shared proxy address are only slowed after the address alone
passes ``LOGIN_THROTTLE_ADDRESS_FAILURES`` failures, which a single mistyped
password never reaches. A successful login clears the account's counter.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

_WINDOW_SECONDS = 60 * 60


@dataclass(frozen=True)
class ThrottleState:
    failures: int
    last_failure: float


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"login-throttle:{kind}:{digest}"


def _read(key: str) -> ThrottleState:
    failures, last = cache.get(f"{key}:n", 0), cache.get(f"{key}:t", 0.0)
    return ThrottleState(int(failures), float(last))


def _count_failure(key: str, now: float) -> None:
    """Atomic on the cache (incr), so parallel attempts cannot slip past the count."""
    cache.add(f"{key}:n", 0, _WINDOW_SECONDS)
    try:
        cache.incr(f"{key}:n")
    except ValueError:  # expired between add and incr
        cache.set(f"{key}:n", 1, _WINDOW_SECONDS)
    cache.set(f"{key}:t", now, _WINDOW_SECONDS)


def _delay_for(state: ThrottleState, free: int) -> float:
    if state.failures < free:
        return 0.0
    delay = min(2 ** (state.failures - free), settings.LOGIN_THROTTLE_MAX_DELAY)
    return max(0.0, state.last_failure + float(delay) - time.time())


def seconds_to_wait(email: str, address: str) -> int:
    """How long this login attempt must wait; 0 when it may go ahead."""
    account = _delay_for(_read(_key("account", email)), settings.LOGIN_THROTTLE_FREE_FAILURES)
    by_address = _delay_for(_read(_key("address", address)), settings.LOGIN_THROTTLE_ADDRESS_FAILURES)
    wait = max(account, by_address)
    return int(wait) + (1 if wait > int(wait) else 0)


def record_failure(email: str, address: str) -> None:
    now = time.time()
    for key in (_key("account", email), _key("address", address)):
        _count_failure(key, now)


def record_success(email: str) -> None:
    key = _key("account", email)
    cache.delete_many([f"{key}:n", f"{key}:t"])
