"""The candidate's signed slot link: ``django.core.signing`` with its own salt and a maximum age.

The link carries the offer's id and a random nonce kept on the offer, so a link is worthless once its offer
is gone, and a used offer (``used_at``) refuses the link again. Each failure has its own kind, so the page
can say what went wrong: tampered (or not ours), expired, or already used.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from django.core import signing

SALT = "handoff.interviews.slot-offer"
MAX_AGE = dt.timedelta(days=7)


class LinkProblem(StrEnum):
    TAMPERED = "tampered"
    EXPIRED = "expired"
    USED = "used"


class LinkError(Exception):
    def __init__(self, problem: LinkProblem) -> None:
        self.problem = problem
        super().__init__(MESSAGES[problem])


MESSAGES = {
    LinkProblem.TAMPERED: "This link is not valid. Please use the exact link from your e-mail.",
    LinkProblem.EXPIRED: "This link has expired. Please ask your recruiter for new times.",
    LinkProblem.USED: "A time has already been chosen with this link. Your invitation is on its way by e-mail.",
}


def make_token(offer_id: int, nonce: str) -> str:
    return signing.dumps({"o": offer_id, "n": nonce}, salt=SALT, compress=True)


def read_token(token: str, max_age: dt.timedelta = MAX_AGE) -> tuple[int, str]:
    """(offer id, nonce) of a genuine, unexpired link; LinkError otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkError(LinkProblem.EXPIRED) from error
    except signing.BadSignature as error:
        raise LinkError(LinkProblem.TAMPERED) from error
    if not (isinstance(data, dict) and isinstance(data.get("o"), int) and isinstance(data.get("n"), str)):
        raise LinkError(LinkProblem.TAMPERED)
    return data["o"], data["n"]
