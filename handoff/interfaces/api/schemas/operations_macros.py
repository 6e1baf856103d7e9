"""Macros: canned replies and notes (set-up), the ones that apply to an item, and applying one."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from handoff.interfaces.api.schemas.base import InputSchema, ObjectId
from handoff.interfaces.api.schemas.operations import MessageOut, WorkItemOut

Kind = Literal["reply", "note"]
SetStatus = Literal["", "open", "in_progress", "waiting_client", "waiting_customer", "resolved", "closed"]
BODY_HELP = (
    "Text with placeholders: {{ requester_name }}, {{ item_reference }}, {{ item_title }}, {{ agent_name }}, "
    "{{ service_name }}; any other is a field error."
)


class MacroIn(InputSchema):
    client_id: ObjectId
    service_id: ObjectId | None = Field(default=None, description="Empty: every service of the client.")
    title: str = Field(max_length=200)
    body: str = Field(max_length=20000, description=BODY_HELP)
    kind: Kind = "reply"
    set_status: SetStatus = Field(default="", description="The status to set when applied; empty: unchanged.")
    is_active: bool = True


class MacroPatch(InputSchema):
    service_id: ObjectId | None = None
    title: str | None = Field(default=None, max_length=200)
    body: str | None = Field(default=None, max_length=20000, description=BODY_HELP)
    kind: Kind | None = None
    set_status: SetStatus | None = None
    is_active: bool | None = None


class MacroOut(Schema):
    id: int
    client_id: int
    service_id: int | None
    title: str
    body: str
    kind: str
    set_status: str
    is_active: bool
    usage_count: int
    updated_at: dt.datetime


class ItemMacroOut(MacroOut):
    preview: str = Field(default="", description="The body with this item's and this caller's values filled in.")


class ApplyMacroIn(InputSchema):
    body: str | None = Field(
        default=None, max_length=20000, description="The text to post instead of the rendered body (edited)."
    )


class AppliedMacroOut(Schema):
    message: MessageOut
    item: WorkItemOut
