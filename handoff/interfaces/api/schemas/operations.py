"""BPO operations: work items, their messages, claims.

Owner fields (``client_id``, ``requester``, ``assignee``) are never input: the client is the
service's, the requester the caller. Internal notes are never given to client users.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field

from handoff.domain.operations.actions.missing_fields import missing_fields
from handoff.domain.operations.models import ItemStatus, ItemType, MessageKind, Priority, WorkItem
from handoff.interfaces.api.schemas.base import InputSchema, ObjectId


class WorkItemOut(Schema):
    id: int
    client_id: int
    service_id: int
    queue_id: int
    parent_id: int | None
    item_type: str
    title: str
    description: str
    status: str
    category: str = Field(description="open, waiting (the SLA clock is paused), in_progress, resolved or closed.")
    priority: str
    custom_fields: dict[str, Any]
    assignee_id: int | None
    assigned_at: dt.datetime | None
    created_at: dt.datetime
    first_response_at: dt.datetime | None
    first_response_due: dt.datetime | None
    resolution_due: dt.datetime | None = Field(description="UTC; null while the SLA clock is paused.")
    sla_state: str
    missing_fields: list[str] = Field(
        description="Required custom fields the item still lacks (raised by e-mail): it cannot be resolved or "
        "closed until they are filled."
    )

    @staticmethod
    def resolve_missing_fields(obj: WorkItem) -> list[str]:
        return missing_fields(obj)


class WorkItemIn(InputSchema):
    service_id: ObjectId
    queue_id: ObjectId | None = Field(None, description="A queue of the service; its first queue when left out.")
    parent_id: ObjectId | None = None
    item_type: ItemType = ItemType.TICKET
    title: str = Field(max_length=300)
    description: str = Field("", max_length=20000)
    priority: Priority = Priority.NORMAL
    custom_fields: dict[str, Any] = Field(default_factory=dict, description="Checked against the service's fields.")


class WorkItemBatchIn(InputSchema):
    items: list[WorkItemIn] = Field(min_length=1, max_length=500)


class StatusIn(InputSchema):
    status: ItemStatus


class CustomFieldsIn(InputSchema):
    custom_fields: dict[str, Any] = Field(
        description="Values to set, merged over the item's current ones and checked against the service's fields."
    )


class AssignIn(InputSchema):
    assignee_id: ObjectId | None = Field(description="A staff member who works the client's items; null unassigns.")


class MessageIn(InputSchema):
    kind: MessageKind = MessageKind.REPLY
    body: str = Field(min_length=1, max_length=20000)


class MessageOut(Schema):
    id: int
    item_id: int
    author_id: int | None
    kind: str
    body: str
    created_at: dt.datetime


class ClaimOut(Schema):
    item: WorkItemOut | None
    reason: str = Field(description="Why nothing was claimed (empty when an item was).")
