"""Django admin: the taxonomy is browsed here (read-mostly; the import command writes it)."""

from __future__ import annotations

from django.contrib import admin

from handoff.domain.taxonomy.models import ImportRun, Occupation, Skill


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin[Occupation]):
    list_display = ("code", "title", "is_current")
    search_fields = ("code", "title")
    list_filter = ("is_current",)


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin[Skill]):
    list_display = ("skill_id", "name", "source", "is_hot", "is_current")
    search_fields = ("skill_id", "name")
    list_filter = ("source", "is_hot", "is_current")


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin[ImportRun]):
    list_display = ("started_at", "finished_at", "status", "version", "source")
    list_filter = ("status",)
    readonly_fields = ("source", "version", "counts", "status", "error", "started_at", "finished_at")
