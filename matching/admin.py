from django.contrib import admin

from .models import (
    Application,
    ApplicationEvent,
    Match,
    MatchRun,
    Vacature,
    VacatureSkill,
    VacatureTask,
)


class VacatureSkillInline(admin.TabularInline):
    model = VacatureSkill
    extra = 0
    raw_id_fields = ["skill"]


class VacatureTaskInline(admin.TabularInline):
    model = VacatureTask
    extra = 0


@admin.register(Vacature)
class VacatureAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "sector", "region", "status", "published_at"]
    list_filter = ["status", "sector", "region"]
    list_select_related = ["organisation", "region"]
    search_fields = ["title", "organisation__name"]
    inlines = [VacatureSkillInline, VacatureTaskInline]


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    readonly_fields = ["from_status", "to_status", "at", "by", "note"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["vacature", "status", "updated_at"]
    list_filter = ["status"]
    list_select_related = ["vacature"]
    readonly_fields = ["status"]
    inlines = [ApplicationEventInline]


@admin.register(MatchRun)
class MatchRunAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "status",
        "chunks_done",
        "chunks_total",
        "matches_written",
        "finished_at",
    ]
    readonly_fields = [f.name for f in MatchRun._meta.fields]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["profile", "vacature", "score", "engine_version", "computed_at"]
    list_select_related = ["profile__user", "vacature"]
    readonly_fields = [f.name for f in Match._meta.fields]
