"""The maker-checker gate operations calls before an item is resolved or closed.

``require_approval`` raises a ``ValidationError`` on ``status`` when the item belongs to an accounting or
payroll service and its latest change has not been approved by a checker (or a change still waits).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from handoff.domain.assurance.models import ChangeRequest, ChangeState
from handoff.domain.assurance.permissions import needs_checker
from handoff.domain.operations.models import WorkItem

NO_CHANGE = "This item needs a second person's approval: submit its change for checking before resolving it."
PENDING = "This item's change is waiting for a checker: it can be resolved once approved."
REJECTED = "This item's last change was rejected: submit a corrected change for checking."


def approval_problem(item: WorkItem) -> str:
    """Why the item may not be resolved yet ("" when it may)."""
    if not needs_checker(item.service):
        return ""
    latest = (
        ChangeRequest.objects.filter(client_id=item.client_id, item_id=item.pk)
        .order_by("-submitted_at", "-id")
        .values_list("state", flat=True)
        .first()
    )
    if latest is None:
        return NO_CHANGE
    problems: dict[str, str] = {ChangeState.PENDING: PENDING, ChangeState.REJECTED: REJECTED}
    return problems.get(str(latest), "")


def require_approval(item: WorkItem) -> None:
    problem = approval_problem(item)
    if problem:
        raise ValidationError({"status": problem})
