"""The public advisor: answers in, advice out (saved as a report with a PDF), and a proposal request.

No authentication; rate-limited per client address (the rest of the API is limited per user).
"""

from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from ninja import Router
from ninja.responses import Status
from ninja.throttling import AnonRateThrottle

from handoff.domain.advisor import actions, codec, selectors
from handoff.domain.advisor.evaluation import Evaluation
from handoff.domain.advisor.models import AdvisorReport
from handoff.engines.advisor import AnswerError
from handoff.interfaces.api.schemas.advisor import AdviceIn, AdviceOut, ProposalIn, ProposalOut
from handoff.interfaces.api.schemas.errors import ErrorOut

router = Router(tags=["advisor"])
RATE = getattr(settings, "ADVISOR_API_RATE_LIMIT", getattr(settings, "API_RATE_LIMIT", "1000/m"))
PUBLIC = {"auth": None, "throttle": [AnonRateThrottle(RATE)]}


def _advice_out(request: HttpRequest, saved: AdvisorReport, evaluation: Evaluation) -> dict[str, Any]:
    report_url = reverse("web:advisor_report", kwargs={"report_id": saved.pk})
    pdf_url = reverse("web:advisor_pdf", kwargs={"report_id": saved.pk})
    return {
        "report_id": saved.pk,
        "report_url": request.build_absolute_uri(report_url),
        "pdf_url": request.build_absolute_uri(pdf_url),
        "verdict": str(evaluation.advice.verdict),
        "illustrative": evaluation.illustrative,
        "measured_used": evaluation.advice.measured_used,
        "versions": {
            "rate_card": saved.rate_card.version if saved.rate_card else None,
            "assumption_set": saved.assumption_set.version if saved.assumption_set else None,
        },
        "advice": saved.advice,
    }


@router.post("/advice", response={201: AdviceOut, 400: ErrorOut, 422: ErrorOut, 429: ErrorOut}, **PUBLIC)  # type: ignore[arg-type]
def post_advice(request: HttpRequest, payload: AdviceIn) -> Status[dict[str, Any]]:
    """Advise on BPO and RPO; a bad answer is a 422 naming the question (e.g. ``business.employees``)."""
    data = payload.model_dump(exclude={"assumptions"})
    try:
        answers = codec.answers_from_data(data)
        saved, evaluation = actions.save_report(answers, payload.assumptions)
    except AnswerError as error:
        raise ValidationError({error.field: error.message}) from error
    return Status(201, _advice_out(request, saved, evaluation))


@router.post(
    "/reports/{report_id}/proposal",
    response={201: ProposalOut, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    **PUBLIC,  # type: ignore[arg-type]
)
def post_proposal(request: HttpRequest, report_id: UUID, payload: ProposalIn) -> Status[dict[str, bool]]:
    """Ask for a proposal on a report: consent to be contacted is required."""
    saved = selectors.report(report_id)
    actions.submit_lead(saved, payload.model_dump(), request.META.get("REMOTE_ADDR"))
    return Status(201, {"lead_received": True})
