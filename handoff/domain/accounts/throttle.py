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
    raw = cache.get(key)
    if not raw:
        return ThrottleState(0, 0.0)
    failures, last = raw
    return ThrottleState(int(failures), float(last))


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
        state = _read(key)
        cache.set(key, (state.failures + 1, now), _WINDOW_SECONDS)


def record_success(email: str) -> None:
    cache.delete(_key("account", email))
