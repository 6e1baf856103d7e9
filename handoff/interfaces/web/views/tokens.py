"""API tokens: list one's own, create one (its secret is shown once), revoke one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from handoff.domain.accounts.selectors import api_tokens
from handoff.domain.accounts.tokens import issue_token, revoke_token
from handoff.interfaces.web.forms import TokenCreateForm
from handoff.interfaces.web.views.common import AuthenticatedHttpRequest, render_page


def _render_tokens(
    request: AuthenticatedHttpRequest, form: TokenCreateForm, secret: str = "", *, invalid: bool = False
) -> HttpResponse:
    context = {"tokens": list(api_tokens(request.user)), "form": form, "new_secret": secret}
    return render_page(request, "web/account/tokens.html", context, invalid=invalid)


@never_cache
@login_required
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _render_tokens(request, TokenCreateForm())


@never_cache
@require_POST
@login_required
def token_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TokenCreateForm(request.POST)
    if not form.is_valid():
        return _render_tokens(request, form, invalid=True)
    issued = issue_token(request.user, form.cleaned_data["name"])
    return _render_tokens(request, TokenCreateForm(), issued.secret)


@require_POST
@login_required
def token_revoke(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    if revoke_token(request.user, token_id):
        messages.success(request, "Token revoked: it no longer opens the API.")
    elif api_tokens(request.user).filter(pk=token_id).exists():
        messages.info(request, "That token was already revoked.")
    else:
        raise Http404("No such token")
    return redirect("web:token_list")
