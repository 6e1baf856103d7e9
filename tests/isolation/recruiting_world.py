"""Client B's recruiting ids for the probes' bodies (the rows themselves are planted by tests/personas.py)."""

from __future__ import annotations

from handoff.domain.recruiting.models import Application, Requisition
from tests.personas import MARKER_B


def recruiting_params() -> dict[str, str]:
    """Client B's requisition, application and its stage under the names a view or the API reads them from."""
    requisition = Requisition.objects.filter(title__contains=MARKER_B).first()
    application = Application.objects.filter(requisition=requisition).first() if requisition else None
    ids: dict[str, str] = {}
    if requisition is not None:
        ids |= {"requisition_id": str(requisition.pk), "requisition": str(requisition.pk)}
    if application is not None:
        ids |= {
            "application_id": str(application.pk),
            "applications": str(application.pk),
            "stage": str(application.stage_id),
        }
    return ids
