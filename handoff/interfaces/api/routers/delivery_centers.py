"""The provider's delivery centers: every signed-in user may read them."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router
from ninja.pagination import paginate

from handoff.domain.engagements.models import DeliveryCenter
from handoff.domain.engagements.selectors import delivery_centers
from handoff.interfaces.api.pagination import PageNumberPagination
from handoff.interfaces.api.schemas.base import ObjectId
from handoff.interfaces.api.schemas.delivery_centers import DeliveryCenterOut
from handoff.interfaces.api.schemas.errors import error_responses

router = Router(tags=["delivery centers"])


@router.get("", response={200: list[DeliveryCenterOut], **error_responses(422)})
@paginate(PageNumberPagination)
def list_delivery_centers(request: HttpRequest) -> QuerySet[DeliveryCenter]:
    return delivery_centers().order_by("name", "pk")


@router.get("/{center_id}", response={200: DeliveryCenterOut, **error_responses(404, 422)})
def get_delivery_center(request: HttpRequest, center_id: ObjectId) -> DeliveryCenter:
    center = delivery_centers().filter(pk=center_id).first()
    if center is None:
        raise Http404("Not found")
    return center
