"""Django admin (provider admins) for delivery set-up: services, queues, agents, certifications, local holidays."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from handoff.domain.operations.models import (
    AgentCertification,
    AgentProfile,
    CenterHoliday,
    Queue,
    RejectedEmail,
    Service,
)


@admin.register(CenterHoliday)
class CenterHolidayAdmin(admin.ModelAdmin[CenterHoliday]):
    list_display = ("center", "date", "name", "closed")
    list_filter = ("center", "closed")


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin[Service]):
    list_display = ("name", "client", "engagement", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "client__name")
    list_select_related = ("client", "engagement")
    autocomplete_fields = ("client",)


@admin.register(Queue)
class QueueAdmin(admin.ModelAdmin[Queue]):
    list_display = ("name", "client", "service", "is_active")
    search_fields = ("name", "service__name")
    list_select_related = ("client", "service")
    autocomplete_fields = ("client",)


class CertificationInline(admin.TabularInline[AgentCertification, AgentProfile]):
    model = AgentCertification
    extra = 0
    autocomplete_fields = ("client",)


@admin.register(AgentProfile)
class AgentProfileAdmin(admin.ModelAdmin[AgentProfile]):
    list_display = ("user", "center", "state", "concurrency")
    list_filter = ("state", "center")
    search_fields = ("user__email", "user__full_name")
    list_select_related = ("user", "center")
    inlines = (CertificationInline,)


@admin.register(RejectedEmail)
class RejectedEmailAdmin(admin.ModelAdmin[RejectedEmail]):
    """Inbound email the SMTP listener refused, kept whole (the raw message is the ``raw`` field)."""

    list_display = ("received_at", "sender", "recipients", "smtp_code", "reason")
    list_filter = ("smtp_code",)
    search_fields = ("sender", "recipients", "reason")
    readonly_fields = ("received_at", "sender", "recipients", "smtp_code", "reason")
    exclude = ("raw",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
