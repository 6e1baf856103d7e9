"""The one place that decides which clients a user may see.

Every read of client-owned data is scoped here, *inside the query*: the
queryset is filtered by a sub-query of the user's visible clients, so that a
foreign id and a missing id both end in ``DoesNotExist`` (and a 404 in the
interfaces). Interfaces never filter by client themselves.

- anonymous users and inactive users see no client;
- provider admins see every client;
- other provider staff see the clients whose account team they belong to;
- client users see their own client only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.db.models import Model, QuerySet
from django.http import Http404

from handoff.domain.tenancy.models import AccountAssignment, Client, ClientOwned
from handoff.domain.tenancy.roles import COMMERCIAL_ROLES, SALARY_EXPECTATION_ROLES, UserKind

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from handoff.domain.accounts.models import User

type Actor = User | AnonymousUser


def real_user(user: Actor) -> User | None:
    """The user when signed in and active, else None."""
    if getattr(user, "is_authenticated", False) and getattr(user, "is_active", False):
        return cast("User", user)
    return None


def visible_clients(user: Actor) -> QuerySet[Client]:
    """The clients this user may see, as a lazy queryset (usable as a sub-query)."""
    clients = Client.objects.all()
    person = real_user(user)
    if person is None:
        return clients.none()
    if person.kind == UserKind.CLIENT:
        return clients.filter(pk=person.client_id or 0)
    if person.is_provider_admin:
        return clients
    return clients.filter(pk__in=AccountAssignment.objects.filter(user_id=person.pk).values("client_id"))


def access_client(user: Actor, client_id: Any) -> Client:
    """The client with this id if the user may see it; Http404 otherwise, also for a bad id."""
    try:
        return visible_clients(user).get(pk=int(client_id))
    except (Client.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404("No such client") from exc


def scoped[M: ClientOwned](user: Actor, model_or_queryset: type[M] | QuerySet[M]) -> QuerySet[M]:
    """Rows of a client-owned model limited to the user's visible clients."""
    queryset = (
        model_or_queryset if isinstance(model_or_queryset, QuerySet) else model_or_queryset._default_manager.all()
    )
    return queryset.filter(client__in=visible_clients(user))


def access_owned[M: ClientOwned](user: Actor, model_or_queryset: type[M] | QuerySet[M], pk: Any) -> M:
    """One client-owned row by primary key, or Http404 when missing, foreign or malformed."""
    queryset = scoped(user, model_or_queryset)
    try:
        return queryset.get(pk=int(pk))
    except (queryset.model.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404("Not found") from exc


def is_client_owned(model: type[Model]) -> bool:
    return issubclass(model, ClientOwned)


def account_team(user: Actor, client: Client) -> QuerySet[AccountAssignment]:
    """The account team of a client the user may see."""
    return scoped(user, AccountAssignment).filter(client=client).select_related("user")


def sees_pricing(user: Actor) -> bool:
    """Whether the user's role may see commercial terms (rates, fees) of the clients it sees."""
    person = real_user(user)
    return person is not None and person.role in COMMERCIAL_ROLES


def sees_salary_expectations(user: Actor) -> bool:
    """Whether the user's role may see candidates' salary expectations (hiring managers may not)."""
    person = real_user(user)
    return person is not None and person.role in SALARY_EXPECTATION_ROLES
