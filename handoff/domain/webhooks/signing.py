"""The signature of a webhook body: HMAC-SHA256 over ``"<timestamp>.<body>"`` with the endpoint's secret.

Headers sent: ``X-Handoff-Timestamp: <unix seconds>`` and ``X-Handoff-Signature: sha256=<hex>``. A receiver
recomputes the HMAC over the timestamp, a dot and the raw body, compares in constant time, and refuses a
timestamp older than a few minutes (a replayed request keeps its old timestamp, and changing it breaks the
signature).
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Handoff-Signature"
TIMESTAMP_HEADER = "X-Handoff-Timestamp"
EVENT_HEADER = "X-Handoff-Event"
DELIVERY_HEADER = "X-Handoff-Delivery"
DEFAULT_TOLERANCE = 300


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(
    secret: str,
    header: str,
    timestamp: str,
    body: bytes,
    *,
    now: float | None = None,
    tolerance: int = DEFAULT_TOLERANCE,
) -> bool:
    """Whether a received body carries a valid, fresh signature (what a receiver does)."""
    try:
        sent_at = int(timestamp)
    except ValueError:
        return False
    if abs((now if now is not None else time.time()) - sent_at) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, sent_at, body), header)
