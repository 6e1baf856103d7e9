"""Signed links for people without a login: the candidate's accept/decline link and onboarding page.

A link carries the row id and a nonce kept on the row; replacing the nonce (a new version sent, the
decision recorded) makes every earlier link unusable, so a link works once. ``django.core.signing``
detects tampering; the timestamp limits the link's life.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from enum import StrEnum

from django.core import signing

OFFER_SALT = "handoff.offers.decision"
ONBOARDING_SALT = "handoff.offers.onboarding"
OFFER_LINK_MAX_AGE = 60 * 60 * 24 * 60  # 60 days; the offer's own expiry usually ends it sooner
ONBOARDING_LINK_MAX_AGE = 60 * 60 * 24 * 240  # past the start date and the first months


class LinkProblem(StrEnum):
    TAMPERED = "tampered"
    EXPIRED = "expired"
    USED = "used"


@dataclass(frozen=True)
class LinkData:
    row_id: int
    nonce: str


class LinkError(Exception):
    def __init__(self, problem: LinkProblem) -> None:
        self.problem = problem
        super().__init__(problem.value)


def new_nonce() -> str:
    return secrets.token_hex(16)


def make_token(row_id: int, nonce: str, salt: str) -> str:
    return signing.dumps({"id": row_id, "n": nonce}, salt=salt, compress=True)


def read_token(token: str, salt: str, max_age: int) -> LinkData:
    """The id and nonce the token carries; :class:`LinkError` when it is tampered with or too old."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkError(LinkProblem.EXPIRED) from exc
    except signing.BadSignature as exc:
        raise LinkError(LinkProblem.TAMPERED) from exc
    if not (isinstance(data, dict) and isinstance(data.get("id"), int) and isinstance(data.get("n"), str)):
        raise LinkError(LinkProblem.TAMPERED)
    return LinkData(data["id"], data["n"])
