from django.contrib import admin

from .models import BeroepInfo, Event, Initiative, Registration, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "organisation", "region", "starts_at", "capacity"]
    list_filter = ["kind", "region"]
    search_fields = ["title"]
    inlines = [SessionInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "status", "attended", "created_at"]
    list_filter = ["status"]
    autocomplete_fields = ["event", "user"]
    exclude = ["nonce"]


@admin.register(BeroepInfo)
class BeroepInfoAdmin(admin.ModelAdmin):
    list_display = ["beroep", "wage_min", "wage_max"]
    autocomplete_fields = ["beroep"]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region"]
    list_filter = ["kind", "region"]
