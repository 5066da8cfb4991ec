from django.contrib import admin

from .models import Appointment, Buddy, Intervisiegroep, Note, PhaseChange, Traject


class PhaseChangeInline(admin.TabularInline):
    model = PhaseChange
    extra = 0
    readonly_fields = ["from_phase", "to_phase", "at", "by", "reason"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        # Phase changes go through the coach's screen, which checks the journey rules.
        return False


@admin.register(Traject)
class TrajectAdmin(admin.ModelAdmin):
    list_display = ["overstapper", "attempt", "phase", "phase_since", "coach", "region"]
    list_filter = ["phase", "region", "target_sector", "entry_route"]
    list_select_related = ["overstapper", "coach", "region"]
    search_fields = ["overstapper__full_name", "overstapper__email"]
    readonly_fields = ["phase", "phase_since", "created_at"]
    autocomplete_fields = ["overstapper", "coach", "latende_werkgever"]
    inlines = [PhaseChangeInline]

    def has_add_permission(self, request):
        # A traject starts through sign-up (traject_create), which records its first phase.
        return False


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["traject", "author", "shared", "created_at"]
    list_filter = ["shared"]


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ["kind", "traject", "group", "coach", "starts_at", "reminded_at"]
    list_filter = ["kind"]


class MeetingInline(admin.TabularInline):
    model = Appointment
    fk_name = "group"
    fields = ["kind", "starts_at", "location", "coach"]
    extra = 0


@admin.register(Intervisiegroep)
class IntervisiegroepAdmin(admin.ModelAdmin):
    list_display = ["name", "coach"]
    filter_horizontal = ["members"]
    inlines = [MeetingInline]


@admin.register(Buddy)
class BuddyAdmin(admin.ModelAdmin):
    list_display = ["name", "traject", "since"]
