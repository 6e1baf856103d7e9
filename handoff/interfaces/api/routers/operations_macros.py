"""Macros: set-up (list, create, read, update, deactivate) and, on a work item, the applicable ones and applying one."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from handoff.domain.operations import selectors
from handoff.domain.operations.actions import macros as actions
from handoff.domain.operations.models import Macro
from handoff.domain.tenancy.access import access_client
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.errors import FieldRenames
from handoff.interfaces.api.pagination import PageNumberPagination
from handoff.interfaces.api.schemas.base import ObjectId, model_data
from handoff.interfaces.api.schemas.errors import error_responses
from handoff.interfaces.api.schemas.operations_macros import (
    AppliedMacroOut,
    ApplyMacroIn,
    ItemMacroOut,
    MacroIn,
    MacroOut,
    MacroPatch,
)

router = Router(tags=["Macros"])
item_router = Router(tags=["Macros"])  # under /v1/work-items

RENAMES = {"service": "service_id", "macro": "macro_id"}


@router.get("", response={200: list[MacroOut], **error_responses(404, 422)})
@paginate(PageNumberPagination)
def list_macros(request: HttpRequest, client_id: ObjectId | None = None, active: bool | None = None) -> QuerySet[Macro]:
    """The macros of the clients the caller works for (provider staff who work items; empty for others)."""
    user = actor(request)
    rows = selectors.macros(user, access_client(user, client_id) if client_id is not None else None)
    return rows.filter(is_active=active) if active is not None else rows


@router.post("", response={201: MacroOut, **error_responses(400, 403, 404, 422)})
def post_macro(request: HttpRequest, payload: MacroIn) -> Status[Macro]:
    """A new macro of a client (provider admins, account managers and team leads of the client)."""
    with FieldRenames(RENAMES):
        macro = actions.create_macro(actor(request), payload.client_id, model_data(payload, exclude={"client_id"}))
    return Status(201, macro)


@router.get("/{macro_id}", response={200: MacroOut, **error_responses(404, 422)})
def get_macro(request: HttpRequest, macro_id: ObjectId) -> Macro:
    return selectors.macro(actor(request), macro_id)


@router.patch("/{macro_id}", response={200: MacroOut, **error_responses(400, 403, 404, 422)})
def patch_macro(request: HttpRequest, macro_id: ObjectId, payload: MacroPatch) -> Macro:
    user = actor(request)
    with FieldRenames(RENAMES):
        return actions.update_macro(user, selectors.macro(user, macro_id), model_data(payload))


@router.delete("/{macro_id}", response={200: MacroOut, **error_responses(403, 404, 422)})
def delete_macro(request: HttpRequest, macro_id: ObjectId) -> Macro:
    """Deactivate the macro (kept, with its use count, for the record; PATCH ``is_active`` brings it back)."""
    user = actor(request)
    return actions.deactivate_macro(user, selectors.macro(user, macro_id))


@item_router.get("/{item_id}/macros", response={200: list[ItemMacroOut], **error_responses(403, 404, 422)})
def list_item_macros(request: HttpRequest, item_id: ObjectId) -> list[ItemMacroOut]:
    """The active macros of the item's client for all its services or the item's, each with its text filled in."""
    user = actor(request)
    item = selectors.work_item(user, item_id)
    return [
        ItemMacroOut.from_orm(macro).model_copy(update={"preview": text})
        for macro, text in actions.previews(user, item)
    ]


@item_router.post(
    "/{item_id}/macros/{macro_id}/apply", response={201: AppliedMacroOut, **error_responses(400, 403, 404, 422)}
)
def post_apply_macro(
    request: HttpRequest, item_id: ObjectId, macro_id: ObjectId, payload: ApplyMacroIn
) -> Status[actions.AppliedMacro]:
    """Post the macro's reply or note on the item (``body``: an edited text) and set the macro's status."""
    user = actor(request)
    item, macro = selectors.work_item(user, item_id), selectors.macro(user, macro_id)
    with FieldRenames(RENAMES):
        return Status(201, actions.apply_macro(user, item, macro, body=payload.body))
