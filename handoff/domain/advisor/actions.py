"""Changes to the advisor's data: save a report, take a lead, convert it, publish new versions.

Reports and leads come from anonymous prospects (the advisor is public): their checks are the
answers' and the lead form's. Converting a lead is for provider admins and account managers;
publishing rate cards and assumptions is for provider admins.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.advisor import codec, selectors
from handoff.domain.advisor.evaluation import Evaluation, evaluate
from handoff.domain.advisor.models import AdvisorReport, AssumptionSet, Lead, LeadStatus, RateCard, RateCardLine
from handoff.domain.engagements.actions import create_bpo_engagement, create_rpo_engagement
from handoff.domain.engagements.models import BpoEngagement, BpoPricing, DeliveryCenter, RpoEngagement, RpoPricing
from handoff.domain.tenancy import rls
from handoff.domain.tenancy.access import Actor, real_user
from handoff.domain.tenancy.actions import CLIENT_FIELDS
from handoff.domain.tenancy.models import AccountAssignment, Client
from handoff.engines.advisor import AnswerError, Answers, Assumptions, RpoModel
from handoff.engines.advisor import Stage as EngineStage

ON_DEMAND_WINDOW_DAYS = 182  # a surge engagement's default window: the next six months


# --- reports -------------------------------------------------------------------------------------------------


@transaction.atomic
def save_report(
    answers: Answers, overrides: Mapping[str, Any] | None = None, *, based_on: AdvisorReport | None = None
) -> tuple[AdvisorReport, Evaluation]:
    """Advise and keep the report. A re-run (``based_on``) keeps the versions the first report used.

    Raises AnswerError for a bad answer and ValidationError (field ``assumptions``) for a bad assumption.
    """
    if based_on is not None:
        rate_card, assumption_set = selectors.with_lines(based_on.rate_card), based_on.assumption_set
    else:
        rate_card, assumption_set = selectors.current_rate_card_with_lines(), selectors.current_assumption_set()
    measured = selectors.measured_medians()
    overrides = dict(overrides or {})
    try:
        evaluation = evaluate(
            answers, assumption_set=assumption_set, rate_card=rate_card, overrides=overrides, measured=measured
        )
    except AnswerError:
        raise
    except ValueError as error:
        raise ValidationError({"assumptions": str(error)}) from error
    saved = AdvisorReport.objects.create(
        answers=codec.answers_to_data(answers),
        advice=codec.advice_to_data(evaluation.advice),
        overrides=codec.plain(overrides),
        measured=codec.measured_to_data(measured),
        rate_card=rate_card,
        assumption_set=assumption_set,
    )
    return saved, evaluation


# --- leads ---------------------------------------------------------------------------------------------------

LEAD_FIELDS = ("name", "company", "email", "message")


@transaction.atomic
def submit_lead(report: AdvisorReport, data: Mapping[str, Any], ip: str | None) -> Lead:
    """A prospect asks for a proposal; consent to be contacted is required and recorded with time and address."""
    lead = Lead(report=report, consent=bool(data.get("consent")), consent_at=timezone.now(), consent_ip=ip or None)
    for name in LEAD_FIELDS:
        setattr(lead, name, str(data.get(name, "") or "").strip())
    lead.full_clean()
    lead.save()
    return lead


def _require_lead_staff(actor: Actor) -> None:
    if not selectors.can_see_leads(actor):
        raise PermissionDenied("Only provider admins and account managers handle leads.")


@transaction.atomic
def set_lead_status(actor: Actor, lead_id: Any, status: str) -> Lead:
    lead = selectors.lead(actor, lead_id)
    if status not in (LeadStatus.NEW, LeadStatus.CONTACTED, LeadStatus.DECLINED):
        raise ValidationError({"status": "Choose new, contacted or declined (conversion has its own button)."})
    if lead.status == LeadStatus.CONVERTED:
        raise ValidationError({"status": "A converted lead keeps its status."})
    lead.status = status
    lead.save(update_fields=["status"])
    return lead


@transaction.atomic
def convert_lead(actor: Actor, lead_id: Any, client_data: Mapping[str, Any]) -> Lead:
    """Turn a lead into a client with draft engagements pre-filled from its advice.

    The client is validated exactly as ``tenancy.actions.create_client`` does (same fields, ``full_clean``);
    it is created here rather than through that action because account managers convert leads and that
    action is for provider admins. An account manager who converts is put on the new client's account team,
    so that the engagement actions (which require seeing the client) accept them.
    """
    _require_lead_staff(actor)
    lead = selectors.lead(actor, lead_id)
    if lead.status == LeadStatus.CONVERTED:
        raise ValidationError({"__all__": "This lead is already a client."})
    user = real_user(actor)
    assert user is not None  # can_see_leads checked it
    client = Client(**{name: client_data[name] for name in CLIENT_FIELDS if name in client_data})
    client.full_clean()
    with _scope_widened_to_new_client(user):
        client.save()
        if not user.is_provider_admin:
            AccountAssignment.objects.create(client=client, user=user)
    evaluation = selectors.evaluation_of(lead.report)
    draft_engagements(actor, client, evaluation)
    lead.status, lead.client, lead.converted_at, lead.converted_by = LeadStatus.CONVERTED, client, timezone.now(), user
    lead.save(update_fields=["status", "client", "converted_at", "converted_by"])
    return lead


@contextmanager
def _scope_widened_to_new_client(user: User) -> Iterator[None]:
    """Row-level security (PostgreSQL): a request is scoped to the clients its user saw when it began, and the
    client made here is not among them, so its row could not be written. When the transaction is scoped (the
    bypass is off), the bypass goes on for the new client and its account-team row, and the transaction is then
    re-scoped to the user, whose clients now include the new one. Elsewhere (SQLite, commands) nothing changes."""
    scoped = rls.enforced() and not _bypassing()
    if scoped:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT set_config('{rls.BYPASS}', 'on', true)")
    yield
    if scoped:
        rls.set_local_scope(user, reading_past_the_scope=True)


def _bypassing() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT current_setting('{rls.BYPASS}', true)")
        row = cursor.fetchone()
    return bool(row and row[0] == "on")


def draft_engagements(actor: Actor, client: Client, evaluation: Evaluation) -> list[BpoEngagement | RpoEngagement]:
    """Draft BPO engagements (one per outsourced process, from its chosen center) and a draft RPO engagement."""
    created: list[BpoEngagement | RpoEngagement] = []
    advice, assumptions = evaluation.advice, evaluation.assumptions
    for process in advice.processes:
        if not process.outsource:
            continue
        choice = evaluation.centers.get(process.index)
        center = choice.center if choice is not None and choice.center is not None else _fallback_center()
        if center is None:
            continue  # no delivery center at all: the account manager adds the engagement by hand
        rate = (
            choice.rate_low
            if choice is not None and choice.rate_low is not None
            else _default_rate(process.locations[0], assumptions)
        )
        created.append(
            create_bpo_engagement(
                actor,
                client.pk,
                {
                    "name": f"{process.process.kind.replace('_', ' ').capitalize()} (from the advisor)",
                    "start_date": date.today(),
                    "currency": assumptions.currency,
                    "process_type": str(process.process.kind),
                    "office": "front" if process.office == "front_office" else "back",
                    "delivery_center": center,
                    "pricing_model": BpoPricing.FTE_MONTH,
                    "rate": Decimal(str(round(rate, 2))),
                    "notes": process.text,
                },
            )
        )
    rpo = advice.rpo
    if rpo.model is not None and evaluation.answers.hiring is not None:
        created.append(create_rpo_engagement(actor, client.pk, _rpo_data(evaluation, rpo.model, rpo.provider_stages)))
    return created


def _rpo_data(evaluation: Evaluation, model: RpoModel, stages: Sequence[EngineStage]) -> dict[str, Any]:
    hiring = evaluation.answers.hiring
    assert hiring is not None
    today = date.today()
    fee = evaluation.assumptions.rpo_fee_per_hire[0]
    if model is RpoModel.HYBRID:
        fee *= evaluation.assumptions.hybrid_fee_factor
    data: dict[str, Any] = {
        "name": "Recruitment (from the advisor)",
        "start_date": today,
        "currency": evaluation.assumptions.currency,
        "model": str(model),
        "provider_stages": _engagement_stages(stages),
        "pricing_model": RpoPricing.FEE_PER_HIRE,
        "fee_amount": Decimal(str(round(fee, 2))),
        "notes": evaluation.advice.rpo.text,
    }
    if model is RpoModel.ON_DEMAND:
        data |= {
            "target_headcount": max(1, hiring.hires_per_year),
            "window_start": today,
            "window_end": today + timedelta(days=ON_DEMAND_WINDOW_DAYS),
        }
    return data


# engine stage → engagement hiring stage. Assessment is part of screening; scheduling has no stage of its own
# (it serves the interviews, which stay with whoever the advice gives them to).
_STAGES = {
    EngineStage.SOURCING: "sourcing",
    EngineStage.SCREENING: "screening",
    EngineStage.ASSESSMENT: "screening",
    EngineStage.INTERVIEWING: "interviewing",
    EngineStage.OFFER: "offer",
}


def _engagement_stages(stages: Sequence[EngineStage]) -> list[str]:
    return sorted({_STAGES[stage] for stage in stages if stage in _STAGES})


def _fallback_center() -> DeliveryCenter | None:
    return DeliveryCenter.objects.filter(is_active=True).order_by("name").first()


def _default_rate(location: str, assumptions: Assumptions) -> float:
    rates = {str(key): value for key, value in assumptions.provider_rate_per_fte_month.items()}
    return rates.get(location, (0.0, 0.0))[0]


# --- versions ------------------------------------------------------------------------------------------------


def _require_pricing_admin(actor: Actor) -> None:
    if not selectors.can_edit_pricing(actor):
        raise PermissionDenied("Only provider admins edit rate cards and assumptions.")


def _next_version(model: type[RateCard] | type[AssumptionSet]) -> int:
    return int(model.objects.aggregate(top=Max("version"))["top"] or 0) + 1


@transaction.atomic
def publish_rate_card(
    actor: Actor,
    lines: Sequence[Mapping[str, Any]],
    *,
    currency: str = "USD",
    note: str = "",
    illustrative: bool = False,
) -> RateCard:
    """A new rate card version with these lines (delivery_center, process_kind, rate_low, rate_high)."""
    _require_pricing_admin(actor)
    card = RateCard(
        version=_next_version(RateCard),
        currency=currency,
        note=note,
        illustrative=illustrative,
        created_by=real_user(actor),
    )
    card.full_clean()
    if len({(data["delivery_center"].pk, data["process_kind"]) for data in lines}) != len(lines):
        raise ValidationError({"__all__": "Each delivery center has at most one rate per process."})
    card.save()
    for index, data in enumerate(lines):
        line = RateCardLine(
            rate_card=card, **{key: data[key] for key in ("delivery_center", "process_kind", "rate_low", "rate_high")}
        )
        try:
            line.full_clean(validate_unique=False)
        except ValidationError as error:
            raise ValidationError({f"lines[{index}]": error.messages}) from error
        line.save()
    return card


@transaction.atomic
def publish_assumption_set(
    actor: Actor, values: Mapping[str, Any], *, note: str = "", illustrative: bool = False
) -> AssumptionSet:
    """A new assumptions version; the values are checked by building the engine's Assumptions from them."""
    _require_pricing_admin(actor)
    try:
        codec.apply_values(Assumptions(), values)
    except ValueError as error:
        raise ValidationError({"values": str(error)}) from error
    assumption_set = AssumptionSet(
        version=_next_version(AssumptionSet),
        values=codec.plain(dict(values)),
        note=note,
        illustrative=illustrative,
        created_by=real_user(actor),
    )
    assumption_set.full_clean()
    assumption_set.save()
    return assumption_set
