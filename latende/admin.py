from django.contrib import admin

from .models import BusinessCaseAssumptions, CampaignPledge


@admin.register(BusinessCaseAssumptions)
class BusinessCaseAssumptionsAdmin(admin.ModelAdmin):
    """The beheerder sets the business case's assumptions: one row for every campaign."""

    list_display = [
        "__str__",
        "monthly_salary",
        "years_of_service",
        "notice_months",
        "expected_ww_months",
        "updated_at",
    ]

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not BusinessCaseAssumptions.objects.exists()


@admin.register(CampaignPledge)
class CampaignPledgeAdmin(admin.ModelAdmin):
    """Read only: the employer makes its own pledge."""

    list_display = ["campaign", "orientatie_days", "scholingsbudget", "coaching_budget"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
