from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.models import Sector

from .models import (
    Bijstandsnorm,
    Contribution,
    FinancingPlan,
    FinancingSettings,
    IncomePeriod,
    LoonheffingParameter,
    Post,
    PostKind,
    Regeling,
    SectorNorm,
    TransitievergoedingParameter,
    WwParameter,
)


class RegelingAdminForm(forms.ModelForm):
    """Sectors and posts as check boxes instead of raw JSON."""

    sectors = forms.MultipleChoiceField(
        label=_("Sectoren"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets aangevinkt: alle sectoren."),
    )
    posts = forms.MultipleChoiceField(
        label=_("Posten die de regeling mag betalen"),
        choices=PostKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Regeling
        fields = [
            "name",
            "issuer",
            "funder_type",
            "target_group",
            "sectors",
            "posts",
            "amount_min",
            "amount_max",
            "valid_from",
            "valid_to",
            "stackable",
            "stackable_with",
            "conditions",
            "source_note",
        ]


@admin.register(Regeling)
class RegelingAdmin(admin.ModelAdmin):
    form = RegelingAdminForm
    list_display = [
        "name",
        "issuer",
        "amount_max",
        "valid_from",
        "valid_to",
        "stackable",
        "target_group",
    ]
    list_filter = ["stackable", "target_group", "funder_type", "issuer"]
    search_fields = ["name", "issuer", "conditions"]
    filter_horizontal = ["stackable_with"]
    fieldsets = [
        (None, {"fields": ["name", "issuer", "funder_type", "target_group"]}),
        (_("Waarvoor"), {"fields": ["sectors", "posts"]}),
        (
            _("Bedragen en geldigheid"),
            {"fields": ["amount_min", "amount_max", "valid_from", "valid_to"]},
        ),
        (_("Stapelen"), {"fields": ["stackable", "stackable_with"]}),
        (_("Voorwaarden"), {"fields": ["conditions", "source_note"]}),
    ]


@admin.register(SectorNorm)
class SectorNormAdmin(admin.ModelAdmin):
    list_display = [
        "sector",
        "item",
        "cost_min",
        "cost_max",
        "duration",
        "duration_working_days",
        "certain",
    ]
    list_filter = ["sector", "certain"]


@admin.register(WwParameter)
class WwParameterAdmin(admin.ModelAdmin):
    list_display = [
        "valid_from",
        "max_monthly_wage",
        "pct_first_months",
        "first_months",
        "pct_after",
        "duration_min_months",
        "duration_max_months",
    ]
    fieldsets = [
        (None, {"fields": ["valid_from", "source_note"]}),
        (
            _("Hoogte"),
            {"fields": ["max_monthly_wage", "first_months", "pct_first_months", "pct_after"]},
        ),
        (
            _("Duur (uit het arbeidsverleden)"),
            {
                "fields": [
                    "duration_min_months",
                    "duration_max_months",
                    "duration_first_years",
                    "duration_months_per_year_first",
                    "duration_months_per_year_after",
                ]
            },
        ),
    ]


@admin.register(TransitievergoedingParameter)
class TransitievergoedingParameterAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "max_amount", "source_note"]


@admin.register(LoonheffingParameter)
class LoonheffingParameterAdmin(admin.ModelAdmin):
    list_display = [
        "year",
        "bracket1_pct",
        "bracket2_pct",
        "bracket3_pct",
        "ahk_max",
        "source_note",
    ]


@admin.register(Bijstandsnorm)
class BijstandsnormAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "household", "amount", "source_note"]
    list_filter = ["household"]


@admin.register(FinancingSettings)
class FinancingSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "max_income_drop_pct", "updated_at"]

    def has_add_permission(self, request):
        # One row holds the settings for every plan.
        return not FinancingSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class PostInline(admin.TabularInline):
    model = Post
    extra = 0
    can_delete = False
    fields = ["kind", "estimate", "norm_cost_min", "norm_cost_max", "norm_uncertain", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class IncomePeriodInline(admin.TabularInline):
    model = IncomePeriod
    extra = 0
    readonly_fields = ["kind", "payer", "first_month", "last_month", "amount", "ww_wage"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FinancingPlan)
class FinancingPlanAdmin(admin.ModelAdmin):
    """Read-only: plans change through the coach's pages, which check every rule."""

    list_display = ["traject", "version", "norm_sector", "updated_at"]
    list_select_related = ["traject__overstapper"]
    inlines = [PostInline, IncomePeriodInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["post", "funder_type", "funder_organisation", "amount", "regeling", "status"]
    list_filter = ["status", "funder_type", "regeling"]
    list_select_related = ["post", "funder_organisation", "regeling"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False
