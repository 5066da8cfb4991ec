from django.contrib import admin

from .models import (
    Alert,
    Leerwerktraject,
    Module,
    OnboardingTemplate,
    OnboardingTemplateItem,
)


class ModuleInline(admin.TabularInline):
    model = Module
    extra = 0


@admin.register(Leerwerktraject)
class LeerwerktrajectAdmin(admin.ModelAdmin):
    list_display = ["title", "opleider", "sector", "published_at"]
    inlines = [ModuleInline]


class TemplateItemInline(admin.TabularInline):
    model = OnboardingTemplateItem
    extra = 0


@admin.register(OnboardingTemplate)
class OnboardingTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "days"]
    inlines = [TemplateItemInline]


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["traject", "kind", "message", "created_at", "resolved_at"]
    list_filter = ["kind"]
