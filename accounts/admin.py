from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .forms import InviteForm
from .models import Organisation, Region, User
from .services import user_invite


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "sector", "region", "kvk_number"]
    list_filter = ["kind", "sector", "region"]
    search_fields = ["name", "kvk_number"]
    list_select_related = ["region"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Staff are invited: the beheerder enters who and where, the person sets a password."""

    ordering = ["full_name"]
    list_display = ["email", "full_name", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active", "organisation__kind"]
    list_select_related = ["organisation"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["last_login", "date_joined", "email_confirmed_at"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "role", "organisation", "home_region"]}),
        (_("Status"), {"fields": ["is_active", "is_staff", "is_superuser", "email_confirmed_at"]}),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_form = InviteForm
    add_fieldsets = [(None, {"fields": ["email", "full_name", "role", "organisation"]})]
    filter_horizontal = []

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        # InviteForm already checked everything user_invite checks.
        invited = user_invite(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            role=form.cleaned_data["role"],
            organisation=form.cleaned_data.get("organisation"),
            invited_by=request.user,
        )
        obj.pk = invited.pk
        messages.info(
            request, _("Uitnodiging verstuurd naar %(email)s.") % {"email": invited.email}
        )
