"""The caller's own API tokens: list, issue (the secret is returned once), revoke."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from handoff.domain.accounts.models import ApiToken
from handoff.domain.accounts.selectors import api_tokens
from handoff.domain.accounts.tokens import issue_token, revoke_token
from handoff.interfaces.api.auth import actor
from handoff.interfaces.api.pagination import PageNumberPagination
from handoff.interfaces.api.schemas.base import ObjectId
from handoff.interfaces.api.schemas.errors import error_responses
from handoff.interfaces.api.schemas.tokens import TokenCreatedOut, TokenIn, TokenOut

router = Router(tags=["tokens"])


@router.get("", response={200: list[TokenOut], **error_responses(422)})
@paginate(PageNumberPagination)
def list_tokens(request: HttpRequest) -> QuerySet[ApiToken]:
    return api_tokens(actor(request))


@router.post("", response={201: TokenCreatedOut, **error_responses(400, 403, 422)})
def post_token(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    issued = issue_token(actor(request), payload.name)
    token = issued.token
    return Status(
        201,
        {
            "id": token.pk,
            "name": token.name,
            "prefix": token.prefix,
            "created_at": token.created_at,
            "last_used_at": token.last_used_at,
            "revoked_at": token.revoked_at,
            "is_active": token.is_active,
            "secret": issued.secret,
        },
    )


@router.delete("/{token_id}", response={204: None, **error_responses(403, 404, 422)})
def delete_token(request: HttpRequest, token_id: ObjectId) -> Status[None]:
    if not revoke_token(actor(request), token_id):
        raise Http404("Not found")  # another user's, missing, or already revoked: one answer
    return Status(204, None)
