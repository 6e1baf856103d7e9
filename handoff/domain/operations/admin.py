"""Django admin (provider admins) for delivery set-up: services, queues, agents, certifications, local holidays."""

from __future__ import annotations

from django.contrib import admin

from handoff.domain.operations.models import AgentCertification, AgentProfile, CenterHoliday, Queue, Service


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
