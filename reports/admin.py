from django.contrib import admin

from .models import ReportRun


@admin.register(ReportRun)
class ReportRunAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "progress", "monthly", "created_at", "emailed_at"]
    list_filter = ["status", "monthly", "region"]
    readonly_fields = ["result"]
