"""Page-number pagination for every list: ``?page=2&page_size=50`` -> {"items", "count", "page", "pages"}."""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.errors import ValidationError
from ninja.pagination import PaginationBase

from handoff.interfaces.api.schemas.base import MAX_ID

DEFAULT_PAGE_SIZE: int = getattr(settings, "NINJA_PAGINATION_PER_PAGE", 50)
MAX_PAGE_SIZE: int = min(getattr(settings, "NINJA_MAX_PER_PAGE_SIZE", 200), 200)


def page_count(count: int, page_size: int) -> int:
    """Pages needed for ``count`` items; an empty list still has its (empty) first page."""
    return max(1, math.ceil(count / page_size))


class PageNumberPagination(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_ID, description="1-based page number.")
        page_size: int = Field(
            DEFAULT_PAGE_SIZE, ge=1, le=MAX_ID, description=f"Items per page (at most {MAX_PAGE_SIZE})."
        )

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        pages: int

    items_attribute = "items"

    def __init__(self, max_page_size: int = MAX_PAGE_SIZE, **kwargs: Any) -> None:
        self.max_page_size = max_page_size
        super().__init__(**kwargs)

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        size = min(pagination.page_size, self.max_page_size)
        count = self._items_count(queryset)
        pages = page_count(count, size)
        if pagination.page > pages:
            message = f"Page {pagination.page} is out of range (1–{pages})."
            raise ValidationError([{"loc": ("query", "page"), "msg": message, "type": "out_of_range"}])
        start = (pagination.page - 1) * size
        return {"items": queryset[start : start + size], "count": count, "page": pagination.page, "pages": pages}
