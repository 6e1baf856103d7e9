"""Django admin for clients and account teams (provider admins only: User.is_staff)."""

from __future__ import annotations

from django.contrib import admin

from handoff.domain.tenancy.models import AccountAssignment, Client


class AccountAssignmentInline(admin.TabularInline[AccountAssignment, Client]):
    model = AccountAssignment
    extra = 0
    autocomplete_fields = ("user",)
    readonly_fields = ("since",)


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin[Client]):
    list_display = ("name", "legal_name", "country", "industry", "size", "is_active", "created_at")
    list_filter = ("is_active", "industry", "size", "country")
    search_fields = ("name", "legal_name")
    readonly_fields = ("created_at",)
    inlines = (AccountAssignmentInline,)


@admin.register(AccountAssignment)
class AccountAssignmentAdmin(admin.ModelAdmin[AccountAssignment]):
    list_display = ("client", "user", "since")
    list_filter = ("client",)
    search_fields = ("client__name", "user__email", "user__full_name")
    autocomplete_fields = ("client", "user")
    list_select_related = ("client", "user")
    readonly_fields = ("since",)
