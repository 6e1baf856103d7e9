"""Django admin (provider admins) for requisitions, pipeline stages, candidates and applications."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from handoff.domain.recruiting.models import (
    Application,
    Candidate,
    PipelineStage,
    Requisition,
)


@admin.register(Requisition)
class RequisitionAdmin(admin.ModelAdmin[Requisition]):
    list_display = ("title", "client", "engagement", "status", "priority", "headcount", "created_at")
    list_filter = ("status", "priority", "employment_type")
    search_fields = ("title", "department", "client__name")
    list_select_related = ("client", "engagement")
    autocomplete_fields = ("client",)
    raw_id_fields = ("engagement", "hiring_manager", "created_by")
    readonly_fields = ("status", "created_at", "updated_at")  # status changes go through the action (recorded)


@admin.register(PipelineStage)
class PipelineStageAdmin(admin.ModelAdmin[PipelineStage]):
    list_display = ("name", "client", "engagement", "position", "owner", "outcome", "stale_after_days")
    list_filter = ("owner", "outcome")
    list_select_related = ("client", "engagement")
    autocomplete_fields = ("client",)
    raw_id_fields = ("engagement",)


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin[Candidate]):
    list_display = ("full_name", "email", "city", "country", "source", "share_across_clients", "merged_into")
    list_filter = ("source", "share_across_clients")
    search_fields = ("full_name", "email", "phone")
    raw_id_fields = ("origin_client", "created_by")
    readonly_fields = ("created_at", "updated_at")


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin[Application]):
    list_display = ("candidate", "requisition", "client", "stage", "stage_entered_at")
    list_select_related = ("candidate", "requisition", "client", "stage")
    search_fields = ("candidate__full_name", "requisition__title")
    raw_id_fields = ("requisition", "candidate", "stage", "created_by")
    readonly_fields = ("stage", "stage_entered_at", "created_at", "updated_at")  # moves go through the action
    autocomplete_fields = ("client",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # applications are added through the action, which records the first stage
