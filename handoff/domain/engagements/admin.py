"""Django admin for delivery centers (working hours, holidays) and BPO/RPO engagements."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from handoff.domain.engagements.models import BpoEngagement, DeliveryCenter, RpoEngagement


@admin.register(DeliveryCenter)
class DeliveryCenterAdmin(admin.ModelAdmin[DeliveryCenter]):
    list_display = ("name", "city", "country", "time_zone", "holiday_country", "is_active")
    list_filter = ("is_active", "country")
    search_fields = ("name", "city")


@admin.register(BpoEngagement)
class BpoEngagementAdmin(admin.ModelAdmin[BpoEngagement]):
    list_display = ("name", "client", "process_type", "office", "delivery_center", "status", "start_date")
    list_filter = ("status", "process_type", "office", "delivery_center")
    search_fields = ("name", "client__name")
    list_select_related = ("client", "delivery_center")
    autocomplete_fields = ("client",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(RpoEngagement)
class RpoEngagementAdmin(admin.ModelAdmin[RpoEngagement]):
    list_display = ("name", "client", "model", "status", "start_date")
    list_filter = ("status", "model")
    search_fields = ("name", "client__name")
    list_select_related = ("client",)
    autocomplete_fields = ("client",)
    readonly_fields = ("created_at", "updated_at")

    def save_model(self, request: HttpRequest, obj: RpoEngagement, form: Any, change: bool) -> None:
        obj.prepare()  # derived fields filled in as the actions do
        super().save_model(request, obj, form, change)
