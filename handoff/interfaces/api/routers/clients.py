"""Clients: the ones the caller may see; provider admins create and edit them."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from handoff.domain.tenancy.access import access_client, account_team, visible_clients
from handoff.domain.tenancy.actions import create_client, update_client
from handoff.domain.tenancy.models import AccountAssignment, Client
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.pagination import PageNumberPagination
from handoff.interfaces.api.schemas.base import ObjectId, model_data
from handoff.interfaces.api.schemas.clients import AccountTeamMemberOut, ClientIn, ClientOut, ClientPatch
from handoff.interfaces.api.schemas.errors import error_responses

router = Router(tags=["clients"])


@router.get("", response={200: list[ClientOut], **error_responses(422)})
@paginate(PageNumberPagination)
def list_clients(request: HttpRequest) -> QuerySet[Client]:
    return visible_clients(actor(request)).order_by("name", "pk")


@router.post("", response={201: ClientOut, **error_responses(400, 403, 409, 422)})
def post_client(request: HttpRequest, payload: ClientIn) -> Status[Client]:
    return Status(201, create_client(actor(request), model_data(payload)))


@router.get("/{client_id}", response={200: ClientOut, **error_responses(404, 422)})
def get_client(request: HttpRequest, client_id: ObjectId) -> Client:
    return access_client(actor(request), client_id)


@router.patch("/{client_id}", response={200: ClientOut, **error_responses(400, 403, 404, 409, 422)})
def patch_client(request: HttpRequest, client_id: ObjectId, payload: ClientPatch) -> Client:
    user = actor(request)
    return update_client(user, access_client(user, client_id), model_data(payload))


@router.get("/{client_id}/account-team", response={200: list[AccountTeamMemberOut], **error_responses(404, 422)})
@paginate(PageNumberPagination)
def list_account_team(request: HttpRequest, client_id: ObjectId) -> QuerySet[AccountAssignment]:
    user = actor(request)
    return account_team(user, access_client(user, client_id)).order_by("user__full_name", "pk")
