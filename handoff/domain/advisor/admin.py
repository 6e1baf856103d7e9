"""Django admin for the advisor: read-only. Rate cards and assumptions change only through new versions
(the staff pages under /advisor/), and reports and leads through the advisor's own pages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from handoff.domain.advisor.models import AdvisorReport, AssumptionSet, Lead, RateCard, RateCardLine


class ReadOnlyAdmin[M: Any](admin.ModelAdmin[M]):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RateCardLineInline(admin.TabularInline[RateCardLine, RateCard]):
    model = RateCardLine
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RateCard)
class RateCardAdmin(ReadOnlyAdmin[RateCard]):
    list_display = ("version", "currency", "illustrative", "note", "created_at", "created_by")
    inlines = (RateCardLineInline,)


@admin.register(AssumptionSet)
class AssumptionSetAdmin(ReadOnlyAdmin[AssumptionSet]):
    list_display = ("version", "illustrative", "note", "created_at", "created_by")


@admin.register(AdvisorReport)
class AdvisorReportAdmin(ReadOnlyAdmin[AdvisorReport]):
    list_display = ("id", "created_at", "rate_card", "assumption_set")


@admin.register(Lead)
class LeadAdmin(ReadOnlyAdmin[Lead]):
    list_display = ("company", "name", "email", "status", "created_at", "client")
    list_filter = ("status",)
    search_fields = ("company", "name", "email")
