"""Pipeline stage templates (edits) and bulk actions on applications."""

from __future__ import annotations

from enum import StrEnum

from ninja import Field, Schema

from handoff.domain.recruiting.models import StageOwner
from handoff.interfaces.api.schemas.base import InputSchema, ObjectId

MAX_STAGES = 100


class Owner(StrEnum):
    PROVIDER = StageOwner.PROVIDER.value
    CLIENT = StageOwner.CLIENT.value


class StageIn(InputSchema):
    name: str = Field(min_length=1, max_length=80)
    owner: Owner = Owner.PROVIDER
    stale_after_days: int | None = Field(None, ge=1, le=365, description="Warn after this many days; null: never.")


class StagePatch(InputSchema):
    name: str | None = Field(None, min_length=1, max_length=80)
    owner: Owner | None = None
    stale_after_days: int | None = Field(None, ge=1, le=365)


class ReorderIn(InputSchema):
    stage_ids: list[ObjectId] = Field(min_length=1, max_length=MAX_STAGES, description="Every stage, in order.")


class BulkOperation(StrEnum):
    MOVE = "move"
    REJECT = "reject"
    REJECT_EMAIL = "reject_email"
    TAG = "tag"


class BulkIn(InputSchema):
    operation: BulkOperation
    application_ids: list[ObjectId] = Field(min_length=1, max_length=500)
    value: str = Field(min_length=1, max_length=300, description="The stage key, the rejection reason or the tag.")


class BulkOut(Schema):
    updated: int


class TagIn(InputSchema):
    tag: str = Field(min_length=1, max_length=40)
